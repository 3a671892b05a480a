import { z } from 'zod';
import { defineRpc } from './rpc.js';

/** What the search index holds, one type per kind of content. */
export const SearchType = z.enum([
  'post',
  'comment',
  'article',
  'person',
  'location',
  'team',
  'question',
  'answer',
  'handbook',
  'document',
  'activity',
]);
export type SearchType = z.infer<typeof SearchType>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(200),
  type: SearchType.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  type: SearchType,
  id: z.string(),
  title: z.string(),
  /** Safe HTML: the text escaped, with the matched words in <mark>…</mark>. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  total: z.number().int().min(0),
  /** Matches per type, counted over what the caller may read only. */
  facets: z.record(z.string(), z.number().int().min(0)),
  nextCursor: z.string().optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SuggestQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const SuggestResult = z.object({
  items: z.array(z.object({ type: SearchType, id: z.string(), title: z.string() })),
});
export type SuggestResult = z.infer<typeof SuggestResult>;

export const RebuildResult = z.object({
  indexed: z.number().int().min(0),
  sources: z.record(z.string(), z.number().int()),
});
export type RebuildResult = z.infer<typeof RebuildResult>;

/**
 * What a content service answers when search rebuilds: its current state as the data of its own
 * events (`event` is the event type whose data schema `data` follows), a page at a time.
 */
export const ExportPageRequest = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export const ExportPage = z.object({
  items: z.array(z.object({ event: z.string(), data: z.unknown() })),
  nextCursor: z.string().optional(),
});
export type ExportPage = z.infer<typeof ExportPage>;
export const exportForSearch = (service: string) =>
  defineRpc(`${service}.search.export`, ExportPageRequest, ExportPage, { needsPrincipal: false });

export const SearchRpc = {
  query: defineRpc('search.query.run', SearchQuery, SearchResult),
  suggest: defineRpc('search.suggest.run', SuggestQuery, SuggestResult),
  /** Administration: throw the index away and rebuild it from the owning services. */
  rebuild: defineRpc('search.index.rebuild', z.object({}), RebuildResult),
} as const;

/**
 * Whom the caller follows and which groups they are in: the relations the visibility rule needs, which
 * live in timelines. Search asks for them per query, so a left group or an unfollow counts at once.
 */
export const ReaderRelations = z.object({ groupIds: z.array(z.uuid()), followeeIds: z.array(z.uuid()) });
export type ReaderRelations = z.infer<typeof ReaderRelations>;
export const readerRelationsRpc = defineRpc('timelines.reader.relations', z.object({}), ReaderRelations);
