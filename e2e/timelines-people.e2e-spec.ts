import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * People timelines has not learnt of (their provisioned event not consumed, or a NATS store thrown away while the
 * database stayed): a follow or mention of them asks identity (`identity.user.get`) and remembers them.
 * They are written into identity's table only, so no event ever tells timelines of them.
 */
let system: RunningSystem;
let db: pg.Client;
let employee: Person;
const base = () => system.url;

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  employee = await person(base(), 'staff', 'staff.employee');
}, 60_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

/** A person identity knows and timelines does not (no outbox row, so no provisioned event). */
async function onlyInIdentity(
  displayName: string,
  accountState: 'active' | 'disabled' | 'removed' = 'active',
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into identity.users (id, realm, subject, username, display_name, roles, account_state)
     values ($1, 'staff', $2, $3, $4, '{employee}', $5)`,
    [id, randomUUID(), `alleen.identity.${id.slice(0, 8)}`, displayName, accountState],
  );
  return id;
}

async function inTimelines(id: string) {
  const { rows } = await db.query<{ display_name: string; realm: string; active: boolean }>(
    'select display_name, realm, active from timelines.users where id = $1',
    [id],
  );
  return rows[0];
}

async function followCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from timelines.follows where follower_id = $1',
    [employee.id],
  );
  return rows[0]!.n;
}

describe('people timelines does not know yet', () => {
  it('a follow asks identity once and remembers the person; the unknown stay 404, the inactive 422', async () => {
    const id = await onlyInIdentity('Hanna Wit');
    expect(await inTimelines(id)).toBeUndefined();
    const put = await call(base(), employee, 'PUT', `/api/staff/v1/follows/${id}`);
    expect(put.status, put.text).toBe(204);
    expect(await inTimelines(id)).toEqual({ display_name: 'Hanna Wit', realm: 'staff', active: true });
    const list = await call(base(), employee, 'GET', '/api/staff/v1/follows');
    expect(list.body.items).toContainEqual({ id, kind: 'staff', displayName: 'Hanna Wit' });

    const before = await followCount();
    expectProblem(
      await call(base(), employee, 'PUT', `/api/staff/v1/follows/${randomUUID()}`),
      404,
      'not_found',
    );
    const disabled = await onlyInIdentity('Ivo Zwart', 'disabled');
    expectProblem(
      await call(base(), employee, 'PUT', `/api/staff/v1/follows/${disabled}`),
      422,
      'person_inactive',
    );
    expect(await inTimelines(disabled)).toBeUndefined();
    expectProblem(await call(base(), employee, 'PUT', '/api/staff/v1/follows/geen-id'), 400);
    expect(await followCount()).toBe(before);
  });

  it('a mention asks identity too: the person is remembered with the post, or nothing is written', async () => {
    const id = await onlyInIdentity('Joke Groen');
    const created = await call(base(), employee, 'POST', '/api/staff/v1/posts', {
      body: 'Dank je, @Joke!',
      audience: 'organization',
      mentions: [id],
    });
    expect(created.status, created.text).toBe(201);
    expect(await inTimelines(id)).toMatchObject({ display_name: 'Joke Groen', active: true });
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from timelines.outbox
       where type = 'plein.timelines.mention.created' and envelope->'data'->>'mentionedUserId' = $1`,
      [id],
    );
    expect(rows[0]!.n).toBe(1);

    const posts = async () =>
      (
        await db.query<{ n: number }>('select count(*)::int as n from timelines.posts where author_id = $1', [
          employee.id,
        ])
      ).rows[0]!.n;
    const before = await posts();
    const removed = await onlyInIdentity('Kees Rood', 'removed');
    expectProblem(
      await call(base(), employee, 'POST', '/api/staff/v1/posts', {
        body: 'Hallo @Kees',
        audience: 'organization',
        mentions: [removed],
      }),
      422,
      'person_inactive',
    );
    expectProblem(
      await call(base(), employee, 'POST', '/api/staff/v1/posts', {
        body: 'Hallo @niemand',
        audience: 'organization',
        mentions: [randomUUID()],
      }),
      400,
      'mention_not_allowed',
    );
    expect(await posts()).toBe(before);
    expect(await inTimelines(removed)).toBeUndefined();
  });
});
