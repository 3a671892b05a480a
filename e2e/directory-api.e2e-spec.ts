import { randomUUID } from 'node:crypto';
import { TeamMemberAdded, TeamMemberRemoved } from '@plein/contracts';
import { fetchToken, testEnv } from '@plein/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/** The parts of the directory's answers these tests read. */
interface Answer {
  [key: string]: unknown;
  id?: string;
  items?: { id: string; displayName: string }[];
  members?: { id: string }[];
  people?: { items: { id: string }[] };
  nextCursor?: string;
}

let system: RunningSystem;
let db: pg.Client;
let editor: string;
const tag = randomUUID().slice(0, 6);
const people: { person: TestPerson; id: string }[] = [];

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${system.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Answer };
};
const count = async (table: string) =>
  (await db.query(`select count(*)::int as n from directory.${table}`)).rows[0].n as number;
/** Events about the organisation (profiles of people logging in for the first time arrive on their own). */
const organisationEvents = async () =>
  (
    await db.query(
      `select count(*)::int as n from directory.outbox where type not like 'plein.directory.profile.%'`,
    )
  ).rows[0].n as number;

beforeAll(async () => {
  system = await startSystem();
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
  editor = await fetchToken('staff', 'staff.editor');
  for (const [first, last] of [
    ['Zeger', `Api${tag}`],
    ['Anna', `Api${tag}`],
    ['Bas', `Api${tag}`],
  ] as const) {
    const person = await createKeycloakUser('staff', first, last);
    const token = await fetchToken('staff', person.username);
    const me = await eventually(
      () => call(token, 'GET', '/api/staff/v1/people/me'),
      (r) => r.status === 200,
      15_000,
    );
    people.push({ person, id: me.body['id'] as string });
  }
}, 90_000);

afterAll(async () => {
  for (const p of people) await deleteKeycloakUser(p.person);
  await db?.end();
  await system?.close();
});

describe('locations, teams and functions', () => {
  it('editors manage them; membership changes publish member-added/-removed once; pages show who works where', async () => {
    const location = await call(editor, 'POST', '/api/staff/v1/locations', {
      name: `Dagbesteding ${tag}`,
      kind: 'dagbesteding',
      address: { street: 'Ambachtsweg 1', postalCode: '8013 PZ', city: 'Zwolle' },
    });
    expect(location.status, location.text).toBe(201);
    const fn = await call(editor, 'POST', '/api/staff/v1/functions', { name: `Begeleider ${tag}` });
    expect(fn.status).toBe(201);
    const team = await call(editor, 'POST', '/api/staff/v1/teams', {
      name: `Team Werk ${tag}`,
      purpose: 'Iedereen een zinvolle dag',
      locations: [location.body['id']],
    });
    expect(team.status, team.text).toBe(201);
    const teamId = team.body['id'] as string;
    const [zeger, anna, bas] = people.map((p) => p.id) as [string, string, string];

    for (const id of [zeger, anna]) {
      expect((await call(editor, 'PUT', `/api/staff/v1/teams/${teamId}/members/${id}`)).status).toBe(200);
    }
    expect((await call(editor, 'PUT', `/api/staff/v1/teams/${teamId}/members/${anna}`)).status).toBe(200); // idempotent
    const patched = await call(editor, 'PATCH', `/api/staff/v1/teams/${teamId}`, { lead: anna });
    expect(patched.body['lead']).toMatchObject({ id: anna });
    expect(patched.body.members!.map((m) => m.id)).toEqual([anna, zeger]); // A–Z
    expect((await call(editor, 'DELETE', `/api/staff/v1/teams/${teamId}/members/${zeger}`)).status).toBe(200);

    const membership = async (contract: { type: string }) =>
      (await readEvents(contract.type))
        .map((e) => e.envelope.data as { teamId: string; userId: string })
        .filter((d) => d.teamId === teamId);
    const added = await eventually(
      () => membership(TeamMemberAdded),
      (e) => e.length >= 2,
    );
    expect(added.map((d) => d.userId).sort()).toEqual([anna, zeger].sort());
    const removed = await eventually(
      () => membership(TeamMemberRemoved),
      (e) => e.length >= 1,
    );
    expect(removed.map((d) => d.userId)).toEqual([zeger]);

    for (const id of [zeger, anna, bas]) {
      const res = await call(editor, 'PATCH', `/api/staff/v1/people/${id}`, {
        function: fn.body['id'],
        locations: [location.body['id']],
        startDate:
          id === bas ? new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) : '2001-01-01',
      });
      expect(res.status, res.text).toBe(200);
    }
    const page = await call(editor, 'GET', `/api/staff/v1/locations/${location.body['id']}`);
    expect(page.body['teams']).toEqual([{ id: teamId, name: `Team Werk ${tag}` }]);
    expect(page.body.people!.items.map((p) => p.id)).toEqual([anna, bas, zeger]);
    const teamPage = await call(editor, 'GET', `/api/staff/v1/teams/${teamId}`);
    expect(teamPage.body.members!.map((m) => m.id)).toEqual([anna]);
    const byFunction = await call(
      editor,
      'GET',
      `/api/staff/v1/people?function=${fn.body['id']}&team=${teamId}`,
    );
    expect(byFunction.body.items!.map((p) => p.id)).toEqual([anna]);
    const fresh = await call(editor, 'GET', '/api/staff/v1/people/new?days=30');
    const freshIds = fresh.body.items!.map((p) => p.id);
    expect(freshIds).toContain(bas);
    expect(freshIds).not.toContain(zeger);
    // the client intranet sees the location and team, not who is in the team
    const client = await fetchToken('clients', 'client.member');
    const clientTeam = await call(client, 'GET', `/api/client/v1/teams/${teamId}`);
    expect(clientTeam.body).toMatchObject({ id: teamId, members: [], lead: null });
    expect(clientTeam.text).not.toContain(anna);
    expect((await call(client, 'GET', '/api/client/v1/locations')).body.items!.map((l) => l.id)).toContain(
      location.body['id'],
    );
  });

  it('people A–Z page by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(
        editor,
        'GET',
        `/api/staff/v1/people?q=api${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.items!.map((p) => p.displayName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([`Anna Api${tag}`, `Bas Api${tag}`, `Zeger Api${tag}`]);
  });

  it('non-editors are refused; bad input is a 4xx problem and writes nothing', async () => {
    const before = {
      locations: await count('locations'),
      teams: await count('teams'),
      outbox: await organisationEvents(),
    };
    const employee = await fetchToken('staff', 'staff.employee');
    expect((await call(employee, 'POST', '/api/staff/v1/functions', { name: 'Stiekem' })).status).toBe(403);
    expect((await call(employee, 'POST', '/api/staff/v1/teams', { name: 'Stiekem' })).status).toBe(403);
    expect(
      (await call(editor, 'POST', '/api/staff/v1/teams', { name: 'Spook', locations: [randomUUID()] }))
        .status,
    ).toBe(400);
    expect((await call(editor, 'POST', '/api/staff/v1/teams', { name: '' })).status).toBe(400);
    expect((await call(editor, 'POST', '/api/staff/v1/locations', { name: 'Half', kind: 'x' })).status).toBe(
      400,
    );
    expect((await call(editor, 'GET', '/api/staff/v1/people?location=not-a-uuid')).status).toBe(400);
    expect((await call(editor, 'GET', '/api/staff/v1/people?cursor=forged')).status).toBe(400);
    expect((await call(editor, 'GET', `/api/staff/v1/teams/${randomUUID()}`)).status).toBe(404);
    expect(
      (await call(editor, 'PUT', `/api/staff/v1/teams/${randomUUID()}/members/${people[0]!.id}`)).status,
    ).toBe(404);
    const duplicate = await call(editor, 'POST', '/api/staff/v1/functions', { name: `Begeleider ${tag}` });
    expect(duplicate.status).toBe(409);
    expect({
      locations: await count('locations'),
      teams: await count('teams'),
      outbox: await organisationEvents(),
    }).toEqual(before);
  });
});
