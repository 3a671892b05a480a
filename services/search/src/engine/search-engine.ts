import type { ReaderScope } from '@plein/auth';
import type { SearchResult, SearchType, SuggestResult } from '@plein/contracts';
import type { ChildDocument, DocumentRef, SearchDocument } from './search-document.js';

export interface EngineQuery {
  q: string;
  type?: SearchType;
  offset: number;
  limit: number;
}

/**
 * The port both engines implement (PostgreSQL full-text and Meilisearch). Every read takes the
 * reader's scope (the visibility rule as a filter) and applies it inside the engine, so totals
 * and facets count only what the reader may read.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  upsert(documents: SearchDocument[]): Promise<void>;
  /**
   * Makes `documents` the only views of the item, unless the index holds a view newer than `updatedAt`
   * (events of one item can arrive out of order on different consumers).
   */
  replace(ref: DocumentRef, documents: SearchDocument[], updatedAt: string): Promise<void>;
  /**
   * Indexes a child (a comment) with the visibility of its parent's views; the first of `parents` that is
   * indexed counts. Fails while no parent is indexed yet, so the event is retried.
   */
  upsertChild(parents: DocumentRef[], child: ChildDocument): Promise<void>;
  /** Removes every intranet view of these items, and their children. */
  remove(refs: DocumentRef[]): Promise<void>;
  setHidden(ref: DocumentRef, hidden: boolean): Promise<void>;
  search(query: EngineQuery, scope: ReaderScope): Promise<Omit<SearchResult, 'nextCursor'>>;
  suggest(q: string, limit: number, scope: ReaderScope): Promise<SuggestResult>;
  /**
   * Erasure (AVG): removes the person's own entries (their person views) and makes the stand-in `formerId` the
   * author of what they wrote; other entries stop naming them. Idempotent.
   */
  erasePerson(userId: string, formerId: string): Promise<{ removed: number; anonymised: number }>;
  /** The entries the person is the subject of (their person views), for the personal-data export. */
  personEntries(userId: string): Promise<SearchDocument[]>;
  /** Empties the index (rebuild starts here). */
  clear(): Promise<void>;
  count(): Promise<number>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';
export const HIGHLIGHT = { open: MARK_OPEN, close: MARK_CLOSE };

/** Escapes text for HTML and turns the engine's highlight markers into <mark> — the only markup in a snippet. */
export function safeSnippet(raw: string): string {
  return raw
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}
