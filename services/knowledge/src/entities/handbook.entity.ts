import { defineEntity, p } from '@mikro-orm/postgresql';
import type { ArticleState } from '@plein/contracts';

export const ChapterEntity = defineEntity({
  name: 'Chapter',
  tableName: 'chapters',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().unique(),
    title: p.text(),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Chapter = InstanceType<typeof ChapterEntity.class>;

/** A handbook article: its current state; the text lives in its versions. */
export const ArticleEntity = defineEntity({
  name: 'Article',
  tableName: 'articles',
  properties: {
    id: p.uuid().primary(),
    chapterId: p.uuid(),
    title: p.text(),
    ownerId: p.uuid().nullable(),
    /** ISO date (YYYY-MM-DD). */
    reviewBy: p.string().columnType('date').nullable(),
    state: p.string().$type<ArticleState>(),
    latestVersion: p.integer(),
    publishedVersion: p.integer().nullable(),
    /** For imported articles: the file it came from and the hash of its content at the last import. */
    sourcePath: p.text().nullable(),
    sourceHash: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Article = InstanceType<typeof ArticleEntity.class>;

/** Every edit of an article is a version; versions are never changed. */
export const ArticleVersionEntity = defineEntity({
  name: 'ArticleVersion',
  tableName: 'article_versions',
  properties: {
    articleId: p.uuid().primary(),
    n: p.integer().primary(),
    title: p.text(),
    body: p.text(),
    changeNote: p.text(),
    authorId: p.uuid().nullable(),
    /** Whether readers ever saw this version (their history shows only these). */
    wasPublished: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ArticleVersion = InstanceType<typeof ArticleVersionEntity.class>;

/** A client how-to page ("Hoe werkt het?"), written by staff. */
export const HowtoEntity = defineEntity({
  name: 'Howto',
  tableName: 'howtos',
  properties: {
    id: p.uuid().primary(),
    title: p.text(),
    body: p.text(),
    published: p.boolean().default(true),
    authorId: p.uuid().nullable(),
    sourcePath: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Howto = InstanceType<typeof HowtoEntity.class>;
