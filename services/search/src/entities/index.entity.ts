import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Audience } from '@plein/auth';
import type { Intranet, SearchType } from '@plein/contracts';

/**
 * One view of an item in the PostgreSQL full-text index (`documents`, keyed per type, id and intranet). The
 * schema is a wildcard: each engine instance names its own (`withSchema`), so an index can live in any schema.
 * The generated columns `tsv` and `title_prefix` are PostgreSQL's to fill and only read by postgres.query.ts.
 */
export const IndexedDocumentEntity = defineEntity({
  name: 'IndexedDocument',
  tableName: 'documents',
  schema: '*',
  properties: {
    key: p.text().primary(),
    type: p.text().$type<SearchType>(),
    id: p.text(),
    intranet: p.text().$type<Intranet>(),
    audience: p.text().$type<Audience>(),
    groupId: p.uuid().nullable(),
    authorId: p.uuid().nullable(),
    namedUserIds: p.array().$type<string[]>().columnType('uuid[]'),
    hidden: p.boolean(),
    title: p.text(),
    body: p.text(),
    updatedAt: p.datetime(),
    /** For comments: `type:id` of the item whose visibility they share. */
    parent: p.text().nullable(),
  },
});
export type IndexedDocumentRecord = InstanceType<typeof IndexedDocumentEntity.class>;

/** A word seen in indexed text: the lexicon typo correction and completion look words up in. */
export const IndexTermEntity = defineEntity({
  name: 'IndexTerm',
  tableName: 'terms',
  schema: '*',
  properties: {
    term: p.text().primary(),
  },
});

export const SEARCH_ENTITIES = [IndexedDocumentEntity, IndexTermEntity];
