import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * The smaller privacy findings of issue 10, through the gateway with real tokens:
 * - `/people/new?days=N` let a client work out a staff member's start date (hidden from clients);
 * - any mentor could take over another mentor's client;
 * - post attachments accepted `javascript:` and `data:` URLs.
 * (`/health/ready` and the portals' `index.html` headers: gateway-http.e2e-spec.ts and portals.middleware.spec.ts.)
 */
let system: RunningSystem;
let db: pg.Client;
let editor: Person, mentor: Person, admin: Person, employee: Person, client: Person;
let otherMentor: Person, newcomer: Person, coached: Person;
const people: TestPerson[] = [];
const base = () => system.url;
const tag = Date.now().toString(36);

/** A fresh person, logged in through the gateway, once the directory has their profile. */
async function fresh(realm: 'staff' | 'clients', firstName: string, roles: 'mentor'[] = []): Promise<Person> {
  const p = await createKeycloakUser(realm, firstName, `Privacy${tag}`, roles);
  people.push(p);
  const who = await person(base(), realm, p.username);
  const tree = realm === 'staff' ? 'staff' : 'client';
  await eventually(
    () => call(base(), who, 'GET', `/api/${tree}/v1/people/me`),
    (r) => r.status === 200,
    15_000,
  );
  return who;
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  editor = await person(base(), 'staff', 'staff.editor');
  mentor = await person(base(), 'staff', 'staff.mentor');
  admin = await person(base(), 'staff', 'staff.admin');
  employee = await person(base(), 'staff', 'staff.employee');
  client = await person(base(), 'clients', 'client.member');
  otherMentor = await fresh('staff', 'Mirjam', ['mentor']);
  newcomer = await fresh('staff', 'Nadia');
  coached = await fresh('clients', 'Coen');
}, 120_000);

afterAll(async () => {
  for (const p of people) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
});

describe('new colleagues: a start date stays hidden from clients', () => {
  it('staff see a colleague who started 10 days ago in a 30-day window, not in a 5-day one', async () => {
    const started = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const assigned = await call(base(), editor, 'PATCH', `/api/staff/v1/people/${newcomer.id}`, {
      startDate: started,
    });
    expect(assigned.status, assigned.text).toBe(200);
    const ids = async (days: number) => {
      const res = await call(base(), employee, 'GET', `/api/staff/v1/people/new?days=${days}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((p) => p.id);
    };
    expect(await ids(30)).toContain(newcomer.id);
    expect(await ids(5)).not.toContain(newcomer.id);
  });

  it('on the client intranet the list by start date is refused for every window (clients and staff alike)', async () => {
    for (const who of [client, employee]) {
      for (const days of [1, 5, 9, 10, 11, 30, 365]) {
        const res = await call(base(), who, 'GET', `/api/client/v1/people/new?days=${days}`);
        expectProblem(res, 403, 'start_date_hidden');
        expect(res.text).not.toContain(newcomer.id);
      }
    }
    // what the client intranet does show of the newcomer has no start date
    const seen = await call(base(), client, 'GET', `/api/client/v1/people/${newcomer.id}`);
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body).not.toHaveProperty('startDate');
  });
});

describe('a client’s mentor: nobody takes over another mentor’s client', () => {
  const mentorOf = async (clientId: string) => {
    const { rows } = await db.query<{ mentor_id: string | null }>(
      'select mentor_id from directory.profiles where user_id = $1',
      [clientId],
    );
    return rows[0]?.mentor_id;
  };

  it('a mentor takes on a client without a mentor (and again: idempotent)', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await call(base(), mentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`);
      expect(res.status, res.text).toBe(200);
      expect(res.body['mentor']).toMatchObject({ id: mentor.id });
    }
    expect(await mentorOf(coached.id)).toBe(mentor.id);
  });

  it('another mentor cannot take the client over, nor hand them to anyone', async () => {
    expectProblem(
      await call(base(), otherMentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`),
      403,
      'not_the_mentor',
    );
    expectProblem(
      await call(base(), otherMentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`, {
        mentorId: otherMentor.id,
      }),
      403,
      'not_the_mentor',
    );
    // an employee without the mentor role is refused before anything is looked up
    expectProblem(await call(base(), employee, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`), 403);
    expect(await mentorOf(coached.id)).toBe(mentor.id);
  });

  it('the current mentor hands the client over to a colleague; then the old mentor cannot take them back', async () => {
    const handed = await call(base(), mentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`, {
      mentorId: otherMentor.id,
    });
    expect(handed.status, handed.text).toBe(200);
    expect(await mentorOf(coached.id)).toBe(otherMentor.id);
    expectProblem(
      await call(base(), mentor, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`),
      403,
      'not_the_mentor',
    );
    expect(await mentorOf(coached.id)).toBe(otherMentor.id);
  });

  it('an admin hands the client over; a mentorId that is not an active colleague is a 400', async () => {
    const back = await call(base(), admin, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`, {
      mentorId: mentor.id,
    });
    expect(back.status, back.text).toBe(200);
    expect(await mentorOf(coached.id)).toBe(mentor.id);
    for (const mentorId of [client.id, crypto.randomUUID()]) {
      expectProblem(
        await call(base(), admin, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`, { mentorId }),
        400,
      );
    }
    expectProblem(
      await call(base(), admin, 'PUT', `/api/staff/v1/people/${coached.id}/mentor`, { mentorId: 'abc' }),
      400,
    );
    expect(await mentorOf(coached.id)).toBe(mentor.id);
  });
});

describe('post attachments: only https/http links, Plein paths or document ids', () => {
  const count = async () =>
    (await db.query<{ n: number }>('select count(*)::int as n from timelines.posts')).rows[0]!.n;

  it.each([
    ['a javascript: link', { attachments: [{ kind: 'link', ref: 'javascript:alert(document.cookie)' }] }],
    ['a data: link', { attachments: [{ kind: 'link', ref: 'data:text/html,<script>alert(1)</script>' }] }],
    ['a data: image', { attachments: [{ kind: 'image', ref: 'data:image/svg+xml,<svg onload=alert(1)>' }] }],
    ['a protocol-relative link', { attachments: [{ kind: 'document', ref: '//evil.example/x.pdf' }] }],
  ])('%s is a 400 naming the field, and nothing is written', async (_name, extra) => {
    const before = await count();
    const res = await call(base(), client, 'POST', '/api/client/v1/posts', {
      body: 'Kijk eens naar deze link',
      audience: 'organization',
      ...extra,
    });
    expectProblem(res, 400);
    expect(res.text).toContain('attachments');
    expect(res.text).toMatch(/https/);
    expect(await count()).toBe(before);
  });

  it('an article cover image follows the same rule', async () => {
    const res = await call(base(), editor, 'POST', '/api/staff/v1/posts', {
      type: 'article',
      title: 'Column',
      body: 'Tekst',
      audience: 'organization',
      coverImage: 'javascript:alert(1)',
    });
    expectProblem(res, 400);
    expect(res.text).toContain('coverImage');
  });

  it('an https link and a Plein path are stored and returned as given', async () => {
    const attachments = [
      { kind: 'link', ref: 'https://www.plein.example/rooster', title: 'Rooster' },
      { kind: 'image', ref: `/api/client/v1/people/${client.id}/photo?size=medium` },
    ];
    const res = await call(base(), client, 'POST', '/api/client/v1/posts', {
      body: 'Het rooster staat online',
      audience: 'organization',
      attachments,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body['attachments']).toEqual(attachments);
  });
});
