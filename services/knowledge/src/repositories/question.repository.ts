import { randomUUID } from 'node:crypto';
import { type EntityManager, type FilterQuery, LockMode } from '@mikro-orm/postgresql';
import {
  AnswerCommentEntity,
  AnswerEntity,
  QuestionFollowEntity,
  VoteEntity,
  type Answer,
} from '../entities/answer.entity.js';
import { type Question, QuestionEntity } from '../entities/question.entity.js';

export interface QuestionListFilter {
  intranet: 'staff' | 'client';
  readerId: string;
  groupIds: readonly string[];
  seesHidden: boolean;
  unanswered: boolean;
  tag?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

export interface AnswerComment {
  id: string;
  answerId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

/**
 * Questions with their answers, votes, comments and follows: the one place that knows how they are stored.
 * Construct it with the `em` of the transaction (or request context) in use.
 */
export class QuestionRepository {
  constructor(private readonly em: EntityManager) {}

  find(id: string): Promise<Question | null> {
    return this.em.findOne(QuestionEntity, { id });
  }

  /** The question, locked until the transaction ends: writes that change its answers go one at a time. */
  findForUpdate(id: string): Promise<Question | null> {
    return this.em.findOne(QuestionEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /**
   * A page of questions newest first, narrowed in the database by the reader's scope (intranet, groups,
   * hidden); the service still passes every one through the visibility rule.
   */
  list(f: QuestionListFilter): Promise<Question[]> {
    const and: FilterQuery<Question>[] = [
      { intranet: f.intranet },
      {
        $or: [{ audience: 'organization' }, { groupId: { $in: [...f.groupIds] } }, { authorId: f.readerId }],
      },
    ];
    if (!f.seesHidden) and.push({ $or: [{ hidden: false }, { authorId: f.readerId }] });
    if (f.unanswered) and.push({ answerCount: 0 });
    if (f.tag) and.push({ tags: { $contains: [f.tag] } });
    if (f.after)
      and.push({
        $or: [
          { createdAt: { $lt: f.after.createdAt } },
          { createdAt: f.after.createdAt, id: { $lt: f.after.id } },
        ],
      });
    return this.em.find(
      QuestionEntity,
      { $and: and },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: f.limit },
    );
  }

  create(
    data: Omit<Question, 'id' | 'createdAt' | 'updatedAt' | 'answerCount' | 'acceptedAnswerId' | 'hidden'>,
  ): Question {
    return this.em.create(QuestionEntity, {
      id: randomUUID(),
      ...data,
      hidden: false,
      answerCount: 0,
      acceptedAnswerId: null,
    });
  }

  remove(question: Question): void {
    this.em.remove(question);
  }

  answersOf(questionId: string): Promise<Answer[]> {
    return this.em.find(AnswerEntity, { questionId }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  findAnswer(id: string): Promise<Answer | null> {
    return this.em.findOne(AnswerEntity, { id });
  }

  /**
   * Sets the question's `answerCount` to its answers moderation has not hidden (a hidden one is not an answer to
   * its readers, nor to the unanswered filter). Counted anew rather than stepped, so a decision delivered twice
   * counts once; call it with the question locked (`findForUpdate`) and its answers flushed.
   */
  async recountAnswers(question: Question): Promise<void> {
    question.answerCount = await this.em.count(AnswerEntity, { questionId: question.id, hidden: false });
  }

  /** A new answer is visible: it counts at once (the question is locked by the caller). */
  addAnswer(question: Question, authorId: string, body: string): Answer {
    question.answerCount += 1;
    return this.em.create(AnswerEntity, {
      id: randomUUID(),
      questionId: question.id,
      intranet: question.intranet,
      audience: question.audience,
      groupId: question.groupId,
      authorId,
      hidden: false,
      body,
    });
  }

  /** Score per answer and the reader's own vote. */
  async votesOf(
    answerIds: readonly string[],
    readerId: string,
  ): Promise<Map<string, { score: number; mine?: 1 | -1 }>> {
    const out = new Map<string, { score: number; mine?: 1 | -1 }>(answerIds.map((id) => [id, { score: 0 }]));
    if (answerIds.length === 0) return out;
    const votes = await this.em.find(VoteEntity, { answerId: { $in: [...answerIds] } });
    for (const v of votes) {
      const entry = out.get(v.answerId)!;
      entry.score += v.value;
      if (v.userId === readerId) entry.mine = v.value === 1 ? 1 : -1;
    }
    return out;
  }

  /**
   * One vote per person per answer: an upsert on the (answer, person) key, so a second vote — also one sent
   * at the same moment — replaces the first instead of adding to it.
   */
  async setVote(answerId: string, userId: string, value: 1 | -1): Promise<void> {
    await this.em.upsert(
      VoteEntity,
      { answerId, userId, value },
      {
        onConflictFields: ['answerId', 'userId'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['value'],
      },
    );
  }

  async removeVote(answerId: string, userId: string): Promise<void> {
    await this.em.nativeDelete(VoteEntity, { answerId, userId });
  }

  async commentsOf(answerIds: readonly string[]): Promise<AnswerComment[]> {
    if (answerIds.length === 0) return [];
    return this.em.find(
      AnswerCommentEntity,
      { answerId: { $in: [...answerIds] } },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    );
  }

  addComment(answerId: string, authorId: string, body: string): AnswerComment {
    return this.em.create(AnswerCommentEntity, { id: randomUUID(), answerId, authorId, body });
  }

  async followerIds(questionId: string): Promise<string[]> {
    const rows = await this.em.find(QuestionFollowEntity, { questionId });
    return rows.map((r) => r.userId);
  }

  async isFollowing(questionId: string, userId: string): Promise<boolean> {
    return (await this.em.count(QuestionFollowEntity, { questionId, userId })) > 0;
  }

  async setFollowing(questionId: string, userId: string, following: boolean): Promise<void> {
    if (following)
      await this.em.upsert(
        QuestionFollowEntity,
        { questionId, userId },
        { onConflictFields: ['questionId', 'userId'], onConflictAction: 'ignore' },
      );
    else await this.em.nativeDelete(QuestionFollowEntity, { questionId, userId });
  }

  /** Questions by id, oldest id first, for the search export. */
  exportPage(afterId: string | undefined, limit: number): Promise<Question[]> {
    return this.em.find(QuestionEntity, afterId ? { id: { $gt: afterId } } : {}, {
      orderBy: { id: 'asc' },
      limit,
    });
  }
}
