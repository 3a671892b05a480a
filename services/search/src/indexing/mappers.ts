import type { EventContract } from '@plein/contracts';
import type { z } from 'zod';
import type { DocumentRef, SearchDocument } from '../engine/search-document.js';

/** What one event means for the index. */
export type IndexChange =
  | { kind: 'upsert'; documents: SearchDocument[] }
  | { kind: 'remove'; refs: DocumentRef[] }
  | { kind: 'hide'; ref: DocumentRef; hidden: boolean }
  | { kind: 'follow'; followerId: string; followeeId: string; following: boolean }
  | { kind: 'membership'; userId: string; groupId: string; member: boolean };

export interface EventMapper<D extends z.ZodType = z.ZodType> {
  event: EventContract<D>;
  /** Durable consumer name suffix: search-<purpose>. */
  purpose: string;
  map: (data: z.infer<D>) => IndexChange[];
}

export const mapper = <D extends z.ZodType>(m: EventMapper<D>): EventMapper => m;

/**
 * Every event search is fed by, and what it does to the index. Content services add their events here
 * as they land; rebuild replays their exported state through the same mappers.
 */
export const EVENT_MAPPERS: EventMapper[] = [];
