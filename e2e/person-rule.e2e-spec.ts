import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Body, type Person, call, expectProblem, person } from './support/api.js';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * The person rule (`@plein/auth` person.rule.ts) through the gateway with real Keycloak tokens, in every place a
 * person appears:
 *   1. post authors (GET /posts/{id}, /feed/organization, /feed/profile/{id})
 *   2. comment authors (GET /posts/{id} comments)
 *   3. reactions (the API names no reactors: only counts; checked that no name travels)
 *   4. mentions (a post's `mentions`)
 *   5. follows (PUT /follows/{id}, GET /follows)
 *   6. group members, join requests and invitations (GET /groups/{id}/members, POST /groups/{id}/members)
 *   7. read confirmations of announcements (GET /posts/{id}/confirmations)
 *   8. live-stream events (GET /feed/stream)
 *   9. search results (GET /search)
 *  10. the directory by id (GET /people/{id})
 * Kees opted into the smoelenboek with his first name only: another client sees "Kees", never his last name.
 * Hanna did not opt in: to other clients she does not exist (404 by id, not followable, mentionable, nameable or
 * invitable — the same answer as for an id that does not exist). Staff see both by their full names. Every person
 * carries `kind`, so a client never passes for a medewerker.
 */
const tag = randomUUID().slice(0, 6);
const KEES = { first: `Kees${tag}`, last: `Dejong${tag}` };
const HANNA = { first: `Hanna${tag}`, last: `Verborgen${tag}` };
const keesFull = `${KEES.first} ${KEES.last}`;
const hannaFull = `${HANNA.first} ${HANNA.last}`;

let system: RunningSystem;
const base = () => system.url;
const created: TestPerson[] = [];
let kees: Person;
let hanna: Person;
let other: Person; // another client
let mentor: Person;
let editor: Person;

async function freshClient(first: string, last: string): Promise<Person> {
  const p = await createKeycloakUser('clients', first, last);
  created.push(p);
  return person(base(), 'clients', p.username);
}

/** The text of an answer, for "never shown by full name" checks over everything it carries. */
const text = (a: Pick<Answer<unknown>, 'text'>) => a.text;

beforeAll(async () => {
  system = await startSystem();
  kees = await freshClient(KEES.first, KEES.last);
  hanna = await freshClient(HANNA.first, HANNA.last);
  // a fresh client as the other reader: client.other must stay unprovisioned for identity's first-login test
  other = await freshClient(`Anna${tag}`, `Lezer${tag}`);
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  // Kees opts in with his first name (and the default photo choice); Hanna leaves the default: not opted in
  const optIn = await eventually(
    () =>
      call(base(), kees, 'PATCH', '/api/client/v1/people/me', {
        privacy: { optedIn: true, sharedFields: ['photo'] },
      }),
    (r) => r.status === 200,
  );
  expect(optIn.status, optIn.text).toBe(200);
  await eventually(
    () => call(base(), hanna, 'GET', '/api/client/v1/people/me'),
    (r) => r.status === 200,
  );
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p);
  await system?.close();
});

/** Waits until timelines shows `who`'s post to `reader` with the given author name (the profile events arrived). */
async function authorAsSeen(reader: Person, postId: string, name: string) {
  const read = await eventually(
    () => call(base(), reader, 'GET', `/api/client/v1/posts/${postId}`),
    (r) =>
      r.status === 200 &&
      (r.body as unknown as { author: { displayName: string } }).author.displayName === name,
  );
  return read.body as unknown as {
    author: Record<string, unknown>;
    comments: { author: Record<string, unknown> }[];
  };
}

describe('a client shown by first name only is never shown by full name to another client', () => {
  let postId: string;

  it('1–3: post and comment authors, feeds, reactions', async () => {
    const post = await call(base(), kees, 'POST', '/api/client/v1/posts', {
      body: `Hallo allemaal, ik ben nieuw hier ${tag}`,
      audience: 'organization',
    });
    expect(post.status, post.text).toBe(201);
    postId = post.body.id;
    // his own post shows him by his own name
    expect(post.body).toMatchObject({ author: { id: kees.id, kind: 'client', displayName: keesFull } });

    const seen = await authorAsSeen(other, postId, KEES.first);
    expect(seen.author).toMatchObject({ id: kees.id, kind: 'client', displayName: KEES.first });

    const comment = await call(base(), kees, 'POST', `/api/client/v1/posts/${postId}/comments`, {
      body: 'En ik woon in Zwolle.',
    });
    expect(comment.status, comment.text).toBe(201);
    const reacted = await call(base(), kees, 'POST', `/api/client/v1/posts/${postId}/reactions`, {
      kind: 'heart',
    });
    expect(reacted.status, reacted.text).toBe(201);

    const detail = await call(base(), other, 'GET', `/api/client/v1/posts/${postId}`);
    expect(detail.status).toBe(200);
    const d = detail.body as unknown as {
      comments: { author: Record<string, unknown> }[];
      reactions: object;
    };
    expect(d.comments[0]!.author).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(d.reactions).toEqual({ heart: 1 });
    expect(text(detail)).not.toContain(KEES.last);

    const org = await call(base(), other, 'GET', '/api/client/v1/feed/organization?limit=50');
    const inFeed = org.body.items.find((p) => p.id === postId) as unknown as { author: unknown };
    expect(inFeed.author).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    const profile = await call(base(), other, 'GET', `/api/client/v1/feed/profile/${kees.id}`);
    expect(profile.body.items.map((p) => p.id)).toContain(postId);
    for (const a of [org, profile]) expect(text(a)).not.toContain(KEES.last);

    // staff see clients by their full names, and the mark tells a client from a medewerker
    const byMentor = await call(base(), mentor, 'GET', `/api/client/v1/posts/${postId}`);
    expect(byMentor.body).toMatchObject({ author: { id: kees.id, kind: 'client', displayName: keesFull } });
    const staffPost = await call(base(), mentor, 'POST', '/api/client/v1/posts', {
      body: `Welkom Kees! ${tag}`,
      audience: 'organization',
      mentions: [kees.id],
    });
    expect(staffPost.status, staffPost.text).toBe(201);
    const staffSeen = await call(base(), other, 'GET', `/api/client/v1/posts/${staffPost.body.id}`);
    const s = staffSeen.body as unknown as { author: Record<string, unknown>; mentions: unknown[] };
    expect(s.author).toMatchObject({ id: mentor.id, kind: 'staff' });
    // 4: mentions
    expect(s.mentions).toEqual([{ id: kees.id, kind: 'client', displayName: KEES.first }]);
    expect(text(staffSeen)).not.toContain(KEES.last);
    const mentionByMentor = await call(base(), mentor, 'GET', `/api/client/v1/posts/${staffPost.body.id}`);
    expect((mentionByMentor.body as unknown as { mentions: unknown[] }).mentions).toEqual([
      { id: kees.id, kind: 'client', displayName: keesFull },
    ]);
  });

  it('5: follows', async () => {
    const put = await call(base(), other, 'PUT', `/api/client/v1/follows/${kees.id}`);
    expect(put.status, put.text).toBe(204);
    const list = await call(base(), other, 'GET', '/api/client/v1/follows');
    expect(list.body.items).toContainEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(text(list)).not.toContain(KEES.last);
    await call(base(), mentor, 'PUT', `/api/client/v1/follows/${kees.id}`);
    const byMentor = await call(base(), mentor, 'GET', '/api/staff/v1/follows');
    expect(byMentor.body.items).toContainEqual({ id: kees.id, kind: 'client', displayName: keesFull });
    await call(base(), other, 'DELETE', `/api/client/v1/follows/${kees.id}`);
    await call(base(), mentor, 'DELETE', `/api/client/v1/follows/${kees.id}`);
  });

  it('6: group members, join requests and invitations', async () => {
    const group = await call(base(), other, 'POST', '/api/client/v1/groups', {
      name: `Kookclub ${tag}`,
      kind: 'closed',
    });
    expect(group.status, group.text).toBe(201);
    const gid = group.body.id;
    const asked = await call(base(), kees, 'POST', `/api/client/v1/groups/${gid}/members`, {});
    expect(asked.body).toMatchObject({ state: 'requested' });
    const requests = await call(base(), other, 'GET', `/api/client/v1/groups/${gid}/members`);
    expect(requests.body.items).toContainEqual({
      id: kees.id,
      kind: 'client',
      displayName: KEES.first,
      state: 'requested',
    });
    const approved = await call(base(), other, 'POST', `/api/client/v1/groups/${gid}/members`, {
      userId: kees.id,
    });
    expect(approved.body).toMatchObject({ state: 'member' });
    const members = await call(base(), kees, 'GET', `/api/client/v1/groups/${gid}/members`);
    expect(members.body.items).toContainEqual({
      id: kees.id,
      kind: 'client',
      displayName: keesFull, // himself, by his own name
      state: 'member',
    });
    const byOther = await call(base(), other, 'GET', `/api/client/v1/groups/${gid}/members`);
    expect(byOther.body.items).toContainEqual({
      id: kees.id,
      kind: 'client',
      displayName: KEES.first,
      state: 'member',
    });
    expect(text(byOther)).not.toContain(KEES.last);
    // Hanna asks too: her request does not show her to the group's client admin
    const hannaAsks = await call(base(), hanna, 'POST', `/api/client/v1/groups/${gid}/members`, {});
    expect(hannaAsks.body).toMatchObject({ state: 'requested' });
    const withHanna = await call(base(), other, 'GET', `/api/client/v1/groups/${gid}/members`);
    expect(withHanna.body.items.map((m) => m.id)).not.toContain(hanna.id);
    expect(text(withHanna)).not.toContain(HANNA.first);
  });

  it('7: read confirmations (staff, who may read them, see clients by name)', async () => {
    const announcement = await call(base(), editor, 'POST', '/api/client/v1/posts', {
      type: 'announcement',
      body: `Vrijdag is de inloop dicht ${tag}`,
      audience: 'organization',
      requiresConfirmation: true,
    });
    expect(announcement.status, announcement.text).toBe(201);
    const id = announcement.body.id;
    expect((await call(base(), kees, 'POST', `/api/client/v1/posts/${id}/confirmations`)).status).toBe(201);
    const list = await call(base(), editor, 'GET', `/api/client/v1/posts/${id}/confirmations`);
    expect(list.body.confirmed).toEqual([{ id: kees.id, kind: 'client', displayName: keesFull }]);
    expect(list.body.notConfirmed).toContainEqual({ id: hanna.id, kind: 'client', displayName: hannaFull });
    expect(list.body.notConfirmed).toContainEqual(expect.objectContaining({ id: mentor.id, kind: 'staff' }));
    expectProblem(await call(base(), other, 'GET', `/api/client/v1/posts/${id}/confirmations`), 403);
  });

  it('8: live-stream events show the author as the reader may know them', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base()}/api/client/v1/feed/stream?feed=organization`, {
      headers: { authorization: `Bearer ${other.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const decoder = new TextDecoder();
    let received = '';
    let pending = reader.read(); // the first chunk is the comment ": verbonden"
    const post = await call(base(), kees, 'POST', '/api/client/v1/posts', {
      body: `Live van Kees ${tag}`,
      audience: 'organization',
    });
    expect(post.status, post.text).toBe(201);
    const deadline = Date.now() + 15_000;
    while (!received.includes(post.body.id) && Date.now() < deadline) {
      // a read still pending when the second is up is kept for the next round, so no chunk is lost
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
      if (!chunk) continue;
      if (chunk.value) received += decoder.decode(chunk.value, { stream: true });
      if (chunk.done) break;
      pending = reader.read();
    }
    pending.catch(() => undefined); // the read left pending ends with the abort below
    controller.abort();
    const event = received.split('\n\n').find((e) => e.includes(`"id":"${post.body.id}"`));
    expect(event, received).toBeDefined();
    const data = JSON.parse(
      event!
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    ) as {
      author: unknown;
    };
    expect(data.author).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(received).not.toContain(KEES.last);
  });

  it('9–10: search and the directory', async () => {
    const search = (who: Person, tree: 'staff' | 'client', q: string) =>
      call<{ items: { type: string; id: string; title: string }[]; total: number }>(
        base(),
        who,
        'GET',
        `/api/${tree}/v1/search?q=${encodeURIComponent(q)}`,
      );
    const found = await eventually(
      () => search(other, 'client', KEES.first),
      (r) => r.body.items.some((i) => i.id === kees.id),
    );
    expect(found.body.items.find((i) => i.id === kees.id)).toMatchObject({
      type: 'person',
      title: KEES.first,
    });
    expect(text(found)).not.toContain(KEES.last);
    expect((await search(other, 'client', KEES.last)).body.items.map((i) => i.id)).not.toContain(kees.id);
    const dir = await call(base(), other, 'GET', `/api/client/v1/people/${kees.id}`);
    expect(dir.body).toMatchObject({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(text(dir)).not.toContain(KEES.last);
  });
});

describe('a client who did not opt in does not exist for other clients; staff see them by name', () => {
  /** The problem an id that does not exist gets, to compare the hidden client's answer with. */
  const sameAsUnknown = (hidden: Answer<Body>, unknown: Answer<Body>) => {
    // the same problem, field for field, but for where it was asked (instance) and the request's own id
    const problem = (a: Answer<Body>) => {
      const { instance: _i, requestId: _r, ...rest } = a.body as unknown as Record<string, unknown>;
      return rest;
    };
    expect(hidden.status, hidden.text).toBe(unknown.status);
    expect(problem(hidden)).toEqual(problem(unknown));
    expect(JSON.stringify(problem(hidden))).not.toContain(hanna.id);
    expect(hidden.text).not.toContain(HANNA.first);
  };

  it('404 by id in the directory, like an id that does not exist', async () => {
    sameAsUnknown(
      await call(base(), other, 'GET', `/api/client/v1/people/${hanna.id}`),
      await call(base(), other, 'GET', `/api/client/v1/people/${randomUUID()}`),
    );
  });

  it('cannot be followed (404, as an unknown id), and nothing is written', async () => {
    const unknown = await call(base(), other, 'PUT', `/api/client/v1/follows/${randomUUID()}`);
    expectProblem(unknown, 404);
    sameAsUnknown(await call(base(), other, 'PUT', `/api/client/v1/follows/${hanna.id}`), unknown);
    const list = await call(base(), other, 'GET', '/api/client/v1/follows');
    expect(list.body.items.map((p) => p.id)).not.toContain(hanna.id);
    expect(text(list)).not.toContain(HANNA.last);
    // staff may follow her, and see her full name
    expect((await call(base(), mentor, 'PUT', `/api/client/v1/follows/${hanna.id}`)).status).toBe(204);
    const byMentor = await call(base(), mentor, 'GET', '/api/client/v1/follows');
    expect(byMentor.body.items).toContainEqual({ id: hanna.id, kind: 'client', displayName: hannaFull });
    await call(base(), mentor, 'DELETE', `/api/client/v1/follows/${hanna.id}`);
  });

  it('cannot be mentioned or named in a private post (the same 400 as an unknown id)', async () => {
    const post = (mentions: string[]) =>
      call(base(), other, 'POST', '/api/client/v1/posts', {
        body: `Hoi! ${tag}`,
        audience: 'organization',
        mentions,
      });
    const unknownId = randomUUID();
    const unknown = await post([unknownId]);
    expectProblem(unknown, 400, 'mention_not_allowed');
    const hidden = await post([hanna.id]);
    expectProblem(hidden, 400, 'mention_not_allowed');
    expect(hidden.body).toMatchObject({ detail: (unknown.body as unknown as { detail: string }).detail });

    const named = (id: string) =>
      call(base(), other, 'POST', '/api/client/v1/posts', {
        body: `Alleen voor jou ${tag}`,
        audience: 'private',
        namedUserIds: [id],
      });
    const unknownNamed = await named(randomUUID());
    expectProblem(unknownNamed, 400, 'named_person_not_allowed');
    expectProblem(await named(hanna.id), 400, 'named_person_not_allowed');
    // staff may mention her
    const byMentor = await call(base(), mentor, 'POST', '/api/client/v1/posts', {
      body: `Hoi Hanna ${tag}`,
      audience: 'organization',
      mentions: [hanna.id],
    });
    expect(byMentor.status, byMentor.text).toBe(201);
    expect(byMentor.body).toMatchObject({
      mentions: [{ id: hanna.id, kind: 'client', displayName: hannaFull }],
    });
    // and another client reading that post does not learn of her
    const seen = await call(base(), other, 'GET', `/api/client/v1/posts/${byMentor.body.id}`);
    expect((seen.body as unknown as { mentions: unknown[] }).mentions).toEqual([]);
    expect(text(seen)).not.toContain(HANNA.last);
  });

  it('cannot be invited to a group (the same 400 as an unknown id)', async () => {
    const group = await call(base(), other, 'POST', '/api/client/v1/groups', {
      name: `Wandelclub ${tag}`,
      kind: 'closed',
    });
    const gid = group.body.id;
    const unknown = await call(base(), other, 'POST', `/api/client/v1/groups/${gid}/members`, {
      userId: randomUUID(),
    });
    expectProblem(unknown, 400, 'person_not_allowed');
    sameAsUnknown(
      await call(base(), other, 'POST', `/api/client/v1/groups/${gid}/members`, { userId: hanna.id }),
      unknown,
    );
    const members = await call(base(), other, 'GET', `/api/client/v1/groups/${gid}/members`);
    expect(members.body.items.map((m) => m.id)).not.toContain(hanna.id);
  });

  it('what she writes stays readable without her name; search does not find her', async () => {
    const post = await call(base(), hanna, 'POST', '/api/client/v1/posts', {
      body: `Ik kom ook naar de inloop ${tag}`,
      audience: 'organization',
    });
    expect(post.status, post.text).toBe(201);
    const seen = await call(base(), other, 'GET', `/api/client/v1/posts/${post.body.id}`);
    expect((seen.body as unknown as { author: unknown }).author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: 'Cliënt',
    });
    expect(text(seen)).not.toContain(HANNA.first);
    expect(text(seen)).not.toContain(HANNA.last);
    const byMentor = await call(base(), mentor, 'GET', `/api/client/v1/posts/${post.body.id}`);
    expect((byMentor.body as unknown as { author: unknown }).author).toMatchObject({
      id: hanna.id,
      kind: 'client',
      displayName: hannaFull,
    });
    const search = await call<{ items: { id: string }[] }>(
      base(),
      other,
      'GET',
      `/api/client/v1/search?q=${encodeURIComponent(HANNA.first)}`,
    );
    expect(search.body.items.map((i) => i.id)).not.toContain(hanna.id);
  });

  it('a member of the editorial board (client-editor) is a client reader like any other', async () => {
    const clientEditor = await person(base(), 'clients', 'client.editor');
    expectProblem(await call(base(), clientEditor, 'PUT', `/api/client/v1/follows/${hanna.id}`), 404);
    expectProblem(await call(base(), clientEditor, 'GET', `/api/client/v1/people/${hanna.id}`), 404);
  });
});
