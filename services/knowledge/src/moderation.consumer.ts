import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ContentHidden,
  ContentRestored,
  QuestionUpdated,
  UserProvisioned,
  UserUpdated,
} from '@plein/contracts';
import { type ConsumerSpec, recordEvent } from '@plein/messaging';
import { SERVICE } from './knowledge.config.js';
import { QuestionViews } from './question.views.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { QuestionRepository } from './repositories/question.repository.js';

/**
 * The moderation service's hide/restore decisions about questions and answers (other content types belong to
 * other services). A hidden question or answer is seen only by moderators and its author; search learns it from
 * `question.updated`, with the answer text of visible answers only.
 */
async function moderate(tx: EntityManager, type: string, id: string, hidden: boolean): Promise<void> {
  const repo = new QuestionRepository(tx);
  let questionId: string | undefined;
  if (type === 'question') questionId = id;
  else if (type === 'answer') {
    const answer = await repo.findAnswer(id);
    if (!answer) return;
    answer.hidden = hidden;
    questionId = answer.questionId;
  } else return;
  const q = await repo.findForUpdate(questionId);
  if (!q) return;
  if (type === 'question') q.hidden = hidden;
  await tx.flush();
  if (type === 'answer') {
    await repo.recountAnswers(q);
    await tx.flush();
  }
  recordEvent(tx, QuestionUpdated, await new QuestionViews(tx).indexed(q), SERVICE);
}

export const moderationConsumers: ConsumerSpec<typeof ContentHidden.data>[] = [
  {
    durable: 'knowledge-moderation-hidden',
    event: ContentHidden,
    handle: (tx, d) => moderate(tx, d.contentType, d.contentId, true),
  },
  {
    durable: 'knowledge-moderation-restored',
    event: ContentRestored,
    handle: (tx, d) => moderate(tx, d.contentType, d.contentId, false),
  },
];

/** People as identity knows them: a new name shows at once, and the import can name an article's owner. */
export const peopleConsumers: ConsumerSpec<typeof UserProvisioned.data>[] = [
  UserProvisioned,
  UserUpdated,
].map((event) => ({
  durable: `knowledge-people-${event === UserProvisioned ? 'provisioned' : 'updated'}`,
  // both carry what is read here (UserProvisioned's optional mentorId is not)
  event: event as typeof UserProvisioned,
  handle: async (tx, u) => {
    await new PeopleRepository(tx).rememberUser({
      id: u.userId,
      realm: u.realm,
      username: u.username,
      displayName: u.displayName,
    });
  },
}));
