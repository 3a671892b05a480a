import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnswerView, QuestionIndexed, QuestionSummary, QuestionView } from '@plein/contracts';
import type { Answer } from './entities/answer.entity.js';
import type { Question } from './entities/question.entity.js';
import { askerCard, authorOf } from './person-card.js';
import type { KnowledgeReader } from './reader.service.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';
import { QuestionRepository } from './repositories/question.repository.js';

const iso = (d: Date) => d.toISOString();

/** Turns stored questions into what a reader may see of them (people through person-card.ts only). */
export class QuestionViews {
  private readonly questions: QuestionRepository;
  private readonly people: PersonFactsRepository;

  constructor(em: EntityManager) {
    this.questions = new QuestionRepository(em);
    this.people = new PersonFactsRepository(em);
  }

  async summaries(items: Question[], reader: KnowledgeReader): Promise<QuestionSummary[]> {
    const people = await this.people.byIds(items.map((q) => q.authorId));
    return items.map((q) => summary(q, reader, people.get(q.authorId)));
  }

  async full(q: Question, reader: KnowledgeReader): Promise<QuestionView> {
    const answers = (await this.questions.answersOf(q.id)).filter((a) => reader.canRead(a));
    const ids = answers.map((a) => a.id);
    const [votes, comments, following] = await Promise.all([
      this.questions.votesOf(ids, reader.principal.userId),
      this.questions.commentsOf(ids),
      this.questions.isFollowing(q.id, reader.principal.userId),
    ]);
    const people = await this.people.byIds([
      q.authorId,
      ...answers.map((a) => a.authorId),
      ...comments.map((c) => c.authorId),
    ]);
    const p = reader.principal;
    return {
      ...summary(q, reader, people.get(q.authorId)),
      body: q.body,
      following,
      canAccept: q.authorId === p.userId || reader.isEditor,
      answers: answers.map((a): AnswerView => ({
        id: a.id,
        questionId: q.id,
        body: a.body,
        author: authorOf(people.get(a.authorId), p),
        score: votes.get(a.id)?.score ?? 0,
        ...(votes.get(a.id)?.mine ? { myVote: votes.get(a.id)!.mine } : {}),
        accepted: q.acceptedAnswerId === a.id,
        comments: comments
          .filter((c) => c.answerId === a.id)
          .map((c) => ({
            id: c.id,
            body: c.body,
            author: authorOf(people.get(c.authorId), p),
            createdAt: iso(c.createdAt),
          })),
        createdAt: iso(a.createdAt),
        ...(a.hidden ? { hidden: true } : {}),
      })),
    };
  }

  async answer(a: Answer, q: Question, reader: KnowledgeReader): Promise<AnswerView> {
    const view = await this.full(q, reader);
    const found = view.answers.find((x) => x.id === a.id);
    if (!found) throw new Error('an answer just written is not in its question');
    return found;
  }

  /** The question as search indexes it: no asker for an anonymous question, answers' text included. */
  async indexed(q: Question): Promise<QuestionIndexed> {
    // what moderation hid is neither searchable text nor an answer
    const visible = (await this.questions.answersOf(q.id)).filter((a) => !a.hidden);
    return {
      questionId: q.id,
      intranet: q.intranet,
      audience: q.audience,
      groupId: q.groupId ?? null,
      anonymous: q.anonymous,
      ...(q.anonymous ? {} : { askerId: q.authorId }),
      hidden: q.hidden,
      title: q.title,
      body: q.body,
      tags: q.tags,
      answerText: visible.map((a) => a.body).join('\n\n'),
      answerCount: visible.length,
      createdAt: iso(q.createdAt),
    };
  }
}

function summary(
  q: Question,
  reader: KnowledgeReader,
  asker: Parameters<typeof askerCard>[1],
): QuestionSummary {
  return {
    id: q.id,
    intranet: q.intranet,
    audience: q.audience,
    groupId: q.groupId ?? null,
    title: q.title,
    tags: q.tags,
    anonymous: q.anonymous,
    asker: askerCard(q, asker, reader.principal),
    askedByMe: q.authorId === reader.principal.userId,
    answerCount: q.answerCount,
    acceptedAnswerId: q.acceptedAnswerId ?? null,
    hidden: q.hidden,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}
