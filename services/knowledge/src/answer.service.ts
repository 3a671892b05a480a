import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  AnswerAccepted,
  AnswerPosted,
  type AnswerView,
  type Principal,
  QuestionUpdated,
  type QuestionView,
  type VoteResult,
  PleinError,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { authorOf } from './person-card.js';
import { QuestionService } from './question.service.js';
import { QuestionViews } from './question.views.js';
import { type KnowledgeReader, ReaderService } from './reader.service.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';
import { QuestionRepository } from './repositories/question.repository.js';
import { SERVICE } from './knowledge.config.js';

/** Answering, voting, commenting on answers, and accepting one. */
@Injectable()
export class AnswerService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
  ) {}

  /** A readable answer (its question readable too) or 404. */
  private static async readableAnswer(repo: QuestionRepository, id: string, reader: KnowledgeReader) {
    const a = await repo.findAnswer(id);
    if (!a || !reader.canRead(a)) throw notFound('No such answer');
    const q = await repo.find(a.questionId);
    if (!q || !reader.canRead(q)) throw notFound('No such answer');
    return { a, q };
  }

  async post(questionId: string, body: string, principal: Principal): Promise<AnswerView> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const q = await QuestionService.readable(repo, questionId, reader, true);
      await new PeopleRepository(tx).remember(principal);
      const a = repo.addAnswer(q, principal.userId, body);
      await tx.flush();
      // an anonymous asker is never named in an event, not even as one of the followers
      const followerIds = (await repo.followerIds(q.id)).filter(
        (id) => id !== principal.userId && !(q.anonymous && id === q.authorId),
      );
      recordEvent(
        tx,
        AnswerPosted,
        {
          answerId: a.id,
          questionId: q.id,
          intranet: q.intranet,
          audience: q.audience,
          groupId: q.groupId ?? null,
          authorId: a.authorId,
          followerIds,
          ...(!q.anonymous && followerIds.includes(q.authorId) ? { askerId: q.authorId } : {}),
          title: q.title,
        },
        SERVICE,
      );
      const views = new QuestionViews(tx);
      recordEvent(tx, QuestionUpdated, await views.indexed(q), SERVICE);
      return views.answer(a, q, reader);
    });
  }

  async vote(answerId: string, value: 1 | -1, principal: Principal): Promise<VoteResult> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const { a } = await AnswerService.readableAnswer(repo, answerId, reader);
      if (a.authorId === principal.userId) throw forbidden('You cannot vote on your own answer');
      await repo.setVote(a.id, principal.userId, value);
      return this.result(repo, a.id, principal.userId);
    });
  }

  async unvote(answerId: string, principal: Principal): Promise<VoteResult> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const { a } = await AnswerService.readableAnswer(repo, answerId, reader);
      await repo.removeVote(a.id, principal.userId);
      return this.result(repo, a.id, principal.userId);
    });
  }

  private async result(repo: QuestionRepository, answerId: string, userId: string): Promise<VoteResult> {
    const v = (await repo.votesOf([answerId], userId)).get(answerId)!;
    return { answerId, score: v.score, ...(v.mine ? { myVote: v.mine } : {}) };
  }

  async comment(answerId: string, body: string, principal: Principal) {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const { a } = await AnswerService.readableAnswer(repo, answerId, reader);
      const people = new PeopleRepository(tx);
      await people.remember(principal);
      const c = repo.addComment(a.id, principal.userId, body);
      await tx.flush();
      const me = (await new PersonFactsRepository(tx).byIds([principal.userId])).get(principal.userId);
      return {
        id: c.id,
        body: c.body,
        author: authorOf(me, principal),
        createdAt: c.createdAt.toISOString(),
      };
    });
  }

  /** Only the asker or an editor accepts, and only an answer of this question. */
  async accept(questionId: string, answerId: string, principal: Principal): Promise<QuestionView> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new QuestionRepository(tx);
      const q = await QuestionService.readable(repo, questionId, reader, true);
      if (q.authorId !== principal.userId && !reader.isEditor)
        throw forbidden('Only the asker or an editor accepts an answer');
      const a = await repo.findAnswer(answerId);
      if (!a || a.questionId !== q.id || !reader.canRead(a))
        throw new PleinError(
          400,
          'not_an_answer_of_this_question',
          'That answer does not belong to this question',
        );
      q.acceptedAnswerId = a.id;
      await tx.flush();
      const byAnonymousAsker = q.anonymous && q.authorId === principal.userId;
      recordEvent(
        tx,
        AnswerAccepted,
        {
          questionId: q.id,
          answerId: a.id,
          answerAuthorId: a.authorId,
          ...(byAnonymousAsker ? {} : { acceptedById: principal.userId }),
          intranet: q.intranet,
          audience: q.audience,
          groupId: q.groupId ?? null,
          title: q.title,
        },
        SERVICE,
      );
      return new QuestionViews(tx).full(q, reader);
    });
  }
}
