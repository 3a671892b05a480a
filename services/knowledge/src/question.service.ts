import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Principal,
  type QuestionCreate,
  QuestionAsked,
  QuestionDeleted,
  type QuestionListQuery,
  type QuestionPage,
  QuestionPatch,
  QuestionUpdated,
  type QuestionView,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import type { Question } from './entities/question.entity.js';
import { SERVICE } from './knowledge.config.js';
import { QuestionViews } from './question.views.js';
import { type KnowledgeReader, ReaderService } from './reader.service.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { QuestionRepository } from './repositories/question.repository.js';

const encodeCursor = (q: Question) =>
  Buffer.from(JSON.stringify([q.createdAt.toISOString(), q.id])).toString('base64url');
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/.test(String(v[1]))) {
      const createdAt = new Date(v[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: String(v[1]) };
    }
  } catch {
    // fall through
  }
  throw badRequest('The cursor is not one this list gave out');
}

/** Asking, listing, reading, editing, removing and following questions. */
@Injectable()
export class QuestionService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
  ) {}

  /** A readable question or 404: whoever may not see it cannot tell it exists. */
  static async readable(repo: QuestionRepository, id: string, reader: KnowledgeReader, lock = false) {
    const q = lock ? await repo.findForUpdate(id) : await repo.find(id);
    if (!q || !reader.canRead(q)) throw notFound('No such question');
    return q;
  }

  async list(query: QuestionListQuery, principal: Principal): Promise<QuestionPage> {
    const reader = await this.readers.of(principal);
    const rows = await new QuestionRepository(this.em).list({
      intranet: principal.intranet,
      readerId: principal.userId,
      groupIds: reader.groupIds,
      seesHidden: reader.isModerator,
      unanswered: query.filter === 'unanswered',
      ...(query.tag ? { tag: query.tag } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const items = await new QuestionViews(this.em).summaries(
      page.filter((q) => reader.canRead(q)),
      reader,
    );
    const last = page[page.length - 1];
    return rows.length > query.limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
  }

  async ask(input: QuestionCreate, principal: Principal): Promise<QuestionView> {
    if (input.anonymous && principal.intranet !== 'staff')
      throw badRequest('Anonymous questions are for the staff intranet only');
    const reader = await this.readers.of(principal);
    if (input.groupId && !reader.groupIds.includes(input.groupId))
      throw forbidden('You can only ask in a group you are a member of');
    return this.em.transactional(async (tx) => {
      await new PeopleRepository(tx).remember(principal);
      const repo = new QuestionRepository(tx);
      const q = repo.create({
        intranet: principal.intranet,
        audience: input.groupId ? 'group' : 'organization',
        groupId: input.groupId ?? null,
        authorId: principal.userId,
        anonymous: input.anonymous,
        title: input.title.trim(),
        body: input.body,
        tags: input.tags,
      });
      await tx.flush();
      await repo.setFollowing(q.id, principal.userId, true);
      const views = new QuestionViews(tx);
      recordEvent(tx, QuestionAsked, await views.indexed(q), SERVICE);
      return views.full(q, reader);
    });
  }

  async get(id: string, principal: Principal): Promise<QuestionView> {
    const reader = await this.readers.of(principal);
    const q = await QuestionService.readable(new QuestionRepository(this.em), id, reader);
    return new QuestionViews(this.em).full(q, reader);
  }

  async update(
    id: string,
    patch: z.infer<typeof QuestionPatch>,
    principal: Principal,
  ): Promise<QuestionView> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const q = await QuestionService.readable(new QuestionRepository(tx), id, reader, true);
      if (q.authorId !== principal.userId && !reader.isModerator)
        throw forbidden('Only the asker or a moderator edits a question');
      if (patch.title !== undefined) q.title = patch.title.trim();
      if (patch.body !== undefined) q.body = patch.body;
      if (patch.tags !== undefined) q.tags = patch.tags;
      await tx.flush();
      const views = new QuestionViews(tx);
      recordEvent(tx, QuestionUpdated, await views.indexed(q), SERVICE);
      return views.full(q, reader);
    });
  }

  async remove(id: string, principal: Principal): Promise<{ id: string }> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const q = await QuestionService.readable(repo, id, reader, true);
      if (q.authorId !== principal.userId && !reader.isModerator)
        throw forbidden('Only the asker or a moderator removes a question');
      repo.remove(q);
      recordEvent(tx, QuestionDeleted, { questionId: q.id }, SERVICE);
      return { id: q.id };
    });
  }

  async follow(
    id: string,
    following: boolean,
    principal: Principal,
  ): Promise<{ id: string; following: boolean }> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const q = await QuestionService.readable(repo, id, reader);
      await new PeopleRepository(tx).remember(principal);
      await repo.setFollowing(q.id, principal.userId, following);
      return { id: q.id, following };
    });
  }
}
