import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { eventually } from './support/events.js';

/**
 * Who sees a post, where: every audience × intranet (route tree) × realm × relation, with real Keycloak
 * tokens through the gateway. A direct read of an invisible post is 404 (never 403), and a feed never
 * carries it.
 */
type Tree = 'staff' | 'client';
type Audience = 'organization' | 'followers' | 'group' | 'private';
type Role = 'author' | 'related' | 'stranger' | 'moderator' | 'clientRelated' | 'clientStranger';
const TREES: Tree[] = ['staff', 'client'];
const AUDIENCES: Audience[] = ['organization', 'followers', 'group', 'private'];
const ROLES: Role[] = ['author', 'related', 'stranger', 'moderator', 'clientRelated', 'clientStranger'];

let system: RunningSystem;
let db: pg.Client;
let who: Record<Role, Person>;
const groups: Record<Tree, string> = { staff: '', client: '' };
const posts: Record<string, string> = {}; // `${tree}/${audience}` → post id
/** feeds[tree][role] → ids per feed, fetched once after all posts were written */
const feeds: Record<string, Record<string, string[]>> = {};

const base = () => system.url;
const readerTree = (role: Role, tree: Tree): Tree => (who[role].realm === 'clients' ? 'client' : tree);

/** Written out independently of the rule: who should see the post of `tree`/`audience`. */
function expected(tree: Tree, audience: Audience, role: Role): boolean {
  if (role === 'author') return true;
  const client = role === 'clientRelated' || role === 'clientStranger';
  if (client && tree === 'staff') return false;
  const related = role === 'related' || role === 'clientRelated';
  return audience === 'organization' || related;
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  who = {
    author: await person(base(), 'staff', 'staff.employee'),
    related: await person(base(), 'staff', 'staff.mentor'),
    stranger: await person(base(), 'staff', 'staff.editor'),
    moderator: await person(base(), 'staff', 'staff.moderator'),
    clientRelated: await person(base(), 'clients', 'client.member'),
    clientStranger: await person(base(), 'clients', 'client.editor'),
  };
  await untilKnown(
    db,
    Object.values(who).map((p) => p.id),
  );
  // relations: `related` and `clientRelated` follow the author, are in the groups and are named
  for (const f of [who.related, who.clientRelated]) {
    const tree = f.realm === 'staff' ? 'staff' : 'client';
    expect((await call(base(), f, 'PUT', `/api/${tree}/v1/follows/${who.author.id}`)).status).toBe(204);
  }
  for (const tree of TREES) {
    const g = await call(base(), who.author, 'POST', `/api/${tree}/v1/groups`, {
      name: `Werkgroep zichtbaarheid ${tree}`,
      kind: 'closed',
    });
    expect(g.status, g.text).toBe(201);
    groups[tree] = g.body.id;
    const relatedHere = tree === 'staff' ? [who.related] : [who.related, who.clientRelated];
    for (const r of relatedHere) {
      const asked = await call(base(), r, 'POST', `/api/${tree}/v1/groups/${g.body.id}/members`, {});
      expect(asked.body).toMatchObject({ state: 'requested' });
      const approved = await call(base(), who.author, 'POST', `/api/${tree}/v1/groups/${g.body.id}/members`, {
        userId: r.id,
      });
      expect(approved.body, approved.text).toMatchObject({ state: 'member' });
    }
  }
  for (const tree of TREES) {
    for (const audience of AUDIENCES) {
      const named = tree === 'staff' ? [who.related.id] : [who.related.id, who.clientRelated.id];
      const created = await call(base(), who.author, 'POST', `/api/${tree}/v1/posts`, {
        body: `Matrix ${tree}/${audience}: **hallo** allemaal`,
        audience,
        ...(audience === 'group' ? { groupId: groups[tree] } : {}),
        ...(audience === 'private' ? { namedUserIds: named } : {}),
      });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ intranet: tree, audience, author: { id: who.author.id } });
      posts[`${tree}/${audience}`] = created.body.id;
    }
  }
  for (const tree of TREES) {
    feeds[tree] = {};
    for (const role of ROLES) {
      const t = readerTree(role, tree);
      const get = async (path: string) => {
        const a = await call(base(), who[role], 'GET', `/api/${t}/v1${path}`);
        if (a.status === 404) return [];
        expect(a.status, `${role} ${path}: ${a.text}`).toBe(200);
        return feedIds(a);
      };
      feeds[tree][`${role}/home`] = await get('/feed/home?limit=50');
      feeds[tree][`${role}/organization`] = await get('/feed/organization?limit=50');
      feeds[tree][`${role}/profile`] = await get(`/feed/profile/${who.author.id}?limit=50`);
      feeds[tree][`${role}/group`] = await get(`/groups/${groups[tree]}/feed?limit=50`);
    }
  }
}, 120_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

describe('audience × intranet × realm × relation', () => {
  const cases = TREES.flatMap((tree) =>
    AUDIENCES.flatMap((audience) =>
      ROLES.map((role) => [tree, audience, role, expected(tree, audience, role)] as const),
    ),
  );

  it.each(cases)('%s intranet, %s post, read by %s → visible %s', async (tree, audience, role, visible) => {
    const id = posts[`${tree}/${audience}`]!;
    const t = readerTree(role, tree);
    const direct = await call(base(), who[role], 'GET', `/api/${t}/v1/posts/${id}`);
    if (visible) {
      expect(direct.status, direct.text).toBe(200);
      expect(direct.body).toMatchObject({ id, audience, intranet: tree, hidden: false });
    } else {
      expectProblem(direct, 404, 'not_found');
      expect(direct.text).not.toContain('Matrix');
    }
    const f = feeds[tree]!;
    expect(f[`${role}/home`]!.includes(id), 'home feed').toBe(visible);
    expect(f[`${role}/profile`]!.includes(id), 'profile feed').toBe(visible);
    expect(f[`${role}/organization`]!.includes(id), 'organisation feed').toBe(
      visible && audience === 'organization',
    );
    expect(f[`${role}/group`]!.includes(id), 'group feed').toBe(visible && audience === 'group');
  });

  it('the tree decides the intranet: a staff member reads a client post only through the client tree', async () => {
    const clientPost = posts['client/organization']!;
    expectProblem(
      await call(base(), who.related, 'GET', `/api/staff/v1/posts/${clientPost}`),
      404,
      'not_found',
    );
    expect((await call(base(), who.related, 'GET', `/api/client/v1/posts/${clientPost}`)).status).toBe(200);
    const staffPost = posts['staff/organization']!;
    expectProblem(
      await call(base(), who.related, 'GET', `/api/client/v1/posts/${staffPost}`),
      404,
      'not_found',
    );
  });

  it('a secret group and its posts do not exist for non-members', async () => {
    const g = await call(base(), who.author, 'POST', '/api/staff/v1/groups', {
      name: 'Vertrouwenspersonen',
      kind: 'secret',
    });
    const post = await call(base(), who.author, 'POST', '/api/staff/v1/posts', {
      body: 'Alleen voor de vertrouwenspersonen',
      audience: 'group',
      groupId: g.body.id,
    });
    expect(post.status).toBe(201);
    expectProblem(
      await call(base(), who.stranger, 'GET', `/api/staff/v1/groups/${g.body.id}`),
      404,
      'not_found',
    );
    expectProblem(
      await call(base(), who.stranger, 'GET', `/api/staff/v1/groups/${g.body.id}/feed`),
      404,
      'not_found',
    );
    expectProblem(
      await call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${post.body.id}`),
      404,
      'not_found',
    );
    const list = await call(base(), who.stranger, 'GET', '/api/staff/v1/groups');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(g.body.id);
    // invited, then joined: now it exists for them and they read its posts
    const invite = await call(base(), who.author, 'POST', `/api/staff/v1/groups/${g.body.id}/members`, {
      userId: who.stranger.id,
    });
    expect(invite.body).toMatchObject({ state: 'invited' });
    expectProblem(
      await call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${post.body.id}`),
      404,
      'not_found',
    );
    const joined = await call(base(), who.stranger, 'POST', `/api/staff/v1/groups/${g.body.id}/members`, {});
    expect(joined.body).toMatchObject({ state: 'member' });
    expect((await call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${post.body.id}`)).status).toBe(200);
    expect(
      feedIds(await call(base(), who.stranger, 'GET', `/api/staff/v1/groups/${g.body.id}/feed`)),
    ).toEqual([post.body.id]);
  });
});

describe('hidden by moderation', () => {
  it('disappears for everyone but moderators and its author, who see it marked; restore brings it back', async () => {
    const created = await call(base(), who.author, 'POST', '/api/staff/v1/posts', {
      body: 'Een bericht dat de moderatie verbergt',
      audience: 'organization',
    });
    const id = created.body.id;
    expectProblem(
      await call(base(), who.stranger, 'PUT', `/api/staff/v1/posts/${id}/hidden`, { hidden: true }),
      403,
      'forbidden',
    );
    const hidden = await call(base(), who.moderator, 'PUT', `/api/staff/v1/posts/${id}/hidden`, {
      hidden: true,
    });
    expect(hidden.status, hidden.text).toBe(200);
    // decided by the moderation service (audit log); timelines follows its event
    expect(hidden.body).toMatchObject({ contentType: 'post', contentId: id, hidden: true });
    await eventually(
      () => call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${id}`),
      (a) => a.status === 404,
    );
    expectProblem(await call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${id}`), 404, 'not_found');
    expect(
      feedIds(await call(base(), who.stranger, 'GET', '/api/staff/v1/feed/organization?limit=50')),
    ).not.toContain(id);
    for (const r of [who.author, who.moderator]) {
      const a = await call(base(), r, 'GET', `/api/staff/v1/posts/${id}`);
      expect(a.body).toMatchObject({ id, hidden: true });
      const feed: Answer = await call(base(), r, 'GET', '/api/staff/v1/feed/organization?limit=50');
      expect(feed.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ hidden: true });
    }
    await call(base(), who.moderator, 'PUT', `/api/staff/v1/posts/${id}/hidden`, { hidden: false });
    await eventually(
      () => call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${id}`),
      (a) => a.status === 200,
    );
    expect((await call(base(), who.stranger, 'GET', `/api/staff/v1/posts/${id}`)).body).toMatchObject({
      hidden: false,
    });
  });
});
