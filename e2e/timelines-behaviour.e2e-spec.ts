import {
  CommentCreated,
  GroupMemberAdded,
  MentionCreated,
  PostCreated,
  POST_BODY_MAX,
  ReactionAdded,
} from '@plein/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import { type Person, call, database, expectProblem, feedIds, person, untilKnown } from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let employee: Person, mentor: Person, editor: Person, admin: Person, client: Person, clientEditor: Person;
const base = () => system.url;

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  admin = await person(base(), 'staff', 'staff.admin');
  client = await person(base(), 'clients', 'client.member');
  clientEditor = await person(base(), 'clients', 'client.editor');
  await untilKnown(
    db,
    [employee, mentor, editor, admin, client, clientEditor].map((p) => p.id),
  );
}, 60_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

/** Row counts of everything a refused request could have half-written. */
async function counts(): Promise<Record<string, number>> {
  const tables = [
    'posts',
    'comments',
    'reactions',
    'group_members',
    'confirmations',
    'post_versions',
    'outbox',
  ];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from timelines.${t}`)).rows[0]!.n;
  return out;
}

/** Reads an SSE response until `stop` says so or the time is up; returns the events seen. */
interface SseEvent {
  event: string;
  data: { id: string };
}
function collectSse(res: Response): { events: SseEvent[]; close: () => void } {
  const events: SseEvent[] = [];
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as SseEvent['data'] });
        }
      }
    } catch {
      // closed
    }
  })();
  return { events, close: () => void reader.cancel().catch(() => undefined) };
}

describe('a clients-realm user never reads, reacts to or learns of a staff-intranet post', () => {
  it('by any endpoint, in either tree, in any feed or live stream', async () => {
    const live = await fetch(`${base()}/api/client/v1/feed/stream`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = collectSse(live);
    try {
      const staffPost = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
        body: 'Alleen voor medewerkers: rooster kerst',
        audience: 'organization',
      });
      expect(staffPost.status).toBe(201);
      const id = staffPost.body.id;
      // a client-intranet post a moment later, so we know the stream delivers
      const clientPost = await call(base(), employee, 'POST', '/api/client/v1/posts', {
        body: 'Voor iedereen: de inloop is morgen open',
        audience: 'organization',
      });
      await call(base(), client, 'PUT', `/api/client/v1/follows/${employee.id}`);
      const before = await counts();

      const refusals: [string, string, unknown?][] = [
        ['GET', `/posts/${id}`],
        ['PATCH', `/posts/${id}`, { body: 'anders' }],
        ['DELETE', `/posts/${id}`],
        ['GET', `/posts/${id}/history`],
        ['POST', `/posts/${id}/comments`, { body: 'Ik zie dit' }],
        ['POST', `/posts/${id}/reactions`, { kind: 'like' }],
        ['DELETE', `/posts/${id}/reactions`],
        ['POST', `/posts/${id}/confirmations`],
        ['GET', `/posts/${id}/confirmations`],
        ['PUT', `/posts/${id}/hidden`, { hidden: true }],
      ];
      for (const [method, path, body] of refusals) {
        // the client tree: the post does not exist there
        const a = await call(base(), client, method, `/api/client/v1${path}`, body);
        expectProblem(a, 404, 'not_found');
        expect(a.text).not.toContain('medewerkers');
        // the staff tree: refused by realm before anything is looked up
        expectProblem(await call(base(), client, method, `/api/staff/v1${path}`, body), 403, 'forbidden');
      }
      for (const path of [
        '/feed/home?limit=50',
        '/feed/organization?limit=50',
        '/feed/news?limit=50',
        `/feed/profile/${employee.id}?limit=50`,
        '/follows',
        '/groups',
      ]) {
        const a = await call(base(), client, 'GET', `/api/client/v1${path}`);
        expect(a.status, `${path}: ${a.text}`).toBe(200);
        expect(a.text).not.toContain(id);
        expect(a.text).not.toContain('medewerkers');
      }
      expect(feedIds(await call(base(), client, 'GET', '/api/client/v1/feed/home?limit=50'))).toContain(
        clientPost.body.id,
      );
      // mentioning the client on a staff post is refused, so no notification can tell them of it
      const mention = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
        body: '@client.member kijk eens',
        audience: 'organization',
        mentions: [client.id],
      });
      expectProblem(mention, 400, 'mention_not_allowed');
      const named = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
        body: 'Voor jou',
        audience: 'private',
        namedUserIds: [client.id],
      });
      expectProblem(named, 400, 'named_person_not_allowed');
      expect(await counts()).toEqual(before);

      await eventually(
        () => Promise.resolve(stream.events.length),
        (n) => n > 0,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.map((e) => e.data.id)).toEqual([clientPost.body.id]);
      const mentions = (await readEvents(MentionCreated.type)).map(
        (e) => e.envelope.data as { mentionedUserId: string },
      );
      expect(mentions.filter((m) => m.mentionedUserId === client.id)).toEqual([]);
    } finally {
      stream.close();
    }
  });
});

describe('bad input: a clear 4xx and nothing changes', () => {
  it.each([
    ['an empty post', { body: '', audience: 'organization' }, 400],
    ['a blank post', { body: ' \n\t ', audience: 'organization' }, 400],
    ['a post over the limit', { body: 'x'.repeat(POST_BODY_MAX + 1), audience: 'organization' }, 400],
    ['an unknown audience', { body: 'hoi', audience: 'everyone' }, 400],
    ['a group post without a group', { body: 'hoi', audience: 'group' }, 400],
    ['a private post naming nobody', { body: 'hoi', audience: 'private' }, 400],
    ['an unknown field', { body: 'hoi', audience: 'organization', html: '<b>' }, 400],
    ['an announcement by a non-editor', { body: 'hoi', audience: 'organization', type: 'announcement' }, 403],
    [
      'a post in a group that does not exist',
      { body: 'hoi', audience: 'group', groupId: crypto.randomUUID() },
      404,
    ],
  ])('%s → %i', async (_name, body, status) => {
    const before = await counts();
    const a = await call(base(), employee, 'POST', '/api/staff/v1/posts', body);
    expectProblem(a, status);
    expect(await counts()).toEqual(before);
  });

  it('a <script> payload is stored as text and returned inert, byte for byte, as JSON', async () => {
    const payload = '<script>alert("xss")</script><img src=x onerror=alert(1)> **vet**';
    const created = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: payload,
      audience: 'organization',
    });
    expect(created.status).toBe(201);
    const read = await call(base(), mentor, 'GET', `/api/staff/v1/posts/${created.body.id}`);
    expect(read.type).toMatch(/^application\/json/);
    expect(read.body.body).toBe(payload);
    const stored = await db.query('select body from timelines.posts where id = $1', [created.body.id]);
    expect(stored.rows[0].body).toBe(payload);
  });

  it('reacting to or commenting on an invisible post → 404, no reaction, no comment', async () => {
    const g = await call(base(), employee, 'POST', '/api/staff/v1/groups', {
      name: 'Gesloten kring',
      kind: 'closed',
    });
    const secret = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: 'Alleen de kring',
      audience: 'group',
      groupId: g.body.id,
    });
    const before = await counts();
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/posts/${secret.body.id}/reactions`, {
        kind: 'heart',
      }),
      404,
      'not_found',
    );
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/posts/${secret.body.id}/comments`, { body: 'Ha' }),
      404,
      'not_found',
    );
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/posts/${crypto.randomUUID()}/reactions`, {}),
      404,
      'not_found',
    );
    expect(await counts()).toEqual(before);
  });

  it('mentioning someone who cannot see the post → 400, no post, no mention event', async () => {
    const before = await counts();
    const mention = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: 'Alleen voor mijn volgers, @staff.admin',
      audience: 'followers',
      mentions: [admin.id],
    });
    expectProblem(mention, 400, 'mention_not_allowed');
    expect(mention.body.errors).toEqual({ userIds: [admin.id] });
    expect(await counts()).toEqual(before);
    const events = await readEvents(MentionCreated.type);
    expect(
      events.filter((e) => (e.envelope.data as { mentionedUserId: string }).mentionedUserId === admin.id),
    ).toEqual([]);
  });

  it('joining a secret group without an invitation → 404, no membership', async () => {
    const g = await call(base(), employee, 'POST', '/api/staff/v1/groups', {
      name: 'Geheim overleg',
      kind: 'secret',
    });
    const before = await counts();
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/groups/${g.body.id}/members`, {}),
      404,
      'not_found',
    );
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/groups/${g.body.id}/members`, { userId: mentor.id }),
      404,
      'not_found',
    );
    expect(await counts()).toEqual(before);
  });

  it('a bad cursor, a bad id, an empty comment and a reply to a reply → 400', async () => {
    expectProblem(
      await call(base(), employee, 'GET', '/api/staff/v1/feed/home?cursor=bm9wZQ'),
      400,
      'bad_request',
    );
    expectProblem(
      await call(base(), employee, 'GET', '/api/staff/v1/feed/home?limit=500'),
      400,
      'bad_request',
    );
    expectProblem(await call(base(), employee, 'GET', '/api/staff/v1/posts/not-a-uuid'), 400, 'bad_request');
    const p = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: 'Draad',
      audience: 'organization',
    });
    expectProblem(
      await call(base(), mentor, 'POST', `/api/staff/v1/posts/${p.body.id}/comments`, { body: '' }),
      400,
    );
    const c1 = await call(base(), mentor, 'POST', `/api/staff/v1/posts/${p.body.id}/comments`, {
      body: 'Eerste',
    });
    const c2 = await call(base(), editor, 'POST', `/api/staff/v1/posts/${p.body.id}/comments`, {
      body: 'Antwoord',
      parentId: c1.body.id,
    });
    expect(c2.status, c2.text).toBe(201);
    const before = await counts();
    expectProblem(
      await call(base(), employee, 'POST', `/api/staff/v1/posts/${p.body.id}/comments`, {
        body: 'Te diep',
        parentId: c2.body.id,
      }),
      400,
    );
    expect(await counts()).toEqual(before);
  });
});

describe('posts, comments, reactions, mentions, announcements, articles and their events', () => {
  it('a post with a mention, a comment, a reaction, an edit with history, and removal', async () => {
    await call(base(), mentor, 'PUT', `/api/staff/v1/follows/${employee.id}`);
    expect((await call(base(), mentor, 'GET', '/api/staff/v1/follows')).body.items).toContainEqual({
      id: employee.id,
      kind: 'staff', // a person carries their kind (person rule): a client never passes for a medewerker
      displayName: expect.any(String),
    });
    const created = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: 'Dank je @staff.mentor voor het inwerken!',
      audience: 'followers',
      mentions: [mentor.id],
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    expect(created.body.mentions).toEqual([
      { id: mentor.id, kind: 'staff', displayName: expect.any(String) },
    ]);
    const comment = await call(base(), mentor, 'POST', `/api/staff/v1/posts/${id}/comments`, {
      body: 'Graag gedaan',
    });
    expect(comment.status).toBe(201);
    const reacted = await call(base(), mentor, 'POST', `/api/staff/v1/posts/${id}/reactions`, {
      kind: 'heart',
    });
    expect(reacted.body).toMatchObject({ reactions: { heart: 1 }, myReaction: 'heart', commentCount: 1 });
    // another reader's view carries the counts but not someone else's reaction as theirs
    const seen = await call(base(), employee, 'GET', `/api/staff/v1/posts/${id}`);
    expect(seen.body).toMatchObject({
      reactions: { heart: 1 },
      commentCount: 1,
      comments: [{ body: 'Graag gedaan' }],
    });
    expect(seen.body.myReaction).toBeUndefined();

    expectProblem(
      await call(base(), mentor, 'PATCH', `/api/staff/v1/posts/${id}`, { body: 'Niet van mij' }),
      403,
    );
    const edited = await call(base(), employee, 'PATCH', `/api/staff/v1/posts/${id}`, {
      body: 'Dank je wel!',
    });
    expect(edited.body).toMatchObject({ body: 'Dank je wel!', editedAt: expect.any(String) });
    const history = await call(base(), employee, 'GET', `/api/staff/v1/posts/${id}/history`);
    expect(history.body.items).toEqual([
      { body: 'Dank je @staff.mentor voor het inwerken!', at: expect.any(String) },
    ]);

    const mine = (type: string, pick: (d: Record<string, unknown>) => boolean) => async () =>
      (await readEvents(type)).map((e) => e.envelope.data as Record<string, unknown>).filter(pick);
    expect(
      await eventually(
        mine(PostCreated.type, (d) => d.postId === id),
        (l) => l.length > 0,
      ),
    ).toMatchObject([{ postId: id, audience: 'followers', authorId: employee.id, intranet: 'staff' }]);
    expect(
      await eventually(
        mine(MentionCreated.type, (d) => d.postId === id),
        (l) => l.length > 0,
      ),
    ).toEqual([{ postId: id, mentionedUserId: mentor.id, byUserId: employee.id, intranet: 'staff' }]);
    expect(
      await eventually(
        mine(CommentCreated.type, (d) => d.postId === id),
        (l) => l.length > 0,
      ),
    ).toMatchObject([{ postId: id, authorId: mentor.id, postAuthorId: employee.id }]);
    expect(
      await eventually(
        mine(ReactionAdded.type, (d) => d.postId === id),
        (l) => l.length > 0,
      ),
    ).toEqual([{ postId: id, userId: mentor.id, postAuthorId: employee.id, kind: 'heart' }]);

    // an editor removes it; then it is gone for everyone, comments and reactions with it
    const removed = await fetch(`${base()}/api/staff/v1/posts/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(removed.status).toBe(404); // the editor does not follow the author: a followers post is not theirs to see
    expect((await call(base(), employee, 'DELETE', `/api/staff/v1/posts/${id}`)).status).toBe(204);
    expectProblem(await call(base(), mentor, 'GET', `/api/staff/v1/posts/${id}`), 404);
    const left = await db.query('select count(*)::int as n from timelines.reactions where post_id = $1', [
      id,
    ]);
    expect(left.rows[0].n).toBe(0);
  });

  it('announcements: only editors; pinned on the home feed; read confirmations with who has not confirmed', async () => {
    expectProblem(
      await call(base(), clientEditor, 'POST', '/api/client/v1/posts', {
        type: 'article',
        title: 'Mijn column',
        body: 'Tekst',
        audience: 'organization',
      }),
      403,
    );
    const a = await call(base(), editor, 'POST', '/api/staff/v1/posts', {
      type: 'announcement',
      body: 'Nieuwe werkwijze voor de nachtdienst vanaf 1 maart. Graag lezen en bevestigen.',
      audience: 'organization',
      pinned: true,
      requiresConfirmation: true,
    });
    expect(a.status, a.text).toBe(201);
    const home = await call(base(), mentor, 'GET', '/api/staff/v1/feed/home');
    expect(home.body.pinned.map((p: { id: string }) => p.id)).toContain(a.body.id);
    expect(home.body.pinned.find((p: { id: string }) => p.id === a.body.id)).toMatchObject({
      confirmedByMe: false,
    });
    const confirmed = await call(base(), mentor, 'POST', `/api/staff/v1/posts/${a.body.id}/confirmations`);
    expect(confirmed.body).toMatchObject({ confirmedByMe: true });
    await call(base(), mentor, 'POST', `/api/staff/v1/posts/${a.body.id}/confirmations`); // idempotent
    const list = await call(base(), editor, 'GET', `/api/staff/v1/posts/${a.body.id}/confirmations`);
    expect(list.body.confirmed.map((p: { id: string }) => p.id)).toEqual([mentor.id]);
    expect(list.body.notConfirmed.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([employee.id, admin.id, editor.id]),
    );
    expect(list.body.notConfirmed.map((p: { id: string }) => p.id)).not.toContain(client.id); // staff intranet
    expectProblem(await call(base(), mentor, 'GET', `/api/staff/v1/posts/${a.body.id}/confirmations`), 403);
    const unpinned = await call(base(), editor, 'PATCH', `/api/staff/v1/posts/${a.body.id}`, {
      pinned: false,
    });
    expect(unpinned.body).toMatchObject({ pinned: false });
  });

  it('articles with a series appear in the news feed of their intranet', async () => {
    const art = await call(base(), editor, 'POST', '/api/client/v1/posts', {
      type: 'article',
      title: 'Column: Mijn eerste winter binnen',
      series: 'Column van Kees',
      body: 'Vorig jaar sliep ik nog buiten...',
      audience: 'organization',
    });
    expect(art.status, art.text).toBe(201);
    expect(feedIds(await call(base(), client, 'GET', '/api/client/v1/feed/news'))).toContain(art.body.id);
    expect(feedIds(await call(base(), mentor, 'GET', '/api/staff/v1/feed/news'))).not.toContain(art.body.id);
    expect((await call(base(), client, 'GET', `/api/client/v1/posts/${art.body.id}`)).body).toMatchObject({
      type: 'article',
      series: 'Column van Kees',
    });
  });

  it('groups: open join, closed request and approval, member-added events', async () => {
    const open = await call(base(), employee, 'POST', '/api/client/v1/groups', {
      name: 'Moestuin',
      kind: 'open',
    });
    expect(open.body).toMatchObject({ membership: 'admin', memberCount: 1, intranet: 'client' });
    const joined = await call(base(), client, 'POST', `/api/client/v1/groups/${open.body.id}/members`, {});
    expect(joined.body).toEqual({ groupId: open.body.id, userId: client.id, state: 'member' });
    expect((await call(base(), client, 'GET', `/api/client/v1/groups/${open.body.id}`)).body).toMatchObject({
      membership: 'member',
      memberCount: 2,
    });
    const members = await call(base(), client, 'GET', `/api/client/v1/groups/${open.body.id}/members`);
    expect(members.body.items.map((m: { id: string }) => m.id).sort()).toEqual(
      [client.id, employee.id].sort(),
    );
    const events = await eventually(
      async () =>
        (await readEvents(GroupMemberAdded.type))
          .map((e) => e.envelope.data as { groupId: string; userId: string; role: string })
          .filter((d) => d.groupId === open.body.id),
      (l) => l.length >= 2,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: employee.id, role: 'admin' }),
        expect.objectContaining({ userId: client.id, role: 'member' }),
      ]),
    );
    // a clients-realm member posts to the group; a non-member client does not see it
    const p = await call(base(), client, 'POST', '/api/client/v1/posts', {
      body: 'De tomaten zijn rijp!',
      audience: 'group',
      groupId: open.body.id,
    });
    expect(p.status, p.text).toBe(201);
    expectProblem(await call(base(), clientEditor, 'GET', `/api/client/v1/posts/${p.body.id}`), 404);
    // staff groups are not there for clients at all
    const staffGroup = await call(base(), employee, 'POST', '/api/staff/v1/groups', {
      name: 'Team Oost',
      kind: 'open',
    });
    expectProblem(
      await call(base(), client, 'POST', `/api/client/v1/groups/${staffGroup.body.id}/members`, {}),
      404,
    );
  });
});

describe('cursor pagination (property): every post exactly once while others are written', () => {
  // a small seeded generator, so a failure can be replayed
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it('over random page sizes, with concurrent inserts into the same feed', async () => {
    const existing: string[] = [];
    for (let i = 0; i < 45; i++) {
      const a = await call(base(), admin, 'POST', '/api/staff/v1/posts', {
        body: `Bestaand ${i}`,
        audience: 'organization',
      });
      existing.push(a.body.id);
    }
    for (let trial = 0; trial < 6; trial++) {
      const limit = 1 + Math.floor(random() * 12);
      let writing = true;
      const written: string[] = [];
      const writer = (async () => {
        while (writing) {
          const a = await call(base(), admin, 'POST', '/api/staff/v1/posts', {
            body: `Nieuw tijdens trial ${trial}`,
            audience: random() < 0.5 ? 'organization' : 'followers',
          });
          written.push(a.body.id);
        }
      })();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const q = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await call(base(), admin, 'GET', `/api/staff/v1/feed/profile/${admin.id}?${q}`);
        expect(page.status, page.text).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...feedIds(page));
        cursor = page.body.nextCursor;
        pages++;
        if (random() < 0.3) await new Promise((r) => setTimeout(r, 5)); // let the writer in
      } while (cursor && pages < 10_000);
      writing = false;
      await writer;
      expect(new Set(seen).size, `trial ${trial} (limit ${limit}): no duplicates`).toBe(seen.length);
      for (const id of existing)
        expect(
          seen.filter((s) => s === id),
          `trial ${trial}: ${id}`,
        ).toHaveLength(1);
      expect(written.length).toBeGreaterThan(0);
      existing.push(...written); // what was written is "existing" for the next trial
    }
  }, 120_000);
});
