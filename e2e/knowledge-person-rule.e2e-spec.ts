import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { type EventEnvelope, ProfileUpdated } from '@plein/contracts';
import { connectTestNats } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, person } from './support/api.js';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * The person rule (`@plein/auth` person.rule.ts) in the knowledge service, through the gateway with real Keycloak
 * tokens: askers, answerers and commenters of client-intranet questions. Kees opted into the smoelenboek with his
 * first name only: another client sees "Kees", never his last name. Hanna did not opt in: another client sees her
 * answer under a plain "Cliënt", never her name. Staff see both by their full names; each sees themselves by their
 * own name. The facts come from the directory's profile events (newest wins); until they arrive, a client counts as
 * not opted in.
 */
const tag = randomUUID().slice(0, 6);
const KEES = { first: `Kees${tag}`, last: `Dejong${tag}` };
const HANNA = { first: `Hanna${tag}`, last: `Verborgen${tag}` };
const keesFull = `${KEES.first} ${KEES.last}`;
const hannaFull = `${HANNA.first} ${HANNA.last}`;

let system: RunningSystem;
let db: pg.Client;
const base = () => system.url;
const created: TestPerson[] = [];
let kees: Person;
let hanna: Person;
let other: Person; // another client, the reader
let mentor: Person;

interface Card {
  id: string;
  kind: string;
  displayName: string;
  photo?: unknown;
}
interface QuestionBody {
  id: string;
  asker: Card | null;
  answers: { id: string; author: Card | null; comments: { author: Card | null }[] }[];
  items: { id: string; asker: Card | null }[];
}
const tree = (who: Person, method: string, path: string, body?: unknown) =>
  call<QuestionBody>(base(), who, method, `/api/client/v1${path}`, body);

async function freshClient(first: string, last: string): Promise<Person> {
  const p = await createKeycloakUser('clients', first, last);
  created.push(p);
  return person(base(), 'clients', p.username);
}

/** Waits until knowledge holds the directory's facts of these people (their profile events were consumed). */
async function factsArrived(ids: string[], optedIn: Record<string, boolean>) {
  await eventually(
    async () =>
      (
        await db.query<{ user_id: string; opted_in: boolean }>(
          'select user_id, opted_in from knowledge.person_facts where user_id = any($1::uuid[])',
          [ids],
        )
      ).rows,
    (rows) => rows.length === ids.length && rows.every((r) => r.opted_in === optedIn[r.user_id]),
  );
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  kees = await freshClient(KEES.first, KEES.last);
  hanna = await freshClient(HANNA.first, HANNA.last);
  other = await freshClient(`Anna${tag}`, `Lezer${tag}`);
  mentor = await person(base(), 'staff', 'staff.mentor');
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
  await factsArrived([kees.id, hanna.id], { [kees.id]: true, [hanna.id]: false });
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
});

describe('knowledge shows askers, answerers and commenters by the person rule', () => {
  let questionId: string;
  let keesAnswer: string;
  let hannaAnswer: string;
  let mentorAnswer: string;

  beforeAll(async () => {
    const q = await tree(kees, 'POST', '/questions', { title: `Waar is de kookgroep? ${tag}`, body: '' });
    expect(q.status, q.text).toBe(201);
    questionId = q.body.id;
    // his own question shows him by his own name
    expect(q.body.asker).toEqual({ id: kees.id, kind: 'client', displayName: keesFull });
    const h = await tree(hanna, 'POST', `/questions/${questionId}/answers`, { body: 'Op dinsdag, denk ik.' });
    expect(h.status, h.text).toBe(201);
    hannaAnswer = h.body.id;
    const k = await tree(kees, 'POST', `/questions/${questionId}/answers`, { body: 'Dank je!' });
    expect(k.status, k.text).toBe(201);
    keesAnswer = k.body.id;
    const m = await tree(mentor, 'POST', `/questions/${questionId}/answers`, { body: 'In het buurthuis.' });
    expect(m.status, m.text).toBe(201);
    mentorAnswer = m.body.id;
    for (const [who, answerId] of [
      [hanna, keesAnswer],
      [kees, hannaAnswer],
    ] as const) {
      const c = await call(base(), who, 'POST', `/api/client/v1/answers/${answerId}/comments`, {
        body: 'Goed om te weten.',
      });
      expect(c.status, c.text).toBe(201);
    }
  });

  const answerBy = (body: QuestionBody, id: string) => body.answers.find((a) => a.id === id)!;

  it('another client sees the opted-in client by first name only, the other one by no name at all', async () => {
    const read = await tree(other, 'GET', `/questions/${questionId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.asker).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(answerBy(read.body, keesAnswer).author).toEqual({
      id: kees.id,
      kind: 'client',
      displayName: KEES.first,
    });
    // what Hanna wrote stays readable, under a plain "Cliënt"
    expect(answerBy(read.body, hannaAnswer).author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: 'Cliënt',
    });
    expect(answerBy(read.body, keesAnswer).comments[0]!.author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: 'Cliënt',
    });
    expect(answerBy(read.body, hannaAnswer).comments[0]!.author).toEqual({
      id: kees.id,
      kind: 'client',
      displayName: KEES.first,
    });
    // staff appear as contact persons, by name
    expect(answerBy(read.body, mentorAnswer).author).toMatchObject({ id: mentor.id, kind: 'staff' });
    expect(answerBy(read.body, mentorAnswer).author?.displayName).not.toMatch(/^(Medewerker|)$/);
    for (const secret of [KEES.last, HANNA.first, HANNA.last]) expect(read.text).not.toContain(secret);

    const list = await tree(other, 'GET', '/questions?limit=50');
    const inList = list.body.items.find((i) => i.id === questionId);
    expect(inList?.asker).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(list.text).not.toContain(KEES.last);
  });

  it('the client who did not opt in sees the others as the rule says, and herself by her own name', async () => {
    const read = await tree(hanna, 'GET', `/questions/${questionId}`);
    expect(read.body.asker).toEqual({ id: kees.id, kind: 'client', displayName: KEES.first });
    expect(answerBy(read.body, hannaAnswer).author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: hannaFull,
    });
    expect(read.text).not.toContain(KEES.last);
  });

  it('staff see both clients by their full names', async () => {
    const read = await tree(mentor, 'GET', `/questions/${questionId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.asker).toEqual({ id: kees.id, kind: 'client', displayName: keesFull });
    expect(answerBy(read.body, keesAnswer).author).toEqual({
      id: kees.id,
      kind: 'client',
      displayName: keesFull,
    });
    expect(answerBy(read.body, hannaAnswer).author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: hannaFull,
    });
    expect(answerBy(read.body, keesAnswer).comments[0]!.author).toEqual({
      id: hanna.id,
      kind: 'client',
      displayName: hannaFull,
    });
  });
});

describe("the directory's facts", () => {
  it('an older profile event never overwrites a newer one', async () => {
    // Kees is opted in (the event of his PATCH); a stale event from before it says otherwise, then a marker event
    // on the same durable tells when the stale one has been handled
    const before = await db.query<{ seen_at: Date }>(
      'select seen_at from knowledge.person_facts where user_id = $1',
      [kees.id],
    );
    const stale = new Date(before.rows[0]!.seen_at.getTime() - 60_000).toISOString();
    const marker = randomUUID();
    await publishProfile(profile(kees.id, KEES.first, KEES.last, false), stale);
    // (a closed account, so nobody ever finds the marker)
    await publishProfile(
      { ...profile(marker, 'Merker', tag, false), active: false },
      new Date().toISOString(),
    );
    await factsArrived([marker], { [marker]: false });
    const facts = await db.query<{ opted_in: boolean }>(
      'select opted_in from knowledge.person_facts where user_id = $1',
      [kees.id],
    );
    expect(facts.rows[0]!.opted_in).toBe(true);
    const read = await tree(other, 'GET', `/questions?limit=50`);
    expect(read.text).toContain(KEES.first);

    // a newer one does: Kees shares his last name now
    await publishProfile(
      { ...profile(kees.id, KEES.first, KEES.last, true), sharedFields: ['lastName'] },
      new Date().toISOString(),
    );
    const q = await tree(kees, 'POST', '/questions', { title: `Nog een vraag ${tag}`, body: '' });
    await eventually(
      () => tree(other, 'GET', `/questions/${q.body.id}`),
      (r) => r.body.asker?.displayName === keesFull,
    );
  });

  it('until a profile event arrives, a client counts as not opted in: no name to other clients, the full name to staff', async () => {
    // a client identity told knowledge of (knowledge.people), whose profile event has not arrived
    const ghost = randomUUID();
    const questionId = randomUUID();
    await db.query(
      `insert into knowledge.people (id, realm, username, display_name) values ($1, 'clients', $2, $3)`,
      [ghost, `t.ghost.${tag}`, `Geest${tag} Onbekend${tag}`],
    );
    await db.query(
      `insert into knowledge.questions (id, intranet, audience, author_id, title)
       values ($1, 'client', 'organization', $2, $3)`,
      [questionId, ghost, `Vraag zonder profiel ${tag}`],
    );
    const byClient = await tree(other, 'GET', `/questions/${questionId}`);
    expect(byClient.status, byClient.text).toBe(200);
    expect(byClient.body.asker).toEqual({ id: ghost, kind: 'client', displayName: 'Cliënt' });
    expect(byClient.text).not.toContain(`Geest${tag}`);
    const byMentor = await tree(mentor, 'GET', `/questions/${questionId}`);
    expect(byMentor.body.asker).toEqual({
      id: ghost,
      kind: 'client',
      displayName: `Geest${tag} Onbekend${tag}`,
    });
  });
});

const profile = (userId: string, firstName: string, lastName: string, optedIn: boolean) => ({
  userId,
  realm: 'clients',
  kind: 'client',
  displayName: `${firstName} ${lastName}`,
  firstName,
  lastName,
  photoVersion: null,
  functionId: null,
  teamIds: [],
  locationIds: [],
  skills: [],
  languages: [],
  about: null,
  optedIn,
  sharedFields: [] as string[],
  hasPhoto: false,
  active: true,
});

/** Publishes a profile event on JetStream as the directory's outbox relay would, at a chosen time. */
async function publishProfile(data: unknown, occurredAt: string): Promise<void> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: ProfileUpdated.type,
    occurredAt,
    source: 'directory',
    version: 1,
    data,
  };
  const nc = await connectTestNats();
  try {
    await jetstream(nc).publish(ProfileUpdated.type, JSON.stringify(envelope), { msgID: envelope.id });
  } finally {
    await nc.close();
  }
}
