import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import {
  type Article,
  ArticleEntity,
  type ArticleVersion,
  ArticleVersionEntity,
  type Chapter,
  ChapterEntity,
} from '../entities/handbook.entity.js';

/** Handbook chapters, articles and their versions: the one place that knows how they are stored. */
export class HandbookRepository {
  constructor(private readonly em: EntityManager) {}

  chapters(): Promise<Chapter[]> {
    return this.em.find(ChapterEntity, {}, { orderBy: [{ position: 'asc' }, { title: 'asc' }] });
  }

  chapter(id: string): Promise<Chapter | null> {
    return this.em.findOne(ChapterEntity, { id });
  }

  chapterBySlug(slug: string): Promise<Chapter | null> {
    return this.em.findOne(ChapterEntity, { slug });
  }

  /** Written at once: entities here hold ids, not relations, so the unit of work cannot order the inserts. */
  async createChapter(slug: string, title: string, position: number): Promise<Chapter> {
    const c = this.em.create(ChapterEntity, { id: randomUUID(), slug, title, position });
    await this.em.flush();
    return c;
  }

  articles(filter: { publishedOnly: boolean }): Promise<Article[]> {
    return this.em.find(ArticleEntity, filter.publishedOnly ? { publishedVersion: { $ne: null } } : {}, {
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
    });
  }

  article(id: string, lock = false): Promise<Article | null> {
    return this.em.findOne(ArticleEntity, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  articleBySource(sourcePath: string): Promise<Article | null> {
    return this.em.findOne(ArticleEntity, { sourcePath }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Articles whose review date is on or before `until` (YYYY-MM-DD), soonest first. */
  reviewDue(until: string, publishedOnly: boolean): Promise<Article[]> {
    return this.em.find(
      ArticleEntity,
      { reviewBy: { $ne: null, $lte: until }, ...(publishedOnly ? { publishedVersion: { $ne: null } } : {}) },
      { orderBy: [{ reviewBy: 'asc' }, { title: 'asc' }] },
    );
  }

  /** Written at once, before its first version (see createChapter). */
  async createArticle(data: {
    chapterId: string;
    title: string;
    ownerId: string | null;
    reviewBy: string | null;
    sourcePath?: string;
    sourceHash?: string;
  }): Promise<Article> {
    const a = this.em.create(ArticleEntity, {
      id: randomUUID(),
      chapterId: data.chapterId,
      title: data.title,
      ownerId: data.ownerId,
      reviewBy: data.reviewBy,
      state: 'draft',
      latestVersion: 0,
      publishedVersion: null,
      sourcePath: data.sourcePath ?? null,
      sourceHash: data.sourceHash ?? null,
    });
    await this.em.flush();
    return a;
  }

  /** Adds the next version of an article; versions are never changed afterwards (but for `wasPublished`). */
  addVersion(
    article: Article,
    v: { title: string; body: string; changeNote: string; authorId: string | null; publish: boolean },
  ): ArticleVersion {
    const n = article.latestVersion + 1;
    article.latestVersion = n;
    article.title = v.title;
    article.state = v.publish ? 'published' : 'draft';
    if (v.publish) article.publishedVersion = n;
    return this.em.create(ArticleVersionEntity, {
      articleId: article.id,
      n,
      title: v.title,
      body: v.body,
      changeNote: v.changeNote,
      authorId: v.authorId,
      wasPublished: v.publish,
    });
  }

  version(articleId: string, n: number): Promise<ArticleVersion | null> {
    return this.em.findOne(ArticleVersionEntity, { articleId, n });
  }

  versions(articleId: string): Promise<ArticleVersion[]> {
    return this.em.find(ArticleVersionEntity, { articleId }, { orderBy: { n: 'asc' } });
  }

  /** The published version of each article, by article id. */
  async publishedVersions(articles: Article[]): Promise<Map<string, ArticleVersion>> {
    const keys = articles.filter((a) => a.publishedVersion !== null);
    if (keys.length === 0) return new Map();
    const rows = await this.em.find(ArticleVersionEntity, {
      $or: keys.map((a) => ({ articleId: a.id, n: a.publishedVersion! })),
    });
    return new Map(rows.map((v) => [v.articleId, v]));
  }

  exportPage(afterId: string | undefined, limit: number): Promise<Article[]> {
    return this.em.find(
      ArticleEntity,
      { publishedVersion: { $ne: null }, ...(afterId ? { id: { $gt: afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit },
    );
  }
}
