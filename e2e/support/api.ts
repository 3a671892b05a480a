import { fetchToken, testEnv } from '@plein/testing';
import pg from 'pg';
import { expect } from 'vitest';

/** What the tests read from the API's JSON answers (loosely: any of these may be absent). */
export interface Item {
  id: string;
  [field: string]: unknown;
}
export interface Body extends Item {
  items: Item[];
  pinned: Item[];
  confirmed: Item[];
  notConfirmed: Item[];
  body: string;
  state: string;
  errors: unknown;
  nextCursor?: string;
}

export interface Answer<T = Body> {
  status: number;
  body: T;
  text: string;
  type: string | null;
}

/** One demo person: their token and Plein id. */
export interface Person {
  username: string;
  realm: 'staff' | 'clients';
  token: string;
  id: string;
}

/** Calls the gateway as someone. */
export async function call<T = Body>(
  base: string,
  who: Person | string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const token = typeof who === 'string' ? who : who.token;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text, type: res.headers.get('content-type') };
}

/** Logs a demo user in (real Keycloak token) and learns their Plein id through GET /me. */
export async function person(base: string, realm: 'staff' | 'clients', username: string): Promise<Person> {
  const token = await fetchToken(realm, username);
  const tree = realm === 'staff' ? 'staff' : 'client';
  const me = await call<{ id: string }>(base, token, 'GET', `/api/${tree}/v1/me`);
  expect(me.status, me.text).toBe(200);
  return { username, realm, token, id: me.body.id };
}

export function expectProblem(answer: Answer, status: number, code?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.type).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, ...(code ? { code } : {}), detail: expect.any(String) });
}

export async function database(): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
  return db;
}

/** Waits until timelines knows these people (their provisioned events were consumed). */
export async function untilKnown(db: pg.Client, ids: string[]): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from timelines.users where id = any($1::uuid[])',
      [ids],
    );
    if (rows[0]!.n === ids.length) return;
    if (Date.now() > until) throw new Error('timelines never learnt of these people');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const feedIds = (answer: Answer): string[] => answer.body.items.map((p) => p.id);
