import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { type EventEnvelope, ErasureRequested, personalDataExport } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { connectTestNats, testNatsAccess, testRpcClient } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type Person,
  call,
  database,
  expectProblem as expectProblemBody,
  person,
} from './support/api.js';
import { eventually, readEvents } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { seedActivities } from '../services/activities/src/live-seed.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * Activities through the gateway, on real PostgreSQL, NATS and Keycloak: places are never given twice when many
 * sign up at once, a cancellation promotes the first waiting person exactly once, clients never see who else
 * takes part, bad input changes nothing, and the calendar feed, reminders, mentors, erasure and export work.
 */

let system: RunningSystem;
let db: pg.Client;
let organiser: Person, mentor: Person, client: Person;
const made: TestPerson[] = [];
const crowd: Person[] = [];
const base = () => system.url;
const expectProblem = (answer: Answer<unknown>, status: number, code?: string) =>
  expectProblemBody(answer as Answer, status, code);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface ActivityBody {
  id: string;
  title: string;
  capacity: number;
  placesLeft: number;
  waitlistCount: number;
  mySignup?: { state: string; position?: number };
  canManage: boolean;
  items: ActivityBody[];
}
interface SignupBody {
  state: 'confirmed' | 'waitlisted';
  position?: number;
  placesLeft: number;
  userId: string;
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const activity = (over: Record<string, unknown> = {}) => ({
  title: `Koken ${randomUUID().slice(0, 6)}`,
  description: 'We koken **samen** een stamppot.',
  location: 'De Kajuit, keuken',
  startsAt: at(3 * DAY),
  endsAt: at(3 * DAY + 2 * HOUR),
  capacity: 5,
  ...over,
});

async function create(tree: 'staff' | 'client', body: Record<string, unknown>): Promise<ActivityBody> {
  const res = await call<ActivityBody>(base(), organiser, 'POST', `/api/${tree}/v1/activities`, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}
const clientSignup = (who: Person, id: string, body: unknown = {}) =>
  call<SignupBody>(base(), who, 'PUT', `/api/client/v1/activities/${id}/signup`, body);

async function rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await db.query(sql, params)).rows as Record<string, unknown>[];
}
const signupRows = (activityId: string) =>
  rows(
    'select user_id, state, queued_at from activities.signups where activity_id = $1 order by state, queued_at, id',
    [activityId],
  );

/** Fresh client accounts, each a distinct person with a real token (provisioned on their first request). */
async function freshClients(n: number): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, async (_, j) => {
        const kc = await createKeycloakUser('clients', 'Deelnemer', `Nr${i + j}x${Date.now().toString(36)}`);
        made.push(kc);
        return person(base(), 'clients', kc.username);
      }),
    );
    out.push(...batch);
  }
  return out;
}

beforeAll(async () => {
  system = await startSystem({ activities: { ACTIVITIES_REMINDER_INTERVAL_MS: '300' } });
  db = await database();
  organiser = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  client = await person(base(), 'clients', 'client.member');
  crowd.push(...(await freshClients(54)));
}, 240_000);

afterAll(async () => {
  for (const kc of made) await deleteKeycloakUser(kc).catch(() => undefined);
  await db?.end();
  await system?.close();
});

describe('capacity under concurrency, the waiting list and promotion', () => {
  let act: ActivityBody;
  let answers: Answer<SignupBody>[];
  const first = () => crowd.slice(0, 2);
  const fifty = () => crowd.slice(2, 52);

  it('50 sign-ups for the last 5 places at the same moment: exactly 5 get a place, 45 wait in a strict line', async () => {
    act = await create('client', activity({ capacity: 7 }));
    for (const p of first()) expect((await clientSignup(p, act.id)).body.state).toBe('confirmed');

    answers = await Promise.all(fifty().map((p) => clientSignup(p, act.id)));
    for (const a of answers) expect(a.status, a.text).toBe(200);
    const confirmed = answers.filter((a) => a.body.state === 'confirmed');
    const waiting = answers.filter((a) => a.body.state === 'waitlisted');
    expect(confirmed).toHaveLength(5);
    expect(waiting).toHaveLength(45);
    expect(waiting.map((a) => a.body.position).sort((x, y) => x! - y!)).toEqual(
      Array.from({ length: 45 }, (_, i) => i + 1),
    );

    // the database: never more confirmed than the capacity, one row per person
    const inDb = await signupRows(act.id);
    expect(inDb.filter((r) => r['state'] === 'confirmed')).toHaveLength(7);
    expect(inDb.filter((r) => r['state'] === 'waitlisted')).toHaveLength(45);
    expect(new Set(inDb.map((r) => r['user_id'])).size).toBe(52);

    const seen = await call<ActivityBody>(base(), organiser, 'GET', `/api/client/v1/activities/${act.id}`);
    expect(seen.body).toMatchObject({ capacity: 7, placesLeft: 0, waitlistCount: 45 });
  }, 120_000);

  it('a cancellation promotes the first waiting person, whose SignupPromoted is on the stream exactly once', async () => {
    const nextInLine = answers.find((a) => a.body.position === 1)!.body.userId;
    const second = answers.find((a) => a.body.position === 2)!.body.userId;
    const leaving = first()[0]!;
    const cancelled = await call(base(), leaving, 'DELETE', `/api/client/v1/activities/${act.id}/signup`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ cancelled: true, placesLeft: 0 });

    const promotedPerson = crowd.find((p) => p.id === nextInLine)!;
    const mine = await call<ActivityBody>(
      base(),
      promotedPerson,
      'GET',
      `/api/client/v1/activities/${act.id}`,
    );
    expect(mine.body.mySignup).toEqual({ state: 'confirmed' });
    const secondPerson = crowd.find((p) => p.id === second)!;
    const theirs = await call<ActivityBody>(
      base(),
      secondPerson,
      'GET',
      `/api/client/v1/activities/${act.id}`,
    );
    expect(theirs.body.mySignup).toEqual({ state: 'waitlisted', position: 1 });

    const promotions = async () =>
      (await readEvents('plein.activities.signup.promoted')).filter(
        (e) => (e.envelope.data as { activityId: string }).activityId === act.id,
      );
    const events = await eventually(promotions, (es) => es.length >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    const settled = await promotions();
    expect(settled).toHaveLength(1);
    expect(events[0]!.envelope.data).toMatchObject({
      activityId: act.id,
      userId: nextInLine,
      intranet: 'client',
    });
    expect(
      await rows(`select 1 from activities.signups where activity_id = $1 and user_id = $2`, [
        act.id,
        leaving.id,
      ]),
    ).toHaveLength(0);

    // cancelling again: 404, nothing changes
    const before = await signupRows(act.id);
    expectProblem(await call(base(), leaving, 'DELETE', `/api/client/v1/activities/${act.id}/signup`), 404);
    expect(await signupRows(act.id)).toEqual(before);
  });

  it('a client never sees who else takes part; the organiser does, by name', async () => {
    const other = crowd[10]!;
    const seen = await call(base(), other, 'GET', `/api/client/v1/activities/${act.id}`);
    expect(seen.status).toBe(200);
    const list = await call(
      base(),
      other,
      'GET',
      `/api/client/v1/activities?from=${encodeURIComponent(at(0))}`,
    );
    for (const p of crowd.filter((c) => c.id !== other.id)) {
      expect(seen.text).not.toContain(p.id);
      expect(list.text).not.toContain(p.id);
    }
    expect(seen.text).not.toMatch(/Deelnemer|Nr\d+x/);
    expectProblem(await call(base(), other, 'GET', `/api/client/v1/activities/${act.id}/participants`), 403);

    const participants = await call<{
      items: { person: { id: string; displayName: string }; state: string }[];
    }>(base(), organiser, 'GET', `/api/client/v1/activities/${act.id}/participants`);
    expect(participants.status, participants.text).toBe(200);
    expect(participants.body.items).toHaveLength(51);
    expect(participants.body.items.filter((i) => i.state === 'confirmed')).toHaveLength(7);
    // once the directory's profile events arrived: by name (staff know clients by their full name)
    await eventually(
      () =>
        call<{ items: { person: { displayName: string } }[] }>(
          base(),
          organiser,
          'GET',
          `/api/client/v1/activities/${act.id}/participants`,
        ),
      (a) => a.body.items.every((i) => i.person.displayName.startsWith('Deelnemer')),
    );
  });
});

describe('bad input: a clear 4xx and nothing changed', () => {
  const counts = async () => ({
    activities: (await rows('select count(*)::int as n from activities.activities'))[0]!['n'],
    signups: (await rows('select count(*)::int as n from activities.signups'))[0]!['n'],
    outbox: (await rows('select count(*)::int as n from activities.outbox'))[0]!['n'],
  });

  it('negative capacity, end before start, deadline after start: 400, no activity made', async () => {
    const before = await counts();
    for (const bad of [
      activity({ capacity: -3 }),
      activity({ capacity: 0 }),
      activity({ startsAt: at(2 * DAY), endsAt: at(DAY) }),
      activity({ signupDeadline: at(4 * DAY) }),
      activity({ title: '   ' }),
    ]) {
      const res = await call(base(), organiser, 'POST', '/api/client/v1/activities', bad);
      expectProblem(res, 400);
    }
    const neg = await call<{ errors?: unknown }>(
      base(),
      organiser,
      'POST',
      '/api/client/v1/activities',
      activity({ capacity: -1 }),
    );
    expect(neg.text).toMatch(/capacity/);
    const order = await call(
      base(),
      organiser,
      'POST',
      '/api/client/v1/activities',
      activity({ startsAt: at(2 * DAY), endsAt: at(DAY) }),
    );
    expect(order.text).toMatch(/endsAt must be after startsAt/);
    expect(await counts()).toEqual(before);
  });

  it('a client cannot organise: 403, nothing made', async () => {
    const before = await counts();
    expectProblem(await call(base(), client, 'POST', '/api/client/v1/activities', activity()), 403);
    expectProblem(await call(base(), client, 'POST', '/api/staff/v1/activities', activity()), 403);
    expect(await counts()).toEqual(before);
  });

  it('signing up after the deadline: 422 signup_closed, no sign-up', async () => {
    const closed = await create('client', activity({ signupDeadline: at(-HOUR) }));
    const before = await counts();
    const res = await clientSignup(client, closed.id);
    expectProblem(res, 422, 'signup_closed');
    expect(await counts()).toEqual(before);
    expect(await signupRows(closed.id)).toHaveLength(0);
  });

  it('signing up twice: 409 already_signed_up, the first sign-up unchanged', async () => {
    const act = await create('client', activity({ capacity: 1 }));
    expect((await clientSignup(client, act.id)).body.state).toBe('confirmed');
    const before = await signupRows(act.id);
    const all = await counts();
    expectProblem(await clientSignup(client, act.id), 409, 'already_signed_up');
    expect(await signupRows(act.id)).toEqual(before);
    expect(await counts()).toEqual(all);
  });

  it('lowering the capacity below the places given: 409, nothing changed', async () => {
    const act = await create('client', activity({ capacity: 2 }));
    await clientSignup(crowd[52]!, act.id);
    await clientSignup(crowd[53]!, act.id);
    const before = await rows('select capacity, updated_at from activities.activities where id = $1', [
      act.id,
    ]);
    expectProblem(
      await call(base(), organiser, 'PATCH', `/api/client/v1/activities/${act.id}`, { capacity: 1 }),
      409,
    );
    expectProblem(
      await call(base(), organiser, 'PATCH', `/api/client/v1/activities/${act.id}`, { capacity: -1 }),
      400,
    );
    expect(
      await rows('select capacity, updated_at from activities.activities where id = $1', [act.id]),
    ).toEqual(before);
    // someone else than the organiser: 403
    expectProblem(
      await call(base(), mentor, 'PATCH', `/api/client/v1/activities/${act.id}`, { capacity: 5 }),
      403,
    );
  });
});

describe('visibility of activities', () => {
  it('a staff-intranet activity does not exist for clients (404), and is not in their list', async () => {
    const staffOnly = await create('staff', activity({ title: 'Teamoverleg met lunch' }));
    expectProblem(await call(base(), client, 'GET', `/api/client/v1/activities/${staffOnly.id}`), 404);
    expectProblem(await clientSignup(client, staffOnly.id), 404);
    const list = await call(
      base(),
      client,
      'GET',
      `/api/client/v1/activities?to=${encodeURIComponent(at(30 * DAY))}`,
    );
    expect(list.text).not.toContain(staffOnly.id);
    const staffList = await call<ActivityBody>(
      base(),
      organiser,
      'GET',
      `/api/staff/v1/activities?to=${encodeURIComponent(at(30 * DAY))}`,
    );
    expect(staffList.body.items.map((i) => i.id)).toContain(staffOnly.id);
  });

  it('weekly recurrence makes one activity per week, each with its own places', async () => {
    const series = await create('client', activity({ title: 'Wandelen in het park', repeatWeekly: 4 }));
    const all = await rows(
      'select id, starts_at, series_id from activities.activities where series_id = (select series_id from activities.activities where id = $1) order by starts_at',
      [series.id],
    );
    expect(all).toHaveLength(4);
    const gaps = all
      .slice(1)
      .map((r, i) => (r['starts_at'] as Date).getTime() - (all[i]!['starts_at'] as Date).getTime());
    expect(gaps).toEqual([7 * DAY, 7 * DAY, 7 * DAY]);
  });
});

describe('a mentor signs up a client they coach', () => {
  it('their own client: yes (confirmed, marked as by someone else); another client or not a mentor: 403', async () => {
    const coached = crowd[50]!;
    const stranger = crowd[51]!;
    await eventually(
      () => call(base(), mentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`),
      (a) => a.status === 200,
    );
    const act = await create('client', activity({ title: 'Computerles voor beginners' }));
    const res = await call<SignupBody>(base(), mentor, 'PUT', `/api/client/v1/activities/${act.id}/signup`, {
      forUserId: coached.id,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ userId: coached.id, state: 'confirmed' });
    const mine = await call<ActivityBody>(base(), coached, 'GET', `/api/client/v1/activities/${act.id}`);
    expect(mine.body.mySignup).toEqual({ state: 'confirmed' });

    const before = await signupRows(act.id);
    expectProblem(
      await call(base(), mentor, 'PUT', `/api/client/v1/activities/${act.id}/signup`, {
        forUserId: stranger.id,
      }),
      403,
    );
    expectProblem(
      await call(base(), organiser, 'PUT', `/api/client/v1/activities/${act.id}/signup`, {
        forUserId: coached.id,
      }),
      403,
    );
    expectProblem(await clientSignup(client, act.id, { forUserId: coached.id }), 403);
    expect(await signupRows(act.id)).toEqual(before);

    const cancel = await call(
      base(),
      mentor,
      'DELETE',
      `/api/client/v1/activities/${act.id}/signup?forUserId=${coached.id}`,
    );
    expect(cancel.status, cancel.text).toBe(200);
    expect(await signupRows(act.id)).toHaveLength(0);
  });
});

describe('my sign-ups as iCalendar behind a secret URL', () => {
  it('the feed needs no token, shows my activities, and a renewed secret retires the old URL', async () => {
    const act = await create('client', activity({ title: 'Moestuin: tomaten planten' }));
    await clientSignup(client, act.id);
    const link = await call<{ url: string }>(base(), client, 'GET', '/api/client/v1/calendar');
    expect(link.status, link.text).toBe(200);
    expect(link.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await call<{ url: string }>(base(), client, 'GET', '/api/client/v1/calendar')).body.url).toBe(
      link.body.url,
    );

    const feed = await fetch(link.body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Moestuin: tomaten planten');
    expect(ics).toContain(`UID:${act.id}@plein`);

    const renewed = await call<{ url: string }>(base(), client, 'POST', '/api/client/v1/calendar/renew');
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.url).not.toBe(link.body.url);
    expect((await fetch(link.body.url)).status).toBe(404);
    expect((await fetch(renewed.body.url)).status).toBe(200);
    expect((await fetch(`${base()}/api/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${base()}/api/calendar/nope.ics`)).status).toBe(404);
  });
});

describe('the reminder the day before', () => {
  it('one ActivityReminderDue per confirmed participant, emitted once', async () => {
    const soon = await create(
      'client',
      activity({ title: 'Koken morgen', startsAt: at(20 * HOUR), endsAt: at(22 * HOUR), capacity: 1 }),
    );
    const a = crowd[52]!;
    const b = crowd[53]!;
    await clientSignup(a, soon.id);
    expect((await clientSignup(b, soon.id)).body.state).toBe('waitlisted');
    const reminders = async () =>
      (await readEvents('plein.activities.reminder.due')).filter(
        (e) => (e.envelope.data as { activityId: string }).activityId === soon.id,
      );
    await eventually(reminders, (es) => es.length >= 1);
    await new Promise((r) => setTimeout(r, 1500)); // several scheduler ticks
    const events = await reminders();
    expect(events).toHaveLength(1);
    expect(events[0]!.envelope.data).toMatchObject({
      userId: a.id,
      title: 'Koken morgen',
      place: 'De Kajuit, keuken',
    });
  });
});

describe('AVG: erasure and export', () => {
  it('erasure removes the sign-ups, frees the place for the next in line, confirms once per request', async () => {
    const act = await create('client', activity({ capacity: 1 }));
    const leaving = crowd[20]!;
    const waiting = crowd[21]!;
    await clientSignup(leaving, act.id);
    expect((await clientSignup(waiting, act.id)).body.state).toBe('waitlisted');
    await call(base(), leaving, 'GET', '/api/client/v1/calendar');

    const rpc = testRpcClient('gateway');
    const exported = await callRpc(rpc, personalDataExport('activities'), {
      userId: leaving.id,
    });
    expect(exported.sections['signups']!.map((s) => s['activityId'])).toContain(act.id);
    expect(exported.sections['calendarFeed']).toHaveLength(1);

    const held = (await rows('select 1 from activities.signups where user_id = $1', [leaving.id])).length;
    expect(held).toBeGreaterThanOrEqual(1);
    const erasureId = randomUUID();
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: ErasureRequested.type,
      occurredAt: new Date().toISOString(),
      source: 'identity',
      version: 1,
      data: {
        erasureId,
        userId: leaving.id,
        realm: 'clients',
        byUserId: null,
        requestedAt: new Date().toISOString(),
      },
    };
    const nc = await connectTestNats();
    try {
      await jetstream(nc).publish(ErasureRequested.type, JSON.stringify(envelope), { msgID: envelope.id });
      // a redelivery (same event again under a new message id): nothing more happens
      await jetstream(nc).publish(ErasureRequested.type, JSON.stringify(envelope), { msgID: randomUUID() });
    } finally {
      await nc.close();
    }
    const confirmations = async () =>
      (await readEvents('plein.activities.erasure.confirmed')).filter(
        (e) => (e.envelope.data as { erasureId: string }).erasureId === erasureId,
      );
    const [confirmed] = await eventually(confirmations, (es) => es.length >= 1);
    expect(confirmed!.envelope.data).toMatchObject({
      userId: leaving.id,
      service: 'activities',
      removed: { signups: held, calendarFeeds: 1 },
    });
    expect(await rows('select 1 from activities.signups where user_id = $1', [leaving.id])).toHaveLength(0);
    expect(
      await rows('select 1 from activities.calendar_feeds where user_id = $1', [leaving.id]),
    ).toHaveLength(0);
    expect(
      await rows('select state from activities.signups where activity_id = $1 and user_id = $2', [
        act.id,
        waiting.id,
      ]),
    ).toEqual([{ state: 'confirmed' }]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await confirmations()).toHaveLength(1);
    const promoted = (await readEvents('plein.activities.signup.promoted')).filter(
      (e) => (e.envelope.data as { activityId: string }).activityId === act.id,
    );
    expect(promoted).toHaveLength(1);

    const after = await callRpc(rpc, personalDataExport('activities'), {
      userId: leaving.id,
    });
    expect(after.sections['signups']).toEqual([]);
    await rpc.close();
  });
});

describe('the demo seed', () => {
  it('makes the demo activities (koken, moestuin, wandelen, computerles) with sign-ups, once', async () => {
    expect(await seedActivities(testNatsAccess('gateway'))).toMatch(/^6 activities, 17 sign-ups$/);
    const titles = (await rows('select distinct title from activities.activities')).map((r) => r['title']);
    for (const t of ['Samen koken', 'Moestuin', 'Wandelen', 'Computerles'])
      expect(
        titles.some((x) => String(x).startsWith(t)),
        t,
      ).toBe(true);
    // the computer lesson has 4 places and 5 sign-ups: one waits
    const lesson = await rows(
      `select s.state from activities.signups s join activities.activities a on a.id = s.activity_id
        where a.title like 'Computerles: e-mail%'`,
    );
    expect(lesson.filter((r) => r['state'] === 'waitlisted')).toHaveLength(1);
    expect(await seedActivities(testNatsAccess('gateway'))).toBe('activities already seeded');
  });
});
