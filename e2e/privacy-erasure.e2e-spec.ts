import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { ErasureRequested, type EventEnvelope } from '@plein/contracts';
import { connectTestNats } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { fixture, upload } from './support/documents.js';
import { eventually, readEvents } from './support/events.js';
import {
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';
import { type RunningSystem, SYSTEM_PARTICIPANTS, startSystem } from './support/system.js';

/**
 * The right to one's data and the right to erasure (AVG), end to end with the real services: Erik posts, comments,
 * reacts, follows, joins a group, asks, answers, comments on an answer, votes, signs up for an activity, uploads a
 * document, submits an article, is mentioned (a notification) and is in the smoelenboek and the search index. His
 * export holds each piece and nothing of anyone else's content. Then an admin erases him: within
 * 5 seconds no column of any service's schema (text, uuid, arrays; the event payloads for his names) and no search
 * answer holds his id, username, names or e-mail, what he wrote stays under "oud-medewerker", and the erasure report
 * lists every service's confirmation.
 */
const tag = randomUUID().slice(0, 6);
/** Every service that takes part in erasure, sorted; each keeps its data in the schema of its name. */
const PARTICIPANTS = SYSTEM_PARTICIPANTS.split(',').sort();
const SCHEMAS = PARTICIPANTS;
let system: RunningSystem;
let db: pg.Client;
const created: TestPerson[] = [];
let erik: Person;
let erikKc: TestPerson;
let cora: Person;
let admin: Person;
const ids: Record<string, string> = {};

const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call<Record<string, unknown>>(system.url, who, method, `/api/staff/v1${path}`, body);
const ok = async (p: ReturnType<typeof staff>, status = 201) => {
  const a = await p;
  expect(a.status, a.text).toBe(status);
  return a.body;
};

/** Every place in the services' schemas where one of the needles occurs (case-insensitive). */
async function findTraces(needles: { id: string; words: string[] }): Promise<string[]> {
  const { rows: columns } = await db.query<{ s: string; t: string; c: string; type: string }>(
    `select c.table_schema as s, c.table_name as t, c.column_name as c, c.data_type as type
       from information_schema.columns c join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = any($1) and (c.data_type in ('text', 'character varying', 'uuid', 'jsonb', 'json', 'tsvector')
         or (c.data_type = 'ARRAY'))`,
    [SCHEMAS],
  );
  const found: string[] = [];
  for (const col of columns) {
    const expr = `"${col.c}"::text`;
    // event payloads carry ids of erasures and confirmations by contract (no names): there only names count
    const terms =
      col.type === 'jsonb' || col.type === 'json' ? needles.words : [needles.id, ...needles.words];
    for (const term of terms) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from "${col.s}"."${col.t}" where ${expr} ilike $1`,
        [`%${term.toLowerCase()}%`],
      );
      if (rows[0]!.n > 0) found.push(`${col.s}.${col.t}.${col.c} holds ${term} (${rows[0]!.n})`);
    }
  }
  return found;
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  erikKc = await createKeycloakUser('staff', `Erik${tag}`, `Wisser${tag}`);
  const coraKc = await createKeycloakUser('staff', `Cora${tag}`, `Blijft${tag}`);
  const adminKc = await createKeycloakUser('staff', `Ada${tag}`, `Beheer${tag}`, ['admin']);
  created.push(erikKc, coraKc, adminKc);
  erik = await person(system.url, 'staff', erikKc.username);
  cora = await person(system.url, 'staff', coraKc.username);
  admin = await person(system.url, 'staff', adminKc.username);
  // the directory has their profiles, search their smoelenboek entries
  await eventually(
    () => staff(cora, 'GET', `/search?q=${encodeURIComponent(`Erik${tag}`)}`),
    (a) => ((a.body['items'] ?? []) as { id: string }[]).some((i) => i.id === erik.id),
    15_000,
  );
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p).catch(() => undefined);
  await db?.end();
  await system?.close();
});

describe('a person who did a bit of everything', () => {
  it('posts, comments, reacts, follows, joins, asks, answers, comments and votes', async () => {
    ids['erikPost'] = (
      await ok(
        staff(erik, 'POST', '/posts', {
          body: `Vrijdag taart in de kantine ${tag}`,
          audience: 'organization',
        }),
      )
    ).id as string;
    ids['coraPost'] = (
      await ok(
        staff(cora, 'POST', '/posts', {
          body: `Cora deelt iets persoonlijks ${tag}`,
          audience: 'organization',
        }),
      )
    ).id as string;
    ids['coraComment'] = (
      await ok(
        staff(cora, 'POST', `/posts/${ids['erikPost']}/comments`, { body: `Coras eigen reactie ${tag}` }),
      )
    ).id as string;
    ids['erikComment'] = (
      await ok(staff(erik, 'POST', `/posts/${ids['coraPost']}/comments`, { body: `Mooi gezegd ${tag}` }))
    ).id as string;
    const reaction = await staff(erik, 'POST', `/posts/${ids['coraPost']}/reactions`, { kind: 'heart' });
    expect(reaction.status, reaction.text).toBeLessThan(300);
    const follow = await staff(erik, 'PUT', `/follows/${cora.id}`);
    expect(follow.status, follow.text).toBeLessThan(300);
    const back = await staff(cora, 'PUT', `/follows/${erik.id}`);
    expect(back.status, back.text).toBeLessThan(300);
    ids['group'] = (await ok(staff(cora, 'POST', '/groups', { name: `Breiclub ${tag}`, kind: 'open' })))
      .id as string;
    const join = await staff(erik, 'POST', `/groups/${ids['group']}/members`, {});
    expect(join.status, join.text).toBeLessThan(300);

    ids['erikQuestion'] = (
      await ok(
        staff(erik, 'POST', '/questions', { title: `Hoe werkt de printer ${tag}?`, body: 'Hij doet niets.' }),
      )
    ).id as string;
    ids['coraQuestion'] = (
      await ok(staff(cora, 'POST', '/questions', { title: `Waar is de sleutel ${tag}?` }))
    ).id as string;
    ids['erikAnswer'] = (
      await ok(
        staff(erik, 'POST', `/questions/${ids['coraQuestion']}/answers`, { body: `In de kast ${tag}` }),
      )
    ).id as string;
    ids['coraAnswer'] = (
      await ok(
        staff(cora, 'POST', `/questions/${ids['erikQuestion']}/answers`, {
          body: `Cora weet het antwoord ${tag}`,
        }),
      )
    ).id as string;
    ids['erikAnswerComment'] = (
      await ok(staff(erik, 'POST', `/answers/${ids['coraAnswer']}/comments`, { body: `Dank je ${tag}` }))
    ).id as string;
    const vote = await staff(erik, 'PUT', `/answers/${ids['coraAnswer']}/vote`, { value: 1 });
    expect(vote.status, vote.text).toBeLessThan(300);
    // search has his post
    await eventually(
      () => staff(cora, 'GET', `/search?q=${encodeURIComponent(`taart kantine ${tag}`)}`),
      (a) => ((a.body['items'] ?? []) as { id: string }[]).some((i) => i.id === ids['erikPost']),
      15_000,
    );
  });
  it('signs up for an activity, uploads a document, submits an article and is mentioned', async () => {
    const DAY = 24 * 3600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    ids['activity'] = (
      await ok(
        staff(cora, 'POST', '/activities', {
          title: `Wandelen in het bos ${tag}`,
          description: 'We lopen samen een rondje.',
          location: 'De Linde, voordeur',
          startsAt: at(3 * DAY),
          endsAt: at(3 * DAY + 7200_000),
          capacity: 5,
        }),
      )
    ).id as string;
    const signup = await staff(erik, 'PUT', `/activities/${ids['activity']}/signup`, {});
    expect(signup.status, signup.text).toBe(200);
    expect(signup.body['state']).toBe('confirmed');
    const coraSignup = await staff(cora, 'PUT', `/activities/${ids['activity']}/signup`, {});
    expect(coraSignup.status, coraSignup.text).toBe(200);

    ids['folder'] = (await ok(staff(cora, 'POST', '/folders', { name: `Roosters ${tag}` }))).id as string;
    const pdf = await fixture('huisregels.pdf');
    const mine = await upload(
      system.url,
      erik,
      'staff',
      ids['folder'],
      { filename: 'Huisregels.pdf', content: pdf },
      { title: `Eriks huisregels ${tag}` },
    );
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body['ownedByMe']).toBe(true);
    ids['erikFile'] = mine.body.id;
    const hers = await upload(
      system.url,
      cora,
      'staff',
      ids['folder'],
      { filename: 'Huisregels.pdf', content: pdf },
      { title: `Coras privé bestand ${tag}` },
    );
    expect(hers.status, hers.text).toBe(201);
    ids['coraFile'] = hers.body.id;

    ids['erikSubmission'] = (
      await ok(
        staff(erik, 'POST', '/submissions', {
          title: `Mijn eerste week ${tag}`,
          body: 'Het was een **mooie** week.',
        }),
      )
    ).id as string;
    ids['coraSubmission'] = (
      await ok(staff(cora, 'POST', '/submissions', { title: `Coras inzending ${tag}`, body: 'Geheim.' }))
    ).id as string;

    ids['mentionPost'] = (
      await ok(
        staff(cora, 'POST', '/posts', {
          body: `Kijk jij even naar het rooster ${tag}?`,
          audience: 'organization',
          mentions: [erik.id],
        }),
      )
    ).id as string;
    await eventually(
      () => staff(erik, 'GET', '/notifications'),
      (a) =>
        ((a.body['items'] ?? []) as { kind: string; link?: string }[]).some(
          (n) => n.kind === 'mention' && n.link === `/berichten/${ids['mentionPost']}`,
        ),
      10_000,
    );
    // search has his file
    await eventually(
      () => staff(cora, 'GET', `/search?q=${encodeURIComponent(`Eriks huisregels ${tag}`)}`),
      (a) => ((a.body['items'] ?? []) as { id: string }[]).some((i) => i.id === ids['erikFile']),
      15_000,
    );
  });
});

describe('the right to one’s data', () => {
  it('the export holds each piece, and nothing of anyone else’s content', async () => {
    const answer = await staff(erik, 'GET', '/me/export');
    expect(answer.status, answer.text).toBe(200);
    const data = answer.body as {
      userId: string;
      services: Record<string, Record<string, Record<string, unknown>[]>>;
      missing: string[];
    };
    expect(data.userId).toBe(erik.id);
    expect(data.missing).toEqual([]);
    expect(Object.keys(data.services).sort()).toEqual(PARTICIPANTS);
    expect(data.services['identity']!['account']).toEqual([
      expect.objectContaining({
        id: erik.id,
        username: erikKc.username,
        email: `${erikKc.username}@plein.example`,
      }),
    ]);
    expect(data.services['directory']!['profile']).toEqual([
      expect.objectContaining({ firstName: `Erik${tag}`, lastName: `Wisser${tag}` }),
    ]);
    const t = data.services['timelines']!;
    expect(t['posts']!.map((p) => p['id'])).toEqual([ids['erikPost']]);
    expect(t['posts']![0]!['body']).toBe(`Vrijdag taart in de kantine ${tag}`);
    expect(t['comments']!.map((c) => c['id'])).toEqual([ids['erikComment']]);
    expect(t['reactions']).toEqual([expect.objectContaining({ postId: ids['coraPost'], kind: 'heart' })]);
    expect(t['follows']).toEqual([expect.objectContaining({ personId: cora.id })]);
    expect(t['groups']).toEqual([expect.objectContaining({ id: ids['group'] })]);
    const k = data.services['knowledge']!;
    expect(k['questions']!.map((q) => q['id'])).toEqual([ids['erikQuestion']]);
    expect(k['answers']!.map((a) => a['id'])).toEqual([ids['erikAnswer']]);
    expect(k['comments']!.map((c) => c['id'])).toEqual([ids['erikAnswerComment']]);
    expect(k['votes']).toEqual([expect.objectContaining({ answerId: ids['coraAnswer'], value: 1 })]);
    expect(data.services['search']!['personEntries']!.length).toBeGreaterThan(0);
    const a = data.services['activities']!;
    expect(a['signups']).toEqual([
      expect.objectContaining({ activityId: ids['activity'], title: `Wandelen in het bos ${tag}` }),
    ]);
    const d = data.services['documents']!;
    expect(d['files']!.map((f) => f['id'])).toEqual([ids['erikFile']]);
    expect(d['files']![0]!['title']).toBe(`Eriks huisregels ${tag}`);
    expect(d['versions']!.map((v) => v['fileId'])).toEqual([ids['erikFile']]);
    const m = data.services['moderation']!;
    expect(m['submissions']!.map((x) => x['id'])).toEqual([ids['erikSubmission']]);
    expect(m['submissions']![0]!['title']).toBe(`Mijn eerste week ${tag}`);
    const n = data.services['notifications']!;
    expect(n['notifications']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'mention', about: `post:${ids['mentionPost']}` }),
      ]),
    );
    // nothing of Cora's: not her posts, comments, answers, nor her name
    const text = answer.text;
    for (const theirs of [
      `Cora deelt iets persoonlijks`,
      `Coras eigen reactie`,
      `Cora weet het antwoord`,
      `Waar is de sleutel`,
      `Coras privé bestand`,
      `Coras inzending`,
      ids['coraFile']!,
      ids['coraSubmission']!,
      `Blijft${tag}`,
    ])
      expect(text).not.toContain(theirs);

    const html = await fetch(`${system.url}/api/staff/v1/me/export?format=html`, {
      headers: { authorization: `Bearer ${erik.token}` },
    });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('Jouw gegevens in Plein');
    expect(page).toContain(`Vrijdag taart in de kantine ${tag}`);
    expect(page).not.toContain('Cora deelt iets persoonlijks');
  });
});

describe('the right to erasure', () => {
  it('only an admin erases, never themselves, never an unknown id', async () => {
    expectProblem(await call(system.url, cora, 'POST', `/api/admin/v1/users/${erik.id}/erasure`), 403);
    expectProblem(await call(system.url, admin, 'POST', `/api/admin/v1/users/${admin.id}/erasure`), 422);
    expectProblem(await call(system.url, admin, 'POST', `/api/admin/v1/users/${randomUUID()}/erasure`), 404);
  });

  it('within 5 seconds nothing personal of his is left anywhere, and every service confirmed', async () => {
    const needles = {
      id: erik.id,
      words: [
        erikKc.username,
        `Erik${tag} Wisser${tag}`,
        `Erik${tag}`,
        `Wisser${tag}`,
        `${erikKc.username}@plein.example`,
      ],
    };
    expect((await findTraces(needles)).length).toBeGreaterThan(0); // the scan does find him before
    const started = Date.now();
    const requested = await call<{ id: string }>(
      system.url,
      admin,
      'POST',
      `/api/admin/v1/users/${erik.id}/erasure`,
    );
    expect(requested.status, requested.text).toBe(202);
    const erasureId = requested.body.id;

    const report = await eventually(
      () =>
        call<{ state: string; services: { service: string; confirmedAt?: string; overdue: boolean }[] }>(
          system.url,
          admin,
          'GET',
          `/api/admin/v1/erasures/${erasureId}`,
        ),
      (a) => a.body?.state === 'done',
      5_000,
    );
    let traces = await findTraces(needles);
    while (traces.length > 0 && Date.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 200));
      traces = await findTraces(needles);
    }
    expect(traces).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.body.services.map((s) => s.service).sort()).toEqual(PARTICIPANTS);
    for (const s of report.body.services)
      expect(s).toMatchObject({ confirmedAt: expect.any(String), overdue: false });
    const full = (
      await call<{
        services: { service: string; removed: Record<string, number>; anonymised: Record<string, number> }[];
      }>(system.url, admin, 'GET', `/api/admin/v1/erasures/${erasureId}`)
    ).body.services;
    const of = (s: string) => full.find((x) => x.service === s)!;
    expect(of('timelines').anonymised).toMatchObject({ posts: 1, comments: 1 });
    expect(of('timelines').removed).toMatchObject({ reactions: 1, memberships: 1 });
    expect(of('timelines').removed['follows']).toBe(2);
    expect(of('knowledge').anonymised).toMatchObject({ questions: 1, answers: 1, comments: 1 });
    expect(of('knowledge').removed).toMatchObject({ votes: 1 });
    expect(of('directory').removed).toMatchObject({ profiles: 1 });
    expect(of('identity').removed).toMatchObject({ users: 1 });
    expect(of('search').removed['personEntries']).toBeGreaterThan(0);
    expect(of('activities').removed).toMatchObject({ signups: 1 });
    expect(of('documents').anonymised).toMatchObject({ ownedFiles: 1, uploadedVersions: 1 });
    expect(of('moderation').removed).toMatchObject({ submissions: 1 });
    expect(of('notifications').removed['notifications']).toBeGreaterThan(0);
    // his file stays in its folder, owned by nobody (the organisation); Cora's place on the activity stays
    const { rows: files } = await db.query<{ owner_id: string | null }>(
      'select owner_id from documents.files where id = $1',
      [ids['erikFile']],
    );
    expect(files).toEqual([{ owner_id: null }]);

    // the Keycloak account is gone too
    expect((await keycloakAdmin('staff', `/users/${erikKc.subject}`)).status).toBe(404);
  });

  it('what he wrote stays, under "oud-medewerker"; search finds it anonymised, and him no more', async () => {
    const post = await staff(cora, 'GET', `/posts/${ids['erikPost']}`);
    expect(post.status, post.text).toBe(200);
    expect(post.text).toContain(`Vrijdag taart in de kantine ${tag}`);
    expect(post.body['author']).toMatchObject({ displayName: 'oud-medewerker' });
    expect(post.text).not.toContain(erik.id);
    const question = await staff(cora, 'GET', `/questions/${ids['coraQuestion']}`);
    expect(question.status, question.text).toBe(200);
    const answers = question.body['answers'] as { id: string; author: { displayName: string } }[];
    expect(answers.find((a) => a.id === ids['erikAnswer'])!.author.displayName).toBe('oud-medewerker');

    const people = await staff(cora, 'GET', `/search?q=${encodeURIComponent(`Erik${tag}`)}`);
    expect(people.status).toBe(200);
    expect(people.body['items']).toEqual([]);
    const content = await staff(cora, 'GET', `/search?q=${encodeURIComponent(`taart kantine ${tag}`)}`);
    expect((content.body['items'] as { id: string }[]).map((i) => i.id)).toContain(ids['erikPost']);
    expect(content.text).not.toContain(erik.id);
    expect(content.text).not.toContain(`Erik${tag}`);
    // his file is still found, owned by nobody, naming him nowhere
    const file = await staff(cora, 'GET', `/files/${ids['erikFile']}`);
    expect(file.status, file.text).toBe(200);
    expect(file.body).toMatchObject({ title: `Eriks huisregels ${tag}`, ownedByMe: false });
    expect(file.text).not.toContain(erik.id);
    const found = await staff(cora, 'GET', `/search?q=${encodeURIComponent(`Eriks huisregels ${tag}`)}`);
    expect((found.body['items'] as { id: string }[]).map((i) => i.id)).toContain(ids['erikFile']);
    expect(found.text).not.toContain(erik.id);
    // the activity has Cora, not him
    const act = await staff(cora, 'GET', `/activities/${ids['activity']}`);
    expect(act.status, act.text).toBe(200);
    expect(act.text).not.toContain(erik.id);
    // his profile is gone
    expect((await staff(cora, 'GET', `/people/${erik.id}`)).status).toBe(404);
  });

  it('a redelivered request changes nothing and every service confirms again', async () => {
    const [first] = await readEvents(ErasureRequested.type).then((all) =>
      all.filter((e) => (e.envelope.data as { userId: string }).userId === erik.id),
    );
    expect(first).toBeDefined();
    const before = await readEvents('plein.*.erasure.confirmed');
    const again: EventEnvelope = { ...first!.envelope, id: randomUUID() };
    const nc = await connectTestNats();
    try {
      await jetstream(nc).publish(ErasureRequested.type, JSON.stringify(again), { msgID: again.id });
    } finally {
      await nc.close();
    }
    const after = await eventually(
      () => readEvents('plein.*.erasure.confirmed'),
      (events) => events.length >= before.length + PARTICIPANTS.length,
      10_000,
    );
    const repeated = after.slice(before.length).map(
      (e) =>
        e.envelope.data as {
          service: string;
          removed: Record<string, number>;
          anonymised: Record<string, number>;
        },
    );
    expect(repeated.map((c) => c.service).sort()).toEqual(PARTICIPANTS);
    // nothing was left to remove or anonymise
    for (const c of repeated) {
      expect(
        Object.values(c.removed).every((n) => n === 0),
        `${c.service} ${JSON.stringify(c.removed)}`,
      ).toBe(true);
      expect(
        Object.values(c.anonymised).every((n) => n === 0),
        `${c.service} ${JSON.stringify(c.anonymised)}`,
      ).toBe(true);
    }
  });
});
