import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ActivityReminderDue,
  AnswerAccepted,
  AnswerPosted,
  CommentCreated,
  ContentHidden,
  ContentRestored,
  type EventContract,
  MentionCreated,
  PostCreated,
  PostDeleted,
  PostUpdated,
  ProfileCreated,
  ProfileUpdated,
  QuestionDeleted,
  QuestionUpdated,
  ReactionAdded,
  ReportDecided,
  SignupPromoted,
  SubmissionStateChanged,
  UserProvisioned,
  UserUpdated,
} from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import type { z } from 'zod';
import { ContentEntity, PersonEntity } from './entities/index.js';
import { NOBODY, Notifier } from './repositories/notifier.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

// One durable consumer per event (deploy/nats/permissions.conf grants each by name); each handles an event
// once (the inbox), in one transaction with the notifications it makes.

const spec = <D extends z.ZodType>(
  durable: string,
  event: EventContract<D>,
  handle: (tx: EntityManager, data: z.infer<D>, occurredAt: string) => Promise<void>,
): ConsumerSpec<D> => ({
  durable: `notifications-${durable}`,
  event,
  handle: (tx, data, envelope) => handle(tx, data, envelope.occurredAt),
});

const post = (id: string) => `post:${id}`;
const question = (id: string) => `question:${id}`;

export const notificationConsumers = [
  // ---- timelines ----
  spec('timelines-post-created', PostCreated, async (tx, d) => {
    const n = new Notifier(tx);
    await n.content(post(d.postId), { ...d, title: d.title });
    // an announcement that asks for a read confirmation: one notification for the whole intranet, read marks per
    // person (computed at read time: docs/notifications.md)
    if (d.type === 'announcement' && d.requiresConfirmation)
      await n.notify({
        userId: null,
        intranet: d.intranet,
        kind: 'announcement',
        contentKey: post(d.postId),
        actorId: d.authorId,
        data: d.title ? { title: d.title } : {},
      });
    // mentions that arrived before the post's facts can be shown now
    await n.announceAbout(post(d.postId));
  }),
  spec('timelines-post-updated', PostUpdated, async (tx, d) => {
    await new Notifier(tx).content(post(d.postId), { ...d, title: d.title });
  }),
  spec('timelines-post-deleted', PostDeleted, async (tx, d) => {
    await new Notifier(tx).forget(post(d.postId));
  }),
  spec('timelines-mention-created', MentionCreated, async (tx, d) => {
    await new Notifier(tx).notify({
      userId: d.mentionedUserId,
      intranet: d.intranet,
      kind: 'mention',
      contentKey: post(d.postId),
      actorId: d.byUserId,
    });
  }),
  spec('timelines-comment-created', CommentCreated, async (tx, d) => {
    const n = new Notifier(tx);
    // until the post's own facts arrive: its author may read it
    await n.contentIfUnknown(post(d.postId), {
      intranet: d.intranet,
      audience: 'private',
      authorId: d.postAuthorId,
    });
    await n.notify({
      userId: d.postAuthorId,
      intranet: d.intranet,
      kind: 'comment',
      contentKey: post(d.postId),
      itemKey: `comment:${d.commentId}`,
      actorId: d.authorId,
    });
  }),
  spec('timelines-reaction-added', ReactionAdded, async (tx, d) => {
    const n = new Notifier(tx);
    // the event has no intranet: the post's facts tell it. Not known yet (its post.created is handled by
    // another durable): fail, and JetStream redelivers after its backoff, by when it is.
    const content = await tx.findOne(ContentEntity, { key: post(d.postId) });
    if (!content) throw new Error(`post ${d.postId} not known yet`);
    await n.batch(
      {
        userId: d.postAuthorId,
        intranet: content.intranet,
        kind: 'reaction',
        contentKey: post(d.postId),
        actorId: d.userId,
      },
      `reaction:${d.postId}`,
    );
  }),

  // ---- knowledge ----
  spec('knowledge-answer-posted', AnswerPosted, async (tx, d) => {
    const n = new Notifier(tx);
    await n.contentIfUnknown(question(d.questionId), {
      intranet: d.intranet,
      audience: d.audience,
      groupId: d.groupId,
      authorId: d.askerId ?? NOBODY,
      title: d.title ?? null,
    });
    const recipients = new Set(d.followerIds);
    for (const userId of recipients)
      await n.notify({
        userId,
        intranet: d.intranet,
        kind: 'answer',
        contentKey: question(d.questionId),
        itemKey: `answer:${d.answerId}`,
        actorId: d.authorId,
        data: { ...(d.title ? { title: d.title } : {}), mine: userId === d.askerId },
      });
  }),
  spec('knowledge-answer-accepted', AnswerAccepted, async (tx, d) => {
    const n = new Notifier(tx);
    if (d.intranet && d.audience)
      await n.contentIfUnknown(question(d.questionId), {
        intranet: d.intranet,
        audience: d.audience,
        groupId: d.groupId ?? null,
        authorId: NOBODY,
        title: d.title ?? null,
      });
    const content = await tx.findOne(ContentEntity, {
      key: question(d.questionId),
    });
    if (!content) throw new Error(`question ${d.questionId} not known yet`);
    await n.notify({
      userId: d.answerAuthorId,
      intranet: content.intranet,
      kind: 'accepted',
      contentKey: question(d.questionId),
      itemKey: `answer:${d.answerId}`,
      ...(d.acceptedById ? { actorId: d.acceptedById } : {}),
      data: content.title ? { title: content.title } : {},
    });
  }),
  spec('knowledge-question-updated', QuestionUpdated, async (tx, d) => {
    await new Notifier(tx).content(question(d.questionId), {
      intranet: d.intranet,
      audience: d.audience,
      groupId: d.groupId,
      authorId: d.askerId ?? NOBODY,
      hidden: d.hidden,
      title: d.title,
    });
  }),
  spec('knowledge-question-deleted', QuestionDeleted, async (tx, d) => {
    await new Notifier(tx).forget(question(d.questionId));
  }),

  // ---- moderation ----
  spec('moderation-submission', SubmissionStateChanged, async (tx, d) => {
    const n = new Notifier(tx);
    const key = `submission:${d.submissionId}`;
    await n.content(key, { intranet: d.intranet, audience: 'private', authorId: d.authorId, title: d.title });
    await n.notify({
      userId: d.authorId,
      intranet: d.intranet,
      kind: 'submission',
      contentKey: key,
      data: { title: d.title, state: d.state, ...(d.note ? { note: d.note } : {}) },
    });
  }),
  spec('moderation-report', ReportDecided, async (tx, d) => {
    const n = new Notifier(tx);
    const key = `report:${d.reportId}`;
    // the event has no intranet: the reporter's realm tells where they read it
    const reporter = await tx.findOne(PersonEntity, { userId: d.reporterId });
    const intranet = reporter?.realm === 'staff' ? 'staff' : 'client';
    await n.content(key, { intranet, audience: 'private', authorId: d.reporterId });
    await n.notify({
      userId: d.reporterId,
      intranet,
      kind: 'report',
      contentKey: key,
      data: { action: d.action },
    });
  }),
  spec('moderation-hidden', ContentHidden, (tx, d) => moderate(tx, d.contentType, d.contentId, true)),
  spec('moderation-restored', ContentRestored, (tx, d) => moderate(tx, d.contentType, d.contentId, false)),

  // ---- activities ----
  spec('activities-promoted', SignupPromoted, async (tx, d) => {
    const n = new Notifier(tx);
    const key = `signup:${d.activityId}:${d.userId}`;
    await n.content(key, { intranet: d.intranet, audience: 'private', authorId: d.userId, title: d.title });
    await n.notify({
      userId: d.userId,
      intranet: d.intranet,
      kind: 'promotion',
      contentKey: key,
      itemKey: `activity:${d.activityId}`,
      data: { title: d.title, startsAt: d.startsAt },
    });
  }),
  spec('activities-reminder', ActivityReminderDue, async (tx, d) => {
    const n = new Notifier(tx);
    const key = `signup:${d.activityId}:${d.userId}`;
    await n.content(key, { intranet: d.intranet, audience: 'private', authorId: d.userId, title: d.title });
    await n.notify({
      userId: d.userId,
      intranet: d.intranet,
      kind: 'reminder',
      contentKey: key,
      itemKey: `activity:${d.activityId}`,
      data: { title: d.title, startsAt: d.startsAt, ...(d.place ? { place: d.place } : {}) },
    });
  }),

  // ---- people: the person rule's facts (directory) and realm and e-mail address (identity) ----
  spec('directory-profile-created', ProfileCreated, (tx, d, at) =>
    new PersonFactsRepository(tx).follow(d, at),
  ),
  spec('directory-profile-updated', ProfileUpdated, (tx, d, at) =>
    new PersonFactsRepository(tx).follow(d, at),
  ),
  spec('people-provisioned', UserProvisioned, async (tx, u) => {
    await rememberUser(tx, { ...u, roles: undefined });
  }),
  spec('people-updated', UserUpdated, async (tx, u) => {
    await rememberUser(tx, u);
  }),
];

async function rememberUser(
  tx: EntityManager,
  u: {
    userId: string;
    realm: 'staff' | 'clients';
    username: string;
    displayName: string;
    email?: string;
    roles?: string[] | undefined;
  },
): Promise<void> {
  await tx.upsert(
    PersonEntity,
    {
      userId: u.userId,
      realm: u.realm,
      username: u.username,
      displayName: u.displayName,
      email: u.email ?? null,
      roles: u.roles ?? [],
    },
    {
      onConflictFields: ['userId'],
      onConflictAction: 'merge',
      onConflictMergeFields: u.roles
        ? ['realm', 'username', 'displayName', 'email', 'roles']
        : ['realm', 'username', 'displayName', 'email'],
    },
  );
}

/** Moderation hid or restored content: its notifications stop (or start again) showing. */
async function moderate(tx: EntityManager, type: string, id: string, hidden: boolean): Promise<void> {
  const n = new Notifier(tx);
  switch (type) {
    case 'post':
      return n.setHidden(post(id), hidden);
    case 'question':
      return n.setHidden(question(id), hidden);
    case 'comment':
    case 'answer':
    case 'activity':
      return n.setItemHidden(`${type}:${id}`, hidden);
    default:
      return;
  }
}
