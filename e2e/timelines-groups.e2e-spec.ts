import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import {
  ContentHidden,
  ContentRestored,
  type EventEnvelope,
  GroupMemberAdded,
  PostUpdated,
} from '@plein/contracts';
import { connectTestNats } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import {
  type Answer,
  type Person,
  call,
  database,
  expectProblem,
  feedIds,
  person,
  untilKnown,
} from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let employee: Person, mentor: Person, editor: Person, admin: Person, moderator: Person, client: Person;
const base = () => system.url;
const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/staff/v1${path}`, body);
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  admin = await person(base(), 'staff', 'staff.admin');
  moderator = await person(base(), 'staff', 'staff.moderator');
  client = await person(base(), 'clients', 'client.member');
  await untilKnown(
    db,
    [employee, mentor, editor, admin, moderator, client].map((p) => p.id),
  );
}, 90_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

/** Publishes an event on JetStream as its producer's outbox relay would. */
async function publish(type: string, data: unknown, occurredAt = new Date()): Promise<EventEnvelope> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    occurredAt: occurredAt.toISOString(),
    source: 'moderation',
    version: 1,
    data,
  };
  const nc = await connectTestNats();
  try {
    await jetstream(nc).publish(type, JSON.stringify(envelope), { msgID: envelope.id });
  } finally {
    await nc.close();
  }
  return envelope;
}

/** Row counts a refused request could have half-written. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['posts', 'groups', 'group_members', 'outbox'])
    out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from timelines.${t}`)).rows[0]!.n;
  out['following'] = (
    await db.query<{ n: number }>('select count(*)::int as n from timelines.group_members where following')
  ).rows[0]!.n;
  return out;
}

const groupOf = (answer: Answer, teamId: string) => answer.body.items.find((g) => g['teamId'] === teamId);

describe('workgroups follow the directory teams', () => {
  it('a team becomes a closed workgroup of its members; members in and out, deleted → archived for its last members', async () => {
    // the directory knows people once they have a profile (first login → identity → directory)
    const team = await staff(editor, 'POST', '/teams', {
      name: `Team Buurtzorg ${tag}`,
      purpose: 'Samen zorgen voor de wijk',
    });
    expect(team.status, team.text).toBe(201);
    const teamId = team.body.id;
    for (const who of [employee, mentor]) {
      const added = await eventually(
        () => staff(editor, 'PUT', `/teams/${teamId}/members/${who.id}`),
        (r) => r.status === 200,
        15_000,
      );
      expect(added.status, added.text).toBe(200);
    }

    const listed = await eventually(
      () => staff(employee, 'GET', '/groups'),
      (r) => groupOf(r, teamId)?.['memberCount'] === 2,
    );
    const workgroup = groupOf(listed, teamId)!;
    expect(workgroup).toMatchObject({
      name: `Team Buurtzorg ${tag}`,
      description: 'Samen zorgen voor de wijk',
      kind: 'closed',
      workgroup: true,
      intranet: 'staff',
      membership: 'member',
      following: true,
      archived: false,
      memberCount: 2,
    });
    const groupId = workgroup.id;
    const members = await staff(mentor, 'GET', `/groups/${groupId}/members`);
    expect(members.body.items.map((m) => m.id).sort()).toEqual([employee.id, mentor.id].sort());
    // the same event as a manual join, marked as the team's doing
    const memberEvents = await eventually(
      async () =>
        (await readEvents(GroupMemberAdded.type))
          .map(
            (e) => e.envelope.data as { groupId: string; userId: string; byUserId: unknown; teamId?: string },
          )
          .filter((d) => d.groupId === groupId),
      (l) => l.length >= 2,
    );
    expect(memberEvents.map((d) => d.userId).sort()).toEqual([employee.id, mentor.id].sort());
    expect(memberEvents.every((d) => d.byUserId === null && d.teamId === teamId)).toBe(true);

    // the team renames: so does the workgroup
    expect((await staff(editor, 'PATCH', `/teams/${teamId}`, { name: `Team Wijkzorg ${tag}` })).status).toBe(
      200,
    );
    await eventually(
      () => staff(employee, 'GET', `/groups/${groupId}`),
      (r) => r.body['name'] === `Team Wijkzorg ${tag}`,
    );
    expect((await staff(employee, 'GET', `/groups/${groupId}`)).body['name']).toBe(`Team Wijkzorg ${tag}`);

    // members only: a post in the workgroup is the team's
    const post = await staff(employee, 'POST', '/posts', {
      body: 'Overdracht: mevrouw De Vries heeft morgen om 10 uur een afspraak bij de huisarts.',
      audience: 'group',
      groupId,
    });
    expect(post.status, post.text).toBe(201);
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).toContain(post.body.id);
    expect(feedIds(await staff(mentor, 'GET', `/groups/${groupId}/feed`))).toContain(post.body.id);
    expectProblem(await staff(admin, 'GET', `/posts/${post.body.id}`), 404);
    expect(feedIds(await staff(admin, 'GET', `/groups/${groupId}/feed`))).not.toContain(post.body.id);
    expect(feedIds(await staff(admin, 'GET', '/feed/home'))).not.toContain(post.body.id);

    // membership is the team's: nobody joins, adds or leaves by hand, and nothing is half-written
    const before = await counts();
    expectProblem(
      await staff(admin, 'POST', `/groups/${groupId}/members`, {}),
      409,
      'workgroup_follows_team',
    );
    expectProblem(
      await staff(employee, 'POST', `/groups/${groupId}/members`, { userId: admin.id }),
      409,
      'workgroup_follows_team',
    );
    expectProblem(
      await staff(mentor, 'DELETE', `/groups/${groupId}/members/${mentor.id}`),
      409,
      'workgroup_follows_team',
    );
    expect(await counts()).toEqual(before);

    // out of the team → out of the workgroup: the post is gone for them
    expect((await staff(editor, 'DELETE', `/teams/${teamId}/members/${mentor.id}`)).status).toBe(200);
    const gone = await eventually(
      () => staff(mentor, 'GET', `/posts/${post.body.id}`),
      (r) => r.status === 404,
    );
    expectProblem(gone, 404);
    expect((await staff(mentor, 'GET', `/groups/${groupId}`)).body['membership']).toBe('none');

    // the team is deleted: the workgroup is archived; its last members read back, nobody posts, others never see it
    expect((await staff(editor, 'DELETE', `/teams/${teamId}`)).status).toBe(200);
    const archived = await eventually(
      () => staff(employee, 'GET', `/groups/${groupId}`),
      (r) => r.body['archived'] === true,
    );
    expect(archived.body).toMatchObject({ archived: true, membership: 'member', memberCount: 1 });
    expect((await staff(employee, 'GET', `/posts/${post.body.id}`)).status).toBe(200);
    const beforeArchivedPost = await counts();
    expectProblem(
      await staff(employee, 'POST', '/posts', { body: 'Nog iets?', audience: 'group', groupId }),
      409,
      'group_archived',
    );
    expect(await counts()).toEqual(beforeArchivedPost);
    expectProblem(await staff(mentor, 'GET', `/groups/${groupId}`), 404);
    expectProblem(await staff(mentor, 'GET', `/posts/${post.body.id}`), 404);
    expect(groupOf(await staff(admin, 'GET', '/groups'), teamId)).toBeUndefined();
    expect(groupOf(await staff(employee, 'GET', '/groups'), teamId)).toMatchObject({ archived: true });
  });
});

describe('following groups: members choose whether a group comes into their home feed', () => {
  it('PUT/DELETE /groups/{id}/follow are idempotent, members only, and steer the home feed only', async () => {
    const group = await staff(employee, 'POST', '/groups', { name: `Fietsclub ${tag}`, kind: 'open' });
    expect(group.status, group.text).toBe(201);
    expect(group.body).toMatchObject({ following: true, archived: false });
    const groupId = group.body.id;
    expect((await staff(mentor, 'POST', `/groups/${groupId}/members`, {})).body['state']).toBe('member');
    // posts of people one follows come in through them; other tests may have the mentor follow the author
    const followedAuthor = (await staff(mentor, 'GET', '/follows')).body.items.some(
      (p) => p.id === employee.id,
    );
    expect((await staff(mentor, 'DELETE', `/follows/${employee.id}`)).status).toBe(204);
    const post = await staff(employee, 'POST', '/posts', {
      body: 'Zaterdag fietsen we naar Giethoorn. Wie gaat er mee?',
      audience: 'group',
      groupId,
    });
    expect(post.status, post.text).toBe(201);
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).toContain(post.body.id);

    for (let i = 0; i < 2; i++) {
      const off = await staff(mentor, 'DELETE', `/groups/${groupId}/follow`);
      expect(off.status, off.text).toBe(204);
    }
    expect((await staff(mentor, 'GET', `/groups/${groupId}`)).body).toMatchObject({
      membership: 'member',
      following: false,
    });
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).not.toContain(post.body.id);
    // still a member: the group's own page and the post itself
    expect(feedIds(await staff(mentor, 'GET', `/groups/${groupId}/feed`))).toContain(post.body.id);
    expect((await staff(mentor, 'GET', `/posts/${post.body.id}`)).status).toBe(200);
    // someone else's choice is theirs
    expect(feedIds(await staff(employee, 'GET', '/feed/home'))).toContain(post.body.id);
    // following the author brings their posts, this one included: following a person is all they write for me
    expect((await staff(mentor, 'PUT', `/follows/${employee.id}`)).status).toBe(204);
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).toContain(post.body.id);
    expect((await staff(mentor, 'DELETE', `/follows/${employee.id}`)).status).toBe(204);
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).not.toContain(post.body.id);

    for (let i = 0; i < 2; i++)
      expect((await staff(mentor, 'PUT', `/groups/${groupId}/follow`)).status).toBe(204);
    expect((await staff(mentor, 'GET', `/groups/${groupId}`)).body['following']).toBe(true);
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).toContain(post.body.id);

    // only members follow (a group's posts are for its members); refusals write nothing
    const secret = await staff(editor, 'POST', '/groups', { name: `Vertrouwelijk ${tag}`, kind: 'secret' });
    const before = await counts();
    expectProblem(await staff(admin, 'PUT', `/groups/${groupId}/follow`), 403, 'not_a_member');
    expect((await staff(admin, 'DELETE', `/groups/${groupId}/follow`)).status).toBe(204);
    expect((await staff(admin, 'GET', `/groups/${groupId}`)).body['following']).toBe(false);
    expectProblem(await staff(admin, 'PUT', `/groups/${secret.body.id}/follow`), 404);
    expectProblem(await staff(admin, 'DELETE', `/groups/${secret.body.id}/follow`), 404);
    expectProblem(await call(base(), client, 'PUT', `/api/client/v1/groups/${groupId}/follow`), 404);
    expectProblem(await staff(mentor, 'PUT', '/groups/geen-uuid/follow'), 400);
    expectProblem(await staff(mentor, 'PUT', `/groups/${randomUUID()}/follow`), 404);
    expect(await counts()).toEqual(before);

    // leaving and joining again starts following again
    expect((await staff(mentor, 'DELETE', `/groups/${groupId}/follow`)).status).toBe(204);
    expect((await staff(mentor, 'DELETE', `/groups/${groupId}/members/${mentor.id}`)).status).toBe(204);
    expect((await staff(mentor, 'POST', `/groups/${groupId}/members`, {})).body['state']).toBe('member');
    expect((await staff(mentor, 'GET', `/groups/${groupId}`)).body['following']).toBe(true);
    if (followedAuthor) expect((await staff(mentor, 'PUT', `/follows/${employee.id}`)).status).toBe(204);
  });
});

describe("moderation's hide and restore events", () => {
  it('hide: within a second gone from readers (feed, direct read 404), still there for the author and moderators, marked', async () => {
    const post = await staff(employee, 'POST', '/posts', {
      body: `Wie heeft mijn fiets geleend? Ik weet wie je bent ${tag}`,
      audience: 'organization',
    });
    expect(post.status, post.text).toBe(201);
    const id = post.body.id;
    expect(feedIds(await staff(mentor, 'GET', '/feed/home'))).toContain(id);
    expect(feedIds(await staff(mentor, 'GET', '/feed/organization'))).toContain(id);

    const started = Date.now();
    await publish(ContentHidden.type, {
      contentType: 'post',
      contentId: id,
      byUserId: moderator.id,
      reason: 'Persoonlijke beschuldiging',
    });
    let read: Answer;
    let home: Answer;
    let org: Answer;
    for (;;) {
      read = await staff(mentor, 'GET', `/posts/${id}`);
      home = await staff(mentor, 'GET', '/feed/home');
      org = await staff(mentor, 'GET', '/feed/organization');
      const gone = read.status === 404 && !feedIds(home).includes(id) && !feedIds(org).includes(id);
      if (gone || Date.now() - started > 1000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(Date.now() - started).toBeLessThanOrEqual(1000);
    expectProblem(read, 404);
    expect(feedIds(home)).not.toContain(id);
    expect(feedIds(org)).not.toContain(id);

    for (const who of [employee, moderator]) {
      const seen = await staff(who, 'GET', `/posts/${id}`);
      expect(seen.status, `${who.username}: ${seen.text}`).toBe(200);
      expect(seen.body['hidden']).toBe(true);
    }
    const authorsFeed = (await staff(employee, 'GET', '/feed/home')).body.items.find((p) => p.id === id);
    expect(authorsFeed).toMatchObject({ hidden: true });
    // search and the live feeds learn it from the same post.updated as a moderator's own hide
    const updated = await eventually(
      async () =>
        (await readEvents(PostUpdated.type))
          .map((e) => e.envelope.data as { postId: string; hidden: boolean })
          .filter((d) => d.postId === id),
      (l) => l.length >= 1,
    );
    expect(updated).toEqual([expect.objectContaining({ postId: id, hidden: true })]);

    // an older decision arriving late changes nothing
    const stale = await publish(
      ContentRestored.type,
      { contentType: 'post', contentId: id, byUserId: moderator.id },
      new Date(started - 60_000),
    );
    await eventually(
      async () =>
        (await db.query('select 1 from timelines.inbox where event_id = $1', [stale.id])).rowCount ?? 0,
      (n) => n === 1,
    );
    expectProblem(await staff(mentor, 'GET', `/posts/${id}`), 404);
    // restore brings it back
    // a comment's decision is not timelines' business here, an unknown post is nothing to do
    await publish(ContentHidden.type, { contentType: 'comment', contentId: id, byUserId: moderator.id });
    await publish(ContentHidden.type, {
      contentType: 'post',
      contentId: randomUUID(),
      byUserId: moderator.id,
    });
    await publish(ContentRestored.type, { contentType: 'post', contentId: id, byUserId: moderator.id });
    const back = await eventually(
      () => staff(mentor, 'GET', `/posts/${id}`),
      (r) => r.status === 200,
    );
    expect(back.body['hidden']).toBe(false);
    const all = await eventually(
      async () =>
        (await readEvents(PostUpdated.type))
          .map((e) => e.envelope.data as { postId: string; hidden: boolean })
          .filter((d) => d.postId === id),
      (l) => l.length >= 2,
    );
    expect(all.map((d) => d.hidden)).toEqual([true, false]);
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from timelines.inbox where consumer like 'timelines-moderation-%'`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(5);
  });
});
