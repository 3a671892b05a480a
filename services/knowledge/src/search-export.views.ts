import { ArticlePublished } from '@plein/contracts';
import type { Article, ArticleVersion } from './entities/handbook.entity.js';

/** An article's published version as `article.published` data (the event and the export say the same). */
export function articlePublishedData(article: Article, v: ArticleVersion) {
  return {
    articleId: article.id,
    chapterId: article.chapterId,
    intranet: 'staff' as const,
    title: v.title,
    body: v.body,
    version: v.n,
    publishedAt: v.createdAt.toISOString(),
  };
}

export const recordedArticle = (article: Article, v: ArticleVersion) => ({
  event: ArticlePublished.type,
  data: articlePublishedData(article, v),
});
