import { randomUUID } from 'node:crypto';
import { testEnv } from '@plein/testing';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { eventually } from './support/events.js';
import {
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * Client accounts by mentors, against the real Keycloak: a mentor makes a client account (Keycloak's clients
 * realm, through identity's service account), with a suggested username and a one-time start code that Keycloak
 * makes the client replace at the first login; the directory records the mentor. Only that mentor sees, resets and
 * prints for the client (another mentor: 404), and a staff member without the mentor role gets 403.
 */
const tag = randomUUID().slice(0, 6);
let system: RunningSystem;
const created: TestPerson[] = [];
let mentor: Person;
let otherMentor: Person;
let employee: Person;
let client: { id: string; username: string; startCode: string };

const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call<Record<string, unknown>>(system.url, who, method, `/api/staff/v1${path}`, body);

async function staffPerson(first: string, roles: ('mentor' | 'admin')[]): Promise<Person> {
  const p = await createKeycloakUser('staff', first, `Tester${tag}`, roles);
  created.push(p);
  return person(system.url, 'staff', p.username);
}

async function letterText(
  who: Person,
  id: string,
): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${system.url}/api/staff/v1/clients/${id}/start-letter.pdf`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  if (res.status !== 200)
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
  const { text } = await extractText(pdf, { mergePages: true });
  return { status: res.status, type: res.headers.get('content-type'), text };
}

/** A password-grant login (test client plein-tests) with the start code. */
async function passwordLogin(username: string, password: string) {
  const res = await fetch(`${testEnv().keycloakUrl}/realms/clients/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'plein-tests', username, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

beforeAll(async () => {
  system = await startSystem();
  mentor = await staffPerson(`Mara${tag}`, ['mentor']);
  otherMentor = await staffPerson(`Otto${tag}`, ['mentor']);
  employee = await staffPerson(`Eva${tag}`, []);
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p).catch(() => undefined);
  if (client) await keycloakAdmin('clients', `/users?username=${client.username}`).catch(() => undefined);
  await system?.close();
});

describe('a mentor makes a client account', () => {
  it('in Keycloak, with a suggested username and a start code the client must replace', async () => {
    const answer = await staff(mentor, 'POST', '/clients', {
      firstName: `Fleur${tag}`,
      lastName: 'van den Berg',
    });
    expect(answer.status, answer.text).toBe(201);
    client = answer.body as typeof client;
    expect(client.username).toBe(`fleur${tag}.vandenberg`);
    expect(client.startCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const [kc] = (await (
      await keycloakAdmin('clients', `/users?username=${client.username}&exact=true`)
    ).json()) as { id: string; requiredActions: string[]; firstName: string; lastName: string }[];
    expect(kc).toMatchObject({ firstName: `Fleur${tag}`, lastName: 'van den Berg' });
    expect(kc!.requiredActions).toContain('UPDATE_PASSWORD');
    // the start code is right, but Keycloak wants the password changed first: no token before that
    const login = await passwordLogin(client.username, client.startCode);
    expect(login.status).toBe(400);
    expect(login.body['error_description']).toMatch(/not fully set up/i);
    const wrong = await passwordLogin(client.username, 'ABCD-EFGH-JKMN');
    expect(wrong.body['error_description']).toMatch(/invalid user credentials/i);
  });

  it('the directory records the mentor, and the mentor lists the client', async () => {
    const list = await eventually(
      () => staff(mentor, 'GET', '/clients'),
      (a) => ((a.body['items'] ?? []) as { id: string }[]).some((c) => c.id === client.id),
      10_000,
    );
    expect(list.body['items']).toEqual([
      expect.objectContaining({
        id: client.id,
        username: client.username,
        displayName: `Fleur${tag} van den Berg`,
        accountState: 'active',
        startCodePending: true,
      }),
    ]);
    // the directory is where the relation lives (PUT /people/{id}/mentor hands the client over)
    const db = await database();
    try {
      const { rows } = await db.query('select mentor_id from directory.profiles where user_id = $1', [
        client.id,
      ]);
      expect(rows).toEqual([{ mentor_id: mentor.id }]);
    } finally {
      await db.end();
    }
  });

  it('a taken username is refused; a bad one is a 400', async () => {
    expectProblem(
      (await staff(mentor, 'POST', '/clients', { firstName: 'Dubbel', username: client.username })) as never,
      409,
      'username_taken',
    );
    expectProblem((await staff(mentor, 'POST', '/clients', { firstName: '' })) as never, 400);
    expectProblem(
      (await staff(mentor, 'POST', '/clients', { firstName: 'X', username: 'a b' })) as never,
      400,
    );
  });

  it('prints a start letter with the portal address, the username and the start code', async () => {
    const letter = await letterText(mentor, client.id);
    expect(letter.status, letter.text).toBe(200);
    expect(letter.type).toBe('application/pdf');
    expect(letter.text).toContain('http://localhost:3000/mijn/');
    expect(letter.text).toContain(client.username);
    expect(letter.text).toContain(client.startCode);
    expect(letter.text).toContain(`Fleur${tag}`);
    expect(letter.text).toMatch(/nieuw wachtwoord/);
  });

  it('issues a new start code: the old one stops working, the letter prints the new one', async () => {
    const reset = await staff(mentor, 'POST', `/clients/${client.id}/reset`);
    expect(reset.status, reset.text).toBe(200);
    const next = reset.body as typeof client;
    expect(next.username).toBe(client.username);
    expect(next.startCode).not.toBe(client.startCode);
    expect((await passwordLogin(client.username, client.startCode)).body['error_description']).toMatch(
      /invalid user credentials/i,
    );
    expect((await passwordLogin(client.username, next.startCode)).body['error_description']).toMatch(
      /not fully set up/i,
    );
    const letter = await letterText(mentor, client.id);
    expect(letter.text).toContain(next.startCode);
    expect(letter.text).not.toContain(client.startCode);
    client = { ...client, startCode: next.startCode };
  });

  it('another mentor cannot see, reset or print for that client', async () => {
    const list = await staff(otherMentor, 'GET', '/clients');
    expect(list.status, list.text).toBe(200);
    expect(list.body['items']).toEqual([]);
    expectProblem((await staff(otherMentor, 'POST', `/clients/${client.id}/reset`)) as never, 404);
    const letter = await letterText(otherMentor, client.id);
    expect(letter.status).toBe(404);
    expect(letter.text).not.toContain(client.startCode);
  });

  it('a staff member without the mentor role gets 403', async () => {
    expectProblem((await staff(employee, 'POST', '/clients', { firstName: 'Nee' })) as never, 403);
    expectProblem((await staff(employee, 'GET', '/clients')) as never, 403);
    expectProblem((await staff(employee, 'POST', `/clients/${client.id}/reset`)) as never, 403);
    expect((await letterText(employee, client.id)).status).toBe(403);
  });

  it('a client cannot reach the mentors’ routes at all', async () => {
    const other = await person(system.url, 'clients', 'client.member');
    const answer = await call(system.url, other, 'GET', '/api/staff/v1/clients');
    expect(answer.status).toBe(403);
  });
});
