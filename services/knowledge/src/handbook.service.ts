import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type ArticleCreate,
  type ArticleDiff,
  type ArticlePatch,
  ArticlePublished,
  type ArticleSummary,
  type ArticleView,
  type Principal,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { type PersonFacts, hasAnyRole } from '@plein/auth';
import { recordEvent } from '@plein/messaging';
import { createTwoFilesPatch, diffLines } from 'diff';
import type { Article, ArticleVersion } from './entities/handbook.entity.js';
import { SERVICE } from './knowledge.config.js';
import { articlePublishedData } from './search-export.views.js';
import { authorOf } from './person-card.js';
import { HandbookRepository } from './repositories/handbook.repository.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

const isEditor = (p: Principal) => p.realm === 'staff' && hasAnyRole(p, ['editor', 'admin']);

/** The quality handbook lives in the staff intranet; elsewhere it does not exist. */
function staffOnly(p: Principal): void {
  if (p.intranet !== 'staff' || p.realm !== 'staff') throw notFound('The handbook is in the staff intranet');
}
function editorOnly(p: Principal): void {
  staffOnly(p);
  if (!isEditor(p)) throw forbidden('Editors and admins write the handbook');
}

export const versionText = (v: { title: string; body: string }) => `# ${v.title}\n\n${v.body}\n`;

/** Recording an article's published version for search (staff intranet, the whole organisation). */
export function recordPublished(tx: EntityManager, article: Article, v: ArticleVersion): void {
  recordEvent(tx, ArticlePublished, articlePublishedData(article, v), SERVICE);
}

/** Chapters, articles, versions and diffs, and the review list. */
@Injectable()
export class HandbookService {
  constructor(private readonly em: EntityManager) {}

  async chapters(principal: Principal) {
    staffOnly(principal);
    const repo = new HandbookRepository(this.em);
    const editor = isEditor(principal);
    const [chapters, articles] = await Promise.all([
      repo.chapters(),
      repo.articles({ publishedOnly: !editor }),
    ]);
    const summaries = await this.summaries(articles, principal);
    return {
      items: chapters.map((c) => ({
        id: c.id,
        slug: c.slug,
        title: c.title,
        position: c.position,
        articles: summaries.filter((a) => a.chapterId === c.id),
      })),
    };
  }

  async createChapter(input: { slug: string; title: string; position: number }, principal: Principal) {
    editorOnly(principal);
    return this.em.transactional(async (tx) => {
      const repo = new HandbookRepository(tx);
      if (await repo.chapterBySlug(input.slug)) throw badRequest(`A chapter "${input.slug}" exists already`);
      const c = await repo.createChapter(input.slug, input.title.trim(), input.position);
      return { id: c.id, slug: c.slug, title: c.title, position: c.position, articles: [] };
    });
  }

  async get(id: string, principal: Principal): Promise<ArticleView> {
    staffOnly(principal);
    const repo = new HandbookRepository(this.em);
    const article = await repo.article(id);
    if (!article) throw notFound('No such article');
    const editor = isEditor(principal);
    const n = editor ? article.latestVersion : (article.publishedVersion ?? null);
    if (n === null) throw notFound('No such article');
    const v = await repo.version(article.id, n);
    if (!v) throw notFound('No such article');
    return this.view(article, v, principal);
  }

  async create(input: ArticleCreate, principal: Principal): Promise<ArticleView> {
    editorOnly(principal);
    return this.em.transactional(async (tx) => {
      const repo = new HandbookRepository(tx);
      if (!(await repo.chapter(input.chapterId))) throw badRequest('No such chapter');
      await new PeopleRepository(tx).remember(principal);
      const article = await repo.createArticle({
        chapterId: input.chapterId,
        title: input.title.trim(),
        ownerId: input.ownerId ?? principal.userId,
        reviewBy: input.reviewBy ?? null,
      });
      const v = repo.addVersion(article, {
        title: article.title,
        body: input.body,
        changeNote: input.changeNote,
        authorId: principal.userId,
        publish: input.state === 'published',
      });
      await tx.flush();
      if (input.state === 'published') recordPublished(tx, article, v);
      return this.view(article, v, principal, tx);
    });
  }

  /** Every edit is a new version with its change note. */
  async update(id: string, patch: ArticlePatch, principal: Principal): Promise<ArticleView> {
    editorOnly(principal);
    return this.em.transactional(async (tx) => {
      const repo = new HandbookRepository(tx);
      const article = await repo.article(id, true);
      if (!article) throw notFound('No such article');
      const latest = await repo.version(article.id, article.latestVersion);
      if (!latest) throw notFound('No such article');
      if (patch.chapterId && !(await repo.chapter(patch.chapterId))) throw badRequest('No such chapter');
      await new PeopleRepository(tx).remember(principal);
      if (patch.chapterId) article.chapterId = patch.chapterId;
      if (patch.ownerId !== undefined) article.ownerId = patch.ownerId;
      if (patch.reviewBy !== undefined) article.reviewBy = patch.reviewBy;
      const publish = (patch.state ?? article.state) === 'published';
      const v = repo.addVersion(article, {
        title: patch.title?.trim() ?? latest.title,
        body: patch.body ?? latest.body,
        changeNote: patch.changeNote.trim(),
        authorId: principal.userId,
        publish,
      });
      await tx.flush();
      if (publish) recordPublished(tx, article, v);
      return this.view(article, v, principal, tx);
    });
  }

  /** Editors see every version; readers only the ones that were published. */
  async versions(id: string, principal: Principal) {
    const { article, versions } = await this.readableVersions(id, principal);
    const people = await new PersonFactsRepository(this.em).byIds(
      versions.flatMap((v) => (v.authorId ? [v.authorId] : [])),
    );
    return {
      items: versions.map((v) => ({
        n: v.n,
        title: v.title,
        changeNote: v.changeNote,
        author: v.authorId ? authorOf(people.get(v.authorId), principal) : null,
        at: v.createdAt.toISOString(),
        published: v.n === article.publishedVersion,
      })),
    };
  }

  async version(id: string, n: number, principal: Principal) {
    const { article, versions } = await this.readableVersions(id, principal);
    const v = versions.find((x) => x.n === n);
    if (!v) throw notFound('No such version');
    const people = await new PersonFactsRepository(this.em).byIds(v.authorId ? [v.authorId] : []);
    return {
      articleId: article.id,
      n: v.n,
      title: v.title,
      body: v.body,
      changeNote: v.changeNote,
      author: v.authorId ? authorOf(people.get(v.authorId), principal) : null,
      at: v.createdAt.toISOString(),
      published: v.n === article.publishedVersion,
    };
  }

  async diff(id: string, from: number, to: number, principal: Principal): Promise<ArticleDiff> {
    const { article, versions } = await this.readableVersions(id, principal);
    const a = versions.find((x) => x.n === from);
    const b = versions.find((x) => x.n === to);
    if (!a || !b) throw notFound('No such version');
    const before = versionText(a);
    const after = versionText(b);
    return {
      articleId: article.id,
      from,
      to,
      patch: createTwoFilesPatch(`versie ${from}`, `versie ${to}`, before, after),
      parts: diffLines(before, after).map((c) => ({
        kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
        text: c.value,
      })),
    };
  }

  async reviewDue(within: number, principal: Principal) {
    staffOnly(principal);
    const until = new Date(Date.now() + within * 86_400_000).toISOString().slice(0, 10);
    const articles = await new HandbookRepository(this.em).reviewDue(until, !isEditor(principal));
    return { items: await this.summaries(articles, principal) };
  }

  private async readableVersions(id: string, principal: Principal) {
    staffOnly(principal);
    const repo = new HandbookRepository(this.em);
    const article = await repo.article(id);
    const editor = isEditor(principal);
    if (!article || (!editor && article.publishedVersion === null)) throw notFound('No such article');
    const versions = (await repo.versions(article.id)).filter((v) => editor || v.wasPublished);
    return { article, versions };
  }

  private async summaries(articles: Article[], principal: Principal): Promise<ArticleSummary[]> {
    const editor = isEditor(principal);
    const [people, published] = await Promise.all([
      new PersonFactsRepository(this.em).byIds(articles.flatMap((a) => (a.ownerId ? [a.ownerId] : []))),
      editor
        ? Promise.resolve(new Map<string, ArticleVersion>())
        : new HandbookRepository(this.em).publishedVersions(articles),
    ]);
    return articles.map((a) =>
      summary(a, people, principal, editor ? a.title : (published.get(a.id)?.title ?? a.title)),
    );
  }

  private async view(
    article: Article,
    v: ArticleVersion,
    principal: Principal,
    em = this.em,
  ): Promise<ArticleView> {
    const people = await new PersonFactsRepository(em).byIds(article.ownerId ? [article.ownerId] : []);
    return {
      ...summary(article, people, principal, v.title),
      version: v.n,
      body: v.body,
      changeNote: v.changeNote,
      canEdit: isEditor(principal),
    };
  }
}

function summary(
  a: Article,
  people: Map<string, PersonFacts>,
  principal: Principal,
  title: string,
): ArticleSummary {
  const editor = isEditor(principal);
  return {
    id: a.id,
    chapterId: a.chapterId,
    title,
    state: editor ? a.state : 'published',
    owner: a.ownerId ? authorOf(people.get(a.ownerId), principal) : null,
    reviewBy: a.reviewBy ?? null,
    publishedVersion: a.publishedVersion ?? null,
    latestVersion: editor ? a.latestVersion : (a.publishedVersion ?? 0),
    updatedAt: a.updatedAt.toISOString(),
  };
}
