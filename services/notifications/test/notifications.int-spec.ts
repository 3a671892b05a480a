import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { ClientProxy } from '@nestjs/microservices';
import {
  ActivityReminderDue,
  AnswerAccepted,
  AnswerPosted,
  CommentCreated,
  ContentHidden,
  ContentRestored,
  ErasureRequested,
  type EventEnvelope,
  MentionCreated,
  type Notification,
  NotificationsRpc as R,
  PostCreated,
  PostDeleted,
  type Principal,
  ProfileCreated,
  QuestionDeleted,
  ReactionAdded,
  ReportDecided,
  SignupPromoted,
  SubmissionStateChanged,
  UserProvisioned,
  personalDataExport,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { type ServiceHarness, serviceHarness } from '@plein/testing';
import type { Subscription } from '@nats-io/transport-node';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifications } from '../src/bootstrap.js';
import { loadNotificationsConfig } from '../src/notifications.config.js';

/**
 * The real notifications service on the test database and NATS: every other service's events published
 * straight onto JetStream as the `plein-test` user (in the orders its consumers can see them, and twice), its
 * RPCs asked as the gateway asks them. Timelines' reader-relations RPC is answered by the test itself, so a
 * reader's groups can change between two reads.
 */
let h: ServiceHarness;
let rpc: ClientProxy;
let db: pg.Client;
let relationsSub: Subscription;
/** What timelines says each reader's groups and followees are. */
const relations = new Map<string, { groupIds: string[]; followeeIds: string[] }>();

beforeAll(async () => {
  h = await serviceHarness({
    schema: 'notifications',
    source: 'timelines',
    user: 'notifications',
    start: ({ databaseUrl, nats }) =>
      startNotifications(loadNotificationsConfig({ DATABASE_URL: databaseUrl, ...nats, LOG_LEVEL: 'error' })),
  });
  ({ rpc, db } = h);
  // timelines.reader.relations, as timelines would answer it (Nest's NATS request/reply shape)
  relationsSub = h.nc.subscribe('timelines.reader.relations', {
    callback: (_err, msg) => {
      const req = msg.json<{ id: string; data: { principal: Principal } }>();
      const r = relations.get(req.data.principal.userId) ?? { groupIds: [], followeeIds: [] };
      msg.respond(JSON.stringify({ id: req.id, response: r, isDisposed: true }));
    },
  });
});

afterAll(async () => {
  relationsSub?.unsubscribe();
  await h?.close();
});

const now = () => new Date().toISOString();

const principal = (
  userId: string,
  realm: 'staff' | 'clients' = 'staff',
  intranet?: 'staff' | 'client',
): Principal => ({
  realm,
  intranet: intranet ?? (realm === 'staff' ? 'staff' : 'client'),
  userId,
  subject: userId,
  username: `u.${userId.slice(0, 8)}`,
  displayName: 'Token Naam',
  roles: realm === 'staff' ? ['employee'] : ['client'],
  groupIds: [],
});

async function person(displayName: string, realm: 'staff' | 'clients' = 'staff'): Promise<string> {
  const userId = randomUUID();
  const [first, ...rest] = displayName.split(' ');
  const events = [
    await h.publish(
      UserProvisioned,
      {
        userId,
        realm,
        subject: userId,
        username: `u.${userId.slice(0, 8)}`,
        displayName,
        email: `${userId.slice(0, 8)}@plein.example`,
      },
      now(),
    ),
    await h.publish(
      ProfileCreated,
      {
        userId,
        realm,
        kind: realm === 'staff' ? 'staff' : 'client',
        displayName,
        firstName: first!,
        lastName: rest.join(' '),
        functionId: null,
        teamIds: [],
        locationIds: [],
        skills: [],
        languages: [],
        about: null,
        optedIn: false,
        sharedFields: [],
        hasPhoto: false,
      },
      now(),
    ),
  ];
  await h.handled(events);
  return userId;
}

const list = async (p: Principal, unread = false) =>
  (await callRpc(rpc, R.list, { limit: 50, unread }, p)).items;
const count = async (p: Principal) => (await callRpc(rpc, R.unreadCount, {}, p)).count;

async function publishAll(...events: [{ type: string }, unknown][]): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for (const [contract, data] of events) out.push(await h.publish(contract, data, now()));
  await h.handled(out);
  return out;
}

function postCreated(authorId: string, extra: Partial<Record<string, unknown>> = {}) {
  const postId = randomUUID();
  return {
    postId,
    data: {
      postId,
      intranet: 'staff',
      type: 'post',
      audience: 'organization',
      groupId: null,
      authorId,
      namedUserIds: [],
      hidden: false,
      body: 'Hallo @collega',
      title: null,
      createdAt: now(),
      ...extra,
    },
  };
}

let anne: string, bob: string, carl: string, dina: string, eva: string;
beforeAll(async () => {
  anne = await person('Anne de Vries');
  bob = await person('Bob Jansen');
  carl = await person('Carl Smit');
  dina = await person('Dina Bakker', 'clients');
  eva = await person('Eva Mulder');
});

describe('each event kind tells the right people, and nobody else', () => {
  it('a mention: the mentioned person, with the author as actor by the person rule', async () => {
    const { postId, data } = postCreated(anne);
    await publishAll(
      [PostCreated, data],
      [MentionCreated, { postId, mentionedUserId: bob, byUserId: anne, intranet: 'staff' }],
    );
    const items = await list(principal(bob));
    const mine = items.filter((n) => n.link === `/berichten/${postId}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'mention',
      read: false,
      actor: { id: anne, displayName: 'Anne de Vries', kind: 'staff' },
    });
    for (const other of [anne, carl, eva])
      expect((await list(principal(other))).some((n) => n.link === `/berichten/${postId}`)).toBe(false);
  });

  it('a mention that arrives before its post is shown once the post is known', async () => {
    const { postId, data } = postCreated(anne);
    await publishAll([MentionCreated, { postId, mentionedUserId: carl, byUserId: anne, intranet: 'staff' }]);
    expect((await list(principal(carl))).some((n) => n.link === `/berichten/${postId}`)).toBe(false);
    await publishAll([PostCreated, data]);
    expect((await list(principal(carl))).filter((n) => n.link === `/berichten/${postId}`)).toHaveLength(1);
  });

  it('a redelivered event (same envelope id) makes no second notification', async () => {
    const { postId, data } = postCreated(anne);
    const [, mention] = await publishAll(
      [PostCreated, data],
      [MentionCreated, { postId, mentionedUserId: eva, byUserId: anne, intranet: 'staff' }],
    );
    // JetStream would drop the same Nats-Msg-Id in its duplicate window: deliver it as a new message, same event
    await jetstream(h.nc).publish(MentionCreated.type, JSON.stringify(mention), { msgID: randomUUID() });
    await new Promise((r) => setTimeout(r, 1500));
    const { rows } = await db.query(
      `select count(*)::int as n from notifications.notifications where user_id = $1 and content_key = $2`,
      [eva, `post:${postId}`],
    );
    expect(rows[0].n).toBe(1);
  });

  it('a comment on my post tells me (not the commenter, and not for my own comment)', async () => {
    const { postId, data } = postCreated(anne);
    await publishAll(
      [PostCreated, data],
      [
        CommentCreated,
        {
          commentId: randomUUID(),
          postId,
          parentId: null,
          authorId: carl,
          postAuthorId: anne,
          intranet: 'staff',
          body: 'Mooi!',
        },
      ],
      [
        CommentCreated,
        {
          commentId: randomUUID(),
          postId,
          parentId: null,
          authorId: anne,
          postAuthorId: anne,
          intranet: 'staff',
          body: 'Dank',
        },
      ],
    );
    const mine = (await list(principal(anne))).filter((n) => n.link === `/berichten/${postId}`);
    expect(mine.map((n) => [n.kind, n.actor?.id])).toEqual([['comment', carl]]);
    expect((await list(principal(carl))).some((n) => n.link === `/berichten/${postId}`)).toBe(false);
  });

  it('reactions are batched: one notification, updated, counting people', async () => {
    const { postId, data } = postCreated(anne);
    await publishAll([PostCreated, data]);
    for (const [userId, kind] of [
      [bob, 'like'],
      [carl, 'heart'],
      [bob, 'thanks'],
      [eva, 'like'],
    ] as const)
      await publishAll([ReactionAdded, { postId, userId, postAuthorId: anne, kind }]);
    const mine = (await list(principal(anne))).filter(
      (n) => n.kind === 'reaction' && n.link === `/berichten/${postId}`,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data.count).toBe(3);
    expect(mine[0]!.actor?.id).toBe(eva);
    // once read, the next reaction starts a new one
    await callRpc(rpc, R.markRead, { id: mine[0]!.id }, principal(anne));
    await publishAll([ReactionAdded, { postId, userId: carl, postAuthorId: anne, kind: 'like' }]);
    const after = (await list(principal(anne))).filter(
      (n) => n.kind === 'reaction' && n.link === `/berichten/${postId}`,
    );
    expect(after.map((n) => [n.read, n.data.count])).toEqual([
      [false, 1],
      [true, 3],
    ]);
    // my own reaction tells nobody
    await publishAll([ReactionAdded, { postId, userId: anne, postAuthorId: anne, kind: 'like' }]);
    expect(
      (await list(principal(anne))).filter((n) => n.kind === 'reaction' && n.link === `/berichten/${postId}`),
    ).toHaveLength(2);
  });

  it('an answer tells the asker ("your question") and the followers, not its author; acceptance tells the answerer', async () => {
    const questionId = randomUUID();
    const answerId = randomUUID();
    await publishAll(
      [
        AnswerPosted,
        {
          answerId,
          questionId,
          intranet: 'staff',
          audience: 'organization',
          groupId: null,
          authorId: bob,
          followerIds: [anne, carl],
          askerId: anne,
          title: 'Waar vind ik het rooster?',
        },
      ],
      [
        AnswerAccepted,
        {
          questionId,
          answerId,
          answerAuthorId: bob,
          acceptedById: anne,
          intranet: 'staff',
          audience: 'organization',
          groupId: null,
          title: 'Waar vind ik het rooster?',
        },
      ],
    );
    const link = `/kennisbank/${questionId}`;
    const a = (await list(principal(anne))).filter((n) => n.link === link);
    const c = (await list(principal(carl))).filter((n) => n.link === link);
    const b = (await list(principal(bob))).filter((n) => n.link === link);
    expect(a.map((n) => [n.kind, n.data.mine, n.actor?.id])).toEqual([['answer', true, bob]]);
    expect(c.map((n) => [n.kind, n.data.mine])).toEqual([['answer', false]]);
    expect(b.map((n) => [n.kind, n.actor?.id, n.data.title])).toEqual([
      ['accepted', anne, 'Waar vind ik het rooster?'],
    ]);
    expect((await list(principal(eva))).some((n) => n.link === link)).toBe(false);
    // the question deleted: its notifications go
    await publishAll([QuestionDeleted, { questionId }]);
    expect((await list(principal(anne))).some((n) => n.link === link)).toBe(false);
  });

  it('a submission’s new state, a report’s outcome, a promotion and a reminder tell only their person', async () => {
    const activityId = randomUUID();
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    await publishAll(
      [
        SubmissionStateChanged,
        {
          submissionId: randomUUID(),
          authorId: carl,
          intranet: 'staff',
          title: 'Ons nieuwe dak',
          state: 'returned',
          note: 'Graag een foto erbij',
        },
      ],
      [
        ReportDecided,
        {
          reportId: randomUUID(),
          reporterId: carl,
          contentType: 'post',
          contentId: randomUUID(),
          action: 'hide',
        },
      ],
      [SignupPromoted, { activityId, userId: dina, intranet: 'client', title: 'Samen koken', startsAt }],
      [
        ActivityReminderDue,
        { activityId, userId: dina, intranet: 'client', title: 'Samen koken', startsAt, place: 'De Linde' },
      ],
    );
    const c = await list(principal(carl));
    expect(c.find((n) => n.kind === 'submission')).toMatchObject({
      data: { title: 'Ons nieuwe dak', state: 'returned', note: 'Graag een foto erbij' },
      link: '/meldingen',
    });
    expect(c.find((n) => n.kind === 'report')).toMatchObject({ data: { action: 'hide' } });
    const d = await list(principal(dina, 'clients'));
    // announcements to every client may be listed too: other test files post them into the shared database
    expect(
      d
        .map((n) => n.kind)
        .filter((k) => k !== 'announcement')
        .sort(),
    ).toEqual(['promotion', 'reminder']);
    expect(d.find((n) => n.kind === 'reminder')).toMatchObject({
      data: { title: 'Samen koken', place: 'De Linde', startsAt },
      link: `/activiteiten/${activityId}`,
    });
    for (const other of [anne, bob, eva]) {
      const kinds = (await list(principal(other))).map((n) => n.kind);
      expect(kinds).not.toContain('submission');
      expect(kinds).not.toContain('report');
    }
    // a staff member in the client tree does not get dina's sign-ups either
    expect((await list(principal(eva, 'staff', 'client'))).map((n) => n.kind)).not.toContain('promotion');
  });

  it('an announcement asking for a read confirmation reaches everyone of its intranet (read marks per person)', async () => {
    const { postId, data } = postCreated(eva, {
      type: 'announcement',
      requiresConfirmation: true,
      title: 'Nieuwe werktijden',
    });
    await publishAll([PostCreated, data]);
    const link = `/berichten/${postId}`;
    for (const who of [anne, bob, carl]) {
      const n = (await list(principal(who))).filter((x) => x.link === link);
      expect(n.map((x) => [x.kind, x.data.title, x.read])).toEqual([
        ['announcement', 'Nieuwe werktijden', false],
      ]);
    }
    // not its author, not the client intranet
    expect((await list(principal(eva))).some((x) => x.link === link)).toBe(false);
    expect((await list(principal(dina, 'clients'))).some((x) => x.link === link)).toBe(false);
    // an announcement without confirmation tells nobody
    const plain = postCreated(eva, { type: 'announcement', title: 'Zomerfeest' });
    await publishAll([PostCreated, plain.data]);
    expect((await list(principal(anne))).some((x) => x.link === `/berichten/${plain.postId}`)).toBe(false);
    // anne reads it; bob still has it unread
    const a = (await list(principal(anne))).find((x) => x.link === link)!;
    await callRpc(rpc, R.markRead, { id: a.id }, principal(anne));
    expect((await list(principal(anne))).find((x) => x.link === link)!.read).toBe(true);
    expect((await list(principal(bob))).find((x) => x.link === link)!.read).toBe(false);
  });
});

describe('the visibility rule when delivered and read', () => {
  it('a group post’s mention shows only while the reader is in the group', async () => {
    const groupId = randomUUID();
    relations.set(carl, { groupIds: [groupId], followeeIds: [] });
    const { postId, data } = postCreated(anne, { audience: 'group', groupId });
    await publishAll(
      [PostCreated, data],
      [MentionCreated, { postId, mentionedUserId: carl, byUserId: anne, intranet: 'staff' }],
    );
    const link = `/berichten/${postId}`;
    const n = (await list(principal(carl))).find((x) => x.link === link)!;
    expect(n).toBeDefined();
    const before = await count(principal(carl));
    relations.set(carl, { groupIds: [], followeeIds: [] });
    expect((await list(principal(carl))).some((x) => x.link === link)).toBe(false);
    expect(await count(principal(carl))).toBe(before - 1);
    await expect(callRpc(rpc, R.get, { id: n.id }, principal(carl))).rejects.toMatchObject({ status: 404 });
    await expect(callRpc(rpc, R.markRead, { id: n.id }, principal(carl))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('hidden by moderation: its notifications stop showing, and come back when restored; deleted: gone', async () => {
    const { postId, data } = postCreated(anne);
    const link = `/berichten/${postId}`;
    await publishAll(
      [PostCreated, data],
      [MentionCreated, { postId, mentionedUserId: bob, byUserId: anne, intranet: 'staff' }],
    );
    expect((await list(principal(bob))).some((x) => x.link === link)).toBe(true);
    const mod = { contentType: 'post', contentId: postId, byUserId: eva };
    await publishAll([ContentHidden, mod]);
    expect((await list(principal(bob))).some((x) => x.link === link)).toBe(false);
    await publishAll([ContentRestored, mod]);
    expect((await list(principal(bob))).some((x) => x.link === link)).toBe(true);
    await publishAll([
      PostDeleted,
      { postId, intranet: 'staff', byUserId: anne, removedByModeration: false },
    ]);
    expect((await list(principal(bob))).some((x) => x.link === link)).toBe(false);
  });

  it('a hidden comment’s notification stops showing; the post’s other notifications stay', async () => {
    const { postId, data } = postCreated(anne);
    const commentId = randomUUID();
    await publishAll(
      [PostCreated, data],
      [
        CommentCreated,
        {
          commentId,
          postId,
          parentId: null,
          authorId: carl,
          postAuthorId: anne,
          intranet: 'staff',
          body: 'Nare tekst',
        },
      ],
      [ReactionAdded, { postId, userId: carl, postAuthorId: anne, kind: 'like' }],
      [ContentHidden, { contentType: 'comment', contentId: commentId, byUserId: eva }],
    );
    const kinds = (await list(principal(anne)))
      .filter((x) => x.link === `/berichten/${postId}`)
      .map((x) => x.kind);
    expect(kinds).toEqual(['reaction']);
  });
});

describe('read state and preferences', () => {
  it('unread count, mark one, mark all', async () => {
    const p = principal(bob);
    const unread = await list(p, true);
    expect(await count(p)).toBe(unread.length);
    expect(unread.length).toBeGreaterThan(1);
    const one: Notification = await callRpc(rpc, R.markRead, { id: unread[0]!.id }, p);
    expect(one.read).toBe(true);
    expect(await count(p)).toBe(unread.length - 1);
    expect(await callRpc(rpc, R.markAllRead, {}, p)).toEqual({ count: 0 });
    expect(await count(p)).toBe(0);
    expect(await list(p, true)).toEqual([]);
  });

  it('a kind turned off is not made and not shown; digest and app still are', async () => {
    const p = principal(anne);
    const prefs = await callRpc(rpc, R.setPreferences, { kinds: { comment: 'off', mention: 'digest' } }, p);
    expect(prefs.kinds).toMatchObject({ comment: 'off', mention: 'digest', reaction: 'app' });
    expect(prefs.digestAvailable).toBe(false); // no SMTP in this test
    expect((await list(p)).some((n) => n.kind === 'comment')).toBe(false);
    const { postId, data } = postCreated(anne);
    await publishAll(
      [PostCreated, data],
      [
        CommentCreated,
        {
          commentId: randomUUID(),
          postId,
          parentId: null,
          authorId: bob,
          postAuthorId: anne,
          intranet: 'staff',
          body: 'Ja!',
        },
      ],
    );
    const { rows } = await db.query(
      `select count(*)::int as n from notifications.notifications where user_id = $1 and content_key = $2`,
      [anne, `post:${postId}`],
    );
    expect(rows[0].n).toBe(0);
    await expect(
      callRpc(rpc, R.setPreferences, { kinds: { comment: 'loud' } } as never, p),
    ).rejects.toMatchObject({ status: 400 });
    await callRpc(rpc, R.setPreferences, { kinds: { comment: 'app', mention: 'app' } }, p);
    expect((await list(p)).some((n) => n.kind === 'comment')).toBe(true);
  });
});

describe('AVG', () => {
  it('export: what notifications holds of me', async () => {
    const data = await callRpc(rpc, personalDataExport('notifications'), { userId: anne });
    expect(data.service).toBe('notifications');
    expect(data.sections['notifications']!.length).toBeGreaterThan(3);
    expect(data.sections['preferences']).toEqual(
      expect.arrayContaining([{ kind: 'comment', channel: 'app' }]),
    );
    expect(data.sections['email']).toEqual([
      { email: `${anne.slice(0, 8)}@plein.example`, lastDigestAt: null },
    ]);
  });

  it('erasure: my notifications and preferences go; as an actor in others’ notifications I am no longer named', async () => {
    const erasureId = randomUUID();
    expect((await list(principal(anne))).some((n) => n.actor?.id === carl)).toBe(true);
    const req = { erasureId, userId: carl, realm: 'staff', byUserId: null, requestedAt: now() };
    const [first] = await publishAll([ErasureRequested, req]);
    // redelivered: confirms again, changes nothing
    await jetstream(h.nc).publish(ErasureRequested.type, JSON.stringify({ ...first, id: randomUUID() }), {
      msgID: randomUUID(),
    });
    await new Promise((r) => setTimeout(r, 1000));
    const q = async (sql: string) => (await db.query(sql, [carl])).rows[0].n as number;
    expect(await q(`select count(*)::int as n from notifications.notifications where user_id = $1`)).toBe(0);
    expect(await q(`select count(*)::int as n from notifications.preferences where user_id = $1`)).toBe(0);
    expect(await q(`select count(*)::int as n from notifications.people where user_id = $1`)).toBe(0);
    expect(
      await q(
        `select count(*)::int as n from notifications.notifications where actor_id = $1 or $1 = any(actor_ids)`,
      ),
    ).toBe(0);
    expect((await list(principal(anne))).some((n) => n.actor?.id === carl)).toBe(false);
    const { rows } = await db.query(
      `select envelope from notifications.outbox where type = 'plein.notifications.erasure.confirmed' and envelope->'data'->>'erasureId' = $1`,
      [erasureId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0].envelope.data).toMatchObject({ userId: carl, service: 'notifications' });
    expect(rows[0].envelope.data.removed.notifications).toBeGreaterThan(0);
    expect(rows[0].envelope.data.anonymised.notificationsAsActor).toBeGreaterThan(0);
  });
});
