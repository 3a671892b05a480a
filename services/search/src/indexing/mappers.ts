import type { EventContract } from '@plein/contracts';
import type { z } from 'zod';
import type { ChildDocument, DocumentRef, SearchDocument } from '../engine/search-document.js';

/** What one event means for the index. */
export type IndexChange =
  | { kind: 'upsert'; documents: SearchDocument[] }
  /** The item's views are exactly these now (none: it leaves the index), unless the index has newer ones. */
  | { kind: 'replace'; ref: DocumentRef; documents: SearchDocument[]; updatedAt: string }
  | { kind: 'remove'; refs: DocumentRef[] }
  | { kind: 'hide'; ref: DocumentRef; hidden: boolean }
  /** A comment: indexed with the visibility of the first of `parents` that is indexed. */
  | { kind: 'child'; parents: DocumentRef[]; document: ChildDocument };

/** When the change happened (the event's occurredAt; for a rebuild, the time of the rebuild). */
export interface EventMeta {
  occurredAt: string;
}

export interface EventMapper<D extends z.ZodType = z.ZodType> {
  event: EventContract<D>;
  /** Durable consumer name suffix: search-<purpose>. */
  purpose: string;
  map: (data: z.infer<D>, meta: EventMeta) => IndexChange[];
}

export const mapper = <D extends z.ZodType>(m: EventMapper<D>): EventMapper => m;
