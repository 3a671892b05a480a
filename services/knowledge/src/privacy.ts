import type { EntityManager } from '@mikro-orm/postgresql';
import { formerPersonOf } from '@plein/auth';
import { ErasureRequested, type PersonalData } from '@plein/contracts';
import { type ConsumerSpec, forgetPublishedEvents, confirmErasure } from '@plein/messaging';
import {
  AnswerCommentEntity,
  AnswerEntity,
  QuestionFollowEntity,
  VoteEntity,
} from './entities/answer.entity.js';
import { ArticleEntity, ArticleVersionEntity, HowtoEntity } from './entities/handbook.entity.js';
import { PersonFactsEntity } from './entities/person-facts.entity.js';
import { PersonEntity } from './entities/person.entity.js';
import { QuestionEntity } from './entities/question.entity.js';
import { SERVICE } from './knowledge.config.js';

/**
 * Erasure (AVG), knowledge's part, in one transaction: questions, answers, comments, handbook versions and how-tos
 * the person wrote stay (others answered them, read them), under the stand-in "oud-medewerker"/"oud-deelnemer"
 * whose facts knowledge keeps (`people`, `person_facts`); their votes and follows go, an article they owned has no
 * owner, and what knowledge knew of them (people, person facts) is removed, with the published events naming them.
 */
export async function eraseFromKnowledge(
  tx: EntityManager,
  data: { erasureId: string; userId: string; realm: 'staff' | 'clients' },
): Promise<void> {
  const id = data.userId;
  const former = formerPersonOf(data.realm);
  if (!(await tx.findOne(PersonEntity, { id: former.id }))) {
    tx.create(PersonEntity, {
      id: former.id,
      realm: data.realm,
      username: former.displayName,
      displayName: former.displayName,
    });
  }
  if (!(await tx.findOne(PersonFactsEntity, { userId: former.id }))) {
    tx.create(PersonFactsEntity, {
      userId: former.id,
      kind: former.kind,
      firstName: former.firstName,
      lastName: former.lastName,
      displayName: former.displayName,
      optedIn: former.optedIn,
      sharedFields: [],
      photoVersion: null,
      active: false,
      seenAt: new Date('9999-12-31T00:00:00Z'),
    });
  }
  await tx.flush();
  const questions = await tx.nativeUpdate(QuestionEntity, { authorId: id }, { authorId: former.id });
  const answers = await tx.nativeUpdate(AnswerEntity, { authorId: id }, { authorId: former.id });
  const comments = await tx.nativeUpdate(AnswerCommentEntity, { authorId: id }, { authorId: former.id });
  const versions = await tx.nativeUpdate(ArticleVersionEntity, { authorId: id }, { authorId: former.id });
  const howtos = await tx.nativeUpdate(HowtoEntity, { authorId: id }, { authorId: former.id });
  const owned = await tx.nativeUpdate(ArticleEntity, { ownerId: id }, { ownerId: null });
  const votes = await tx.nativeDelete(VoteEntity, { userId: id });
  const follows = await tx.nativeDelete(QuestionFollowEntity, { userId: id });
  const people = await tx.nativeDelete(PersonEntity, { id });
  const facts = await tx.nativeDelete(PersonFactsEntity, { userId: id });
  const events = await forgetPublishedEvents(tx, SERVICE, id);
  confirmErasure(
    tx,
    SERVICE,
    { erasureId: data.erasureId, userId: id },
    {
      removed: { votes, questionFollows: follows, people, personFacts: facts, events },
      anonymised: { questions, answers, comments, articleVersions: versions, howtos, articlesOwned: owned },
    },
  );
}

export const erasureConsumer: ConsumerSpec<typeof ErasureRequested.data> = {
  durable: 'knowledge-erasure',
  event: ErasureRequested,
  handle: (tx, data) => eraseFromKnowledge(tx, data),
};

/** What knowledge holds of a person: what they asked, answered, commented, voted, followed and wrote. */
export async function knowledgeExport(em: EntityManager, userId: string): Promise<PersonalData> {
  const questions = await em.find(QuestionEntity, { authorId: userId }, { orderBy: { createdAt: 'asc' } });
  const answers = await em.find(AnswerEntity, { authorId: userId }, { orderBy: { createdAt: 'asc' } });
  const comments = await em.find(
    AnswerCommentEntity,
    { authorId: userId },
    { orderBy: { createdAt: 'asc' } },
  );
  const votes = await em.find(VoteEntity, { userId });
  const follows = await em.find(QuestionFollowEntity, { userId });
  const versions = await em.find(ArticleVersionEntity, { authorId: userId });
  const howtos = await em.find(HowtoEntity, { authorId: userId });
  const at = (d: Date) => d.toISOString();
  return {
    service: 'knowledge',
    sections: {
      questions: questions.map((q) => ({
        id: q.id,
        title: q.title,
        body: q.body,
        tags: q.tags,
        anonymous: q.anonymous,
        createdAt: at(q.createdAt),
      })),
      answers: answers.map((a) => ({
        id: a.id,
        questionId: a.questionId,
        body: a.body,
        createdAt: at(a.createdAt),
      })),
      comments: comments.map((c) => ({
        id: c.id,
        answerId: c.answerId,
        body: c.body,
        createdAt: at(c.createdAt),
      })),
      votes: votes.map((v) => ({ answerId: v.answerId, value: v.value, createdAt: at(v.createdAt) })),
      questionFollows: follows.map((f) => ({ questionId: f.questionId, createdAt: at(f.createdAt) })),
      handbookVersions: versions.map((v) => ({
        articleId: v.articleId,
        version: v.n,
        title: v.title,
        body: v.body,
        changeNote: v.changeNote,
        createdAt: at(v.createdAt),
      })),
      howtos: howtos.map((h) => ({ id: h.id, title: h.title, body: h.body })),
    },
  };
}
