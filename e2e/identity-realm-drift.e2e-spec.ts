import { testEnv } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, expectProblem, person } from './support/api.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * deploy/keycloak is the source of truth for roles, clients and the user profile: the drift check compares the
 * running Keycloak with it and names each difference. The test changes a role (and adds one) through Keycloak's
 * admin API as Keycloak's own administrator, sees both named, and restores the realm.
 */
let system: RunningSystem;
let admin: Person;
let employee: Person;
const created: TestPerson[] = [];
const kc = testEnv().keycloakUrl;

/** Keycloak's bootstrap administrator (master realm): what an IT admin changing the realm by hand would be. */
async function masterToken(): Promise<string> {
  const res = await fetch(`${kc}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'admin',
      password: 'admin',
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}
async function realmAdmin(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${kc}/admin/realms/staff${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await masterToken()}`, 'content-type': 'application/json' },
  });
}

interface Drift {
  inSync: boolean;
  differences: { realm: string; kind: string; name: string; difference: string; detail: string }[];
}
const drift = async () => {
  const a = await call<Drift>(system.url, admin, 'GET', '/api/admin/v1/realms/drift');
  expect(a.status, a.text).toBe(200);
  return a.body;
};

beforeAll(async () => {
  system = await startSystem();
  const a = await createKeycloakUser('staff', 'Drift', 'Beheerder', ['admin']);
  const e = await createKeycloakUser('staff', 'Drift', 'Medewerker');
  created.push(a, e);
  admin = await person(system.url, 'staff', a.username);
  employee = await person(system.url, 'staff', e.username);
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p).catch(() => undefined);
  await system?.close();
});

describe('realm drift', () => {
  it('a Keycloak started from deploy/keycloak is in sync with it', async () => {
    const d = await drift();
    expect(d.differences).toEqual([]);
    expect(d.inSync).toBe(true);
  });

  it('a changed and an added role show up as differences, and disappear when restored', async () => {
    const before = (await (await realmAdmin('/roles/mentor')).json()) as Record<string, unknown>;
    try {
      const changed = await realmAdmin('/roles/mentor', {
        method: 'PUT',
        body: JSON.stringify({ ...before, description: 'Handmatig aangepast' }),
      });
      expect(changed.status).toBe(204);
      const added = await realmAdmin('/roles', {
        method: 'POST',
        body: JSON.stringify({ name: 'stagiair' }),
      });
      expect(added.status).toBe(201);

      const d = await drift();
      expect(d.inSync).toBe(false);
      expect(d.differences).toEqual(
        expect.arrayContaining([
          {
            realm: 'staff',
            kind: 'role',
            name: 'mentor',
            difference: 'changed',
            detail: expect.stringContaining('Handmatig aangepast'),
          },
          {
            realm: 'staff',
            kind: 'role',
            name: 'stagiair',
            difference: 'unexpected',
            detail: expect.any(String),
          },
        ]),
      );
      expect(d.differences).toHaveLength(2);
    } finally {
      await realmAdmin('/roles/mentor', { method: 'PUT', body: JSON.stringify(before) });
      await realmAdmin('/roles/stagiair', { method: 'DELETE' });
    }
    expect((await drift()).differences).toEqual([]);
  });

  it('only admins may look, and sync on demand', async () => {
    expectProblem(await call(system.url, employee, 'GET', '/api/admin/v1/realms/drift'), 403);
    expectProblem(await call(system.url, employee, 'POST', '/api/admin/v1/identity/sync'), 403);
    const sync = await call<{ realms: { realm: string; complete: boolean; seen: number }[] }>(
      system.url,
      admin,
      'POST',
      '/api/admin/v1/identity/sync',
    );
    expect(sync.status, sync.text).toBe(200);
    expect(sync.body.realms.map((r) => [r.realm, r.complete])).toEqual([
      ['staff', true],
      ['clients', true],
    ]);
    expect(sync.body.realms[0]!.seen).toBeGreaterThan(0);
  });
});
