import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Intranet, QuestionAudience } from '@plein/contracts';

/** A question: the visibility fields of the rule in `@plein/auth`, its text, and its accepted answer. */
export const QuestionEntity = defineEntity({
  name: 'Question',
  tableName: 'questions',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<QuestionAudience>(),
    groupId: p.uuid().nullable(),
    /** The asker. For an anonymous question only moderators ever see it (person-card.ts decides). */
    authorId: p.uuid(),
    anonymous: p.boolean().default(false),
    hidden: p.boolean().default(false),
    title: p.text(),
    body: p.text(),
    tags: p.array().$type<string[]>(),
    acceptedAnswerId: p.uuid().nullable(),
    answerCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Question = InstanceType<typeof QuestionEntity.class>;
