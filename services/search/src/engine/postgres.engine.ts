import type { EntityManager } from '@mikro-orm/postgresql';
import { type NamedSql, type ReaderScope, visibilityFilter, visibilityFilterSql } from '@plein/auth';
import type { SearchResult, SearchType, SuggestResult } from '@plein/contracts';
import { bindNamed, type PreparedReads, textArray } from '@plein/persistence';
import { SearchIndexRepository } from '../repositories/index.repository.js';
import {
  completionsQuery,
  correctionsQuery,
  searchQuery,
  splitsCompoundsQuery,
  suggestQuery,
} from './postgres.query.js';
import {
  type ChildDocument,
  documentKey,
  type DocumentRef,
  parentKey,
  type SearchDocument,
} from './search-document.js';
import { type EngineQuery, type SearchEngine, safeSnippet } from './search-engine.js';
import { MAX_WORD_LETTERS } from './words.js';

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_QUERY_WORDS = 8;

/** Words worth remembering for typo correction. */
function lexicon(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD))
    if (m[0].length >= 4 && m[0].length <= 40) words.add(m[0]);
  return [...words];
}

/** The words of the word being typed (the last one) match as a prefix from this many letters on. */
const PREFIX_FROM = 3;

/**
 * PostgreSQL full-text search: a tsvector with the `plein_dutch` configuration (title weighted above body): Dutch
 * compounds split by an Ispell dictionary made from Debian's hunspell-nl, then the Dutch stemmer (see the
 * dutch_compounds migration); a GIN index, pg_trgm over a lexicon of indexed words for typo tolerance, the word
 * being typed matched as a prefix, ts_headline for snippets. The visibility rule is part of every WHERE clause.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  /**
   * Writes go through MikroORM (`em`, the index's entities in SearchIndexRepository); the query statements
   * (search, suggest, typo lookup: postgres.query.ts) run on `reads` as prepared statements with generic plans:
   * planning a search took longer (≈ 7 ms) than running it. Their texts do not vary with the query: the words
   * travel as one tsquery string, the reader's scope as arrays.
   */
  constructor(
    private readonly em: () => EntityManager,
    private readonly reads: PreparedReads,
    private readonly schema = 'search',
  ) {}

  private read<T>(query: NamedSql): Promise<T[]> {
    const { sql, params } = bindNamed(query);
    return this.reads.query<T>(sql, params);
  }

  /** The index's repository over `em` (the transaction in use), in this engine's schema. */
  private index(em: EntityManager = this.em()): SearchIndexRepository {
    return new SearchIndexRepository(em, this.schema);
  }

  /**
   * Whether Dutch compounds are split: the configuration asks the Ispell dictionary first. False where the
   * dictionary's files were missing when the migration ran (the configuration is then a copy of `dutch`).
   */
  async splitsCompounds(): Promise<boolean> {
    const { sql, params } = bindNamed(splitsCompoundsQuery(this.schema));
    const rows = await this.em().execute<{ n: string }[]>(sql, params);
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.em().transactional((tx) => this.write(tx, documents));
  }

  /** Writes views and their words in the transaction `tx` is in (replace and upsertChild write in their own). */
  private async write(tx: EntityManager, documents: SearchDocument[]): Promise<void> {
    const index = this.index(tx);
    for (const d of documents) await index.upsert(d);
    await index.addTerms([...new Set(documents.flatMap((d) => lexicon(`${d.title} ${d.body}`)))]);
  }

  async replace(ref: DocumentRef, documents: SearchDocument[], updatedAt: string): Promise<void> {
    await this.em().transactional(async (tx) => {
      await this.index(tx).removeOtherViews(ref, documents.map(documentKey), updatedAt);
      await this.write(tx, documents);
      // children (comments) follow their parent's visibility
      await this.index(tx).alignChildren(ref);
    });
  }

  async upsertChild(parents: DocumentRef[], child: ChildDocument): Promise<void> {
    await this.em().transactional(async (tx) => {
      for (const parent of parents) {
        const views = await this.index(tx).views(parent);
        if (views.length === 0) continue;
        await this.write(
          tx,
          views.map((v) => ({ ...child, ...v, parent: parentKey(parent) })),
        );
        return;
      }
      throw new Error(`the parent of ${child.type} ${child.id} is not indexed (yet)`);
    });
  }

  async remove(refs: DocumentRef[]): Promise<void> {
    for (const r of refs) await this.index().remove(r);
  }

  async setHidden(ref: DocumentRef, hidden: boolean): Promise<void> {
    await this.index().setHidden(ref, hidden);
  }

  async erasePerson(userId: string, formerId: string): Promise<{ removed: number; anonymised: number }> {
    return this.em().transactional(async (tx) => {
      const index = this.index(tx);
      const own = await index.personViews(userId);
      const result = await index.erasePerson(userId, formerId);
      // words that only the person's entries brought (their names) leave the typo lexicon
      await index.forgetTerms([...new Set(own.flatMap((d) => lexicon(`${d.title} ${d.body}`)))]);
      return result;
    });
  }

  async personEntries(userId: string): Promise<SearchDocument[]> {
    const rows = await this.index().personViews(userId);
    return rows.map((r) => ({
      type: r.type,
      id: r.id,
      intranet: r.intranet,
      title: r.title,
      body: r.body,
      updatedAt: new Date(r.updatedAt).toISOString(),
    })) as unknown as SearchDocument[];
  }

  async clear(): Promise<void> {
    await this.index().clear();
  }

  async count(): Promise<number> {
    return this.index().count();
  }

  /**
   * The visibility rule as SQL over the reader's scope, rendered from the rule's one filter description in
   * libs/auth (its text is the same for every reader, so the prepared statements keep one plan).
   */
  private visibility(scope: ReaderScope): NamedSql {
    return visibilityFilterSql(visibilityFilter(scope), 'd');
  }

  /**
   * The to_tsquery text for the words of q: each word, or any of its close spellings from the lexicon, must
   * match (`(huisvestnig | huisvesting) & bewoners`). The words are letters and digits only (WORD), so they
   * carry no tsquery syntax of their own.
   */
  private async tsquery(q: string): Promise<string | undefined> {
    // cut like the indexed text (cutLongWords), so a long word finds itself and never reaches the dictionary whole
    const words = [
      ...new Set(
        [...q.toLowerCase().matchAll(WORD)].map((m) => [...m[0]].slice(0, MAX_WORD_LETTERS).join('')),
      ),
    ].slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return undefined;
    // Typo tolerance: a word the index has never seen is replaced by the closest words it has seen, at most
    // one edit away for words of 5 to 8 letters and two for longer ones (Meilisearch's defaults), so a
    // correction is a plausible misspelling and never merely a word with a few letters in common.
    const candidates = words.filter((w) => w.length >= 5);
    const corrections = new Map<string, string[]>();
    if (candidates.length > 0) {
      const rows = await this.read<{ word: string; term: string | null }>(
        correctionsQuery(this.schema, textArray(candidates)),
      );
      for (const r of rows) if (r.term) corrections.set(r.word, [...(corrections.get(r.word) ?? []), r.term]);
    }
    // The last word may be one still being typed: it also matches as a prefix ("overdr" finds "overdracht").
    const last = words.length - 1;
    return words
      .map((word, i) => {
        const typed = i === last && word.length >= PREFIX_FROM ? `${word}:*` : word;
        return `(${[typed, ...(corrections.get(word) ?? [])].join(' | ')})`;
      })
      .join(' & ');
  }

  async search(query: EngineQuery, scope: ReaderScope): Promise<Omit<SearchResult, 'nextCursor'>> {
    const tsq = await this.tsquery(query.q);
    if (!tsq) return { items: [], total: 0, facets: {} };
    // The candidates: the visible matches, at most CANDIDATES of them. Counts, facets and ranking work on this
    // set, so they never count what the reader may not read; for very common words they are lower bounds.
    const rows = await this.read<{
      type: SearchType;
      id: string;
      title: string;
      snippet: string | null;
      n: string;
      facets: Record<string, number>;
    }>(
      searchQuery(this.schema, this.visibility(scope), {
        tsquery: tsq,
        type: query.type ?? null,
        limit: query.limit,
        offset: query.offset,
      }),
    );
    const first = rows[0];
    const total = Number(first?.n ?? 0);
    const facets = first?.facets ?? {};
    return {
      items: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ type: r.type, id: r.id, title: r.title, snippet: safeSnippet(r.snippet ?? '') })),
      total,
      facets,
    };
  }

  async suggest(q: string, limit: number, scope: ReaderScope): Promise<SuggestResult> {
    const words = [...q.toLowerCase().matchAll(WORD)].map((m) => m[0]).slice(0, MAX_QUERY_WORDS);
    const last = words.pop();
    if (last === undefined) return { items: [] };
    // The word being typed is completed from the lexicon of indexed words (a trigram index answers the
    // prefix), so the title search looks up a few whole words instead of every word with that prefix.
    const completions =
      last.length >= 3
        ? (await this.read<{ term: string }>(completionsQuery(this.schema, last))).map((r) => r.term)
        : [];
    // 'simple' configuration: no stemming, so typed words and completions stay as typed
    const typed = completions.length > 0 ? `(${[last, ...completions].join(' | ')})` : `${last}:*`;
    const tsq = [...words, typed].join(' & ');
    const rows = await this.read<{ type: SearchType; id: string; title: string }>(
      suggestQuery(this.schema, this.visibility(scope), tsq, limit),
    );
    return { items: rows.map((r) => ({ type: r.type, id: r.id, title: r.title })) };
  }
}
