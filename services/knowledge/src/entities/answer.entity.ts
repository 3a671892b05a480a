import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Intranet, QuestionAudience } from '@plein/contracts';

/** An answer carries its question's visibility fields, with its own author. */
export const AnswerEntity = defineEntity({
  name: 'Answer',
  tableName: 'answers',
  properties: {
    id: p.uuid().primary(),
    questionId: p.uuid(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<QuestionAudience>(),
    groupId: p.uuid().nullable(),
    authorId: p.uuid(),
    hidden: p.boolean().default(false),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Answer = InstanceType<typeof AnswerEntity.class>;

/** One vote per person per answer; (answer, user) is the key, so a second vote replaces the first. */
export const VoteEntity = defineEntity({
  name: 'Vote',
  tableName: 'votes',
  properties: {
    answerId: p.uuid().primary(),
    userId: p.uuid().primary(),
    value: p.smallint(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export const AnswerCommentEntity = defineEntity({
  name: 'AnswerComment',
  tableName: 'answer_comments',
  properties: {
    id: p.uuid().primary(),
    answerId: p.uuid(),
    authorId: p.uuid(),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const QuestionFollowEntity = defineEntity({
  name: 'QuestionFollow',
  tableName: 'question_follows',
  properties: {
    questionId: p.uuid().primary(),
    userId: p.uuid().primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
