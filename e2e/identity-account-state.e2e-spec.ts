import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@plein/config';
import { PleinError, type Realm, UserDeactivated, UserReactivated } from '@plein/contracts';
import { fetchToken, testEnv } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStateService } from '../services/identity/src/account-state.service.js';
import { KeycloakAdminClient } from '../services/identity/src/keycloak-admin.client.js';
import { KeycloakSync } from '../services/identity/src/keycloak-sync.service.js';
import { UserProvisioningService } from '../services/identity/src/user-provisioning.service.js';
import { eventually, readEvents } from './support/events.js';
import {
  SYNC_CLIENT,
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * Accounts IT admins disable or delete in Keycloak leave the smoelenboek and search, through the real Keycloak,
 * identity's sync, the directory and search, read through the gateway.
 *
 * The sync runs against the real Keycloak admin API, but scoped to the people this test creates: the rest of
 * the run shares this database and needs demo users that have never been provisioned (first-login tests), so
 * a full pass here would provision everyone. The scope filters the listing and the known users alike, so the
 * decision (a complete listing without the user, then Keycloak's 404) is the production one.
 */
let system: RunningSystem;
let orm: MikroORM;
let sync: KeycloakSync;
const people: TestPerson[] = [];
const mine = new Set<string>();
const word = `Vertrek${Date.now().toString(36)}`;
let colleague: TestPerson;
let client: TestPerson;
/** The colleague's token from while they were enabled, not yet shown to the gateway. */
let oldToken: string;

beforeAll(async () => {
  system = await startSystem();
  orm = system.identity.get(MikroORM);
  colleague = await createKeycloakUser('staff', 'Wim', `${word}collega`);
  client = await createKeycloakUser('clients', 'Klaas', `${word}client`);
  people.push(colleague, client);
  for (const p of people) mine.add(p.subject);
  const keycloak = new KeycloakAdminClient({
    baseUrl: testEnv().keycloakUrl,
    clientId: SYNC_CLIENT.id,
    clientSecret: SYNC_CLIENT.secret,
    pageSize: 7,
  });
  sync = new KeycloakSync(
    {
      async *users(realm: Realm) {
        for await (const u of keycloak.users(realm)) if (mine.has(u.subject)) yield u;
      },
      exists: (realm, id) => keycloak.exists(realm, id),
    },
    {
      ensure: (claims) => new UserProvisioningService(orm.em.fork()).ensure(claims),
      known: async (realm) =>
        (await new AccountStateService(orm.em.fork()).known(realm)).filter((k) => mine.has(k.subject)),
      setState: (realm, subject, state) => new AccountStateService(orm.em.fork()).set(realm, subject, state),
    },
    ['staff', 'clients'],
    60_000,
    createLogger('account-state-test', 'silent'),
  );
});

afterAll(async () => {
  await sync?.stop();
  for (const p of people) await deleteKeycloakUser(p);
  await system?.close();
});

const call = async (realm: Realm, user: string, method: string, path: string, body?: unknown) =>
  fetch(`${system.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await fetchToken(realm, user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const json = async <T>(res: Response): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(query, params);

async function userOf(p: TestPerson) {
  const [row] = await sql<{ id: string; account_state: string }>(
    'select id, account_state from identity.users where realm = ? and subject = ?',
    [p.realm, p.subject],
  );
  return row;
}

/** What the smoelenboek and search say of a person, for a viewer in a tree. */
async function presence(viewer: [Realm, string], tree: 'staff' | 'client', id: string, lastName: string) {
  const list = await json<{ items: { id: string }[] }>(
    await call(...viewer, 'GET', `/api/${tree}/v1/people?q=${encodeURIComponent(lastName)}`),
  );
  const one = await call(...viewer, 'GET', `/api/${tree}/v1/people/${id}`);
  const found = await json<{ items: { id: string }[]; total: number }>(
    await call(...viewer, 'GET', `/api/${tree}/v1/search?q=${encodeURIComponent(lastName)}`),
  );
  return {
    listed: list.items.some((i) => i.id === id),
    get: one.status,
    searched: found.items.some((i) => i.id === id),
  };
}
const everywhere = { listed: true, get: 200, searched: true };
const nowhere = { listed: false, get: 404, searched: false };

async function setEnabled(p: TestPerson, enabled: boolean) {
  const res = await keycloakAdmin(p.realm, `/users/${p.subject}`, {
    method: 'PUT',
    body: JSON.stringify({ enabled }),
  });
  expect(res.status).toBe(204);
}

const eventsFor = async (type: string, userId: string) =>
  (await readEvents(type)).filter((e) => (e.envelope.data as { userId: string }).userId === userId);

describe('accounts disabled or deleted in Keycloak', () => {
  let colleagueId: string;
  let clientId: string;

  it('a new colleague and a client are provisioned by the sync and found in the smoelenboek and search', async () => {
    const reports = await sync.runOnce();
    expect(reports.map((r) => [r.realm, r.seen, r.failed, r.complete])).toEqual([
      ['staff', 1, 0, true],
      ['clients', 1, 0, true],
    ]);
    colleagueId = (await userOf(colleague))!.id;
    oldToken = await fetchToken('staff', colleague.username);
    clientId = (await userOf(client))!.id;
    expect(await userOf(colleague)).toMatchObject({ account_state: 'active' });

    const staffView = () => presence(['staff', 'staff.employee'], 'staff', colleagueId, colleague.lastName);
    expect(await eventually(staffView, (p) => p.searched && p.listed, 10_000)).toEqual(everywhere);

    // The client shows themselves on the client intranet (opt-in, last name shared).
    const optIn = await eventually(
      () =>
        call('clients', client.username, 'PATCH', '/api/client/v1/people/me', {
          privacy: { optedIn: true, sharedFields: ['photo', 'lastName'] },
        }),
      (r) => r.status === 200,
    );
    expect(optIn.status).toBe(200);
    const clientView = () => presence(['clients', 'client.member'], 'client', clientId, client.lastName);
    expect(await eventually(clientView, (p) => p.searched && p.listed, 10_000)).toEqual(everywhere);
  });

  it('disabled in Keycloak: gone from GET /people, GET /people/{id} (404) and search after one pass', async () => {
    await setEnabled(colleague, false);
    await setEnabled(client, false);
    const reports = await sync.runOnce();
    expect(reports.map((r) => [r.realm, r.deactivated, r.failed])).toEqual([
      ['staff', 1, 0],
      ['clients', 1, 0],
    ]);
    expect(await userOf(colleague)).toMatchObject({ account_state: 'disabled' });
    expect(await userOf(client)).toMatchObject({ account_state: 'disabled' });

    const staffView = () => presence(['staff', 'staff.employee'], 'staff', colleagueId, colleague.lastName);
    expect(await eventually(staffView, (p) => !p.searched && !p.listed, 10_000)).toEqual(nowhere);
    // the colleague's contact-person view on the client intranet is gone too
    expect(await presence(['clients', 'client.member'], 'client', colleagueId, colleague.lastName)).toEqual(
      nowhere,
    );
    const clientView = () => presence(['clients', 'client.member'], 'client', clientId, client.lastName);
    expect(await eventually(clientView, (p) => !p.searched && !p.listed, 10_000)).toEqual(nowhere);
    // staff on the client intranet do not see the closed client either
    expect(await presence(['staff', 'staff.mentor'], 'client', clientId, client.lastName)).toEqual(nowhere);

    // published by identity's outbox relay on its next tick after the pass
    const [deactivated] = await eventually(
      () => eventsFor(UserDeactivated.type, colleagueId),
      (e) => e.length > 0,
    );
    expect(deactivated?.envelope.data).toEqual({ userId: colleagueId, realm: 'staff', reason: 'disabled' });

    // A token that would still be valid does not bring the account back: ensure refuses, nothing changes.
    const claims = {
      realm: 'staff' as const,
      subject: colleague.subject,
      username: colleague.username,
      displayName: 'Wim Anders',
      roles: ['employee' as const],
    };
    const refused = await new UserProvisioningService(orm.em.fork()).ensure(claims).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PleinError);
    expect(refused).toMatchObject({ status: 403, code: 'account_inactive' });
    expect(await userOf(colleague)).toMatchObject({ account_state: 'disabled' });

    // ... and the gateway answers 403 to that token.
    const me = await fetch(`${system.url}/api/staff/v1/me`, {
      headers: { authorization: `Bearer ${oldToken}` },
    });
    expect(me.status).toBe(403);
    expect(((await me.json()) as { code: string }).code).toBe('account_inactive');
    await expect(fetchToken('staff', colleague.username, { fresh: true })).rejects.toThrow(/refused/);

    // A second pass changes nothing.
    const again = await sync.runOnce();
    expect(again.map((r) => r.deactivated + r.reactivated)).toEqual([0, 0]);
  });

  it('enabled again: back as before, the client still opted in with the same shared fields', async () => {
    await setEnabled(colleague, true);
    await setEnabled(client, true);
    const reports = await sync.runOnce();
    expect(reports.map((r) => [r.realm, r.reactivated, r.failed])).toEqual([
      ['staff', 1, 0],
      ['clients', 1, 0],
    ]);
    expect(await userOf(colleague)).toMatchObject({ account_state: 'active' });
    // published by identity's outbox relay, shortly after the pass
    expect(
      await eventually(
        () => eventsFor(UserReactivated.type, clientId),
        (e) => e.length > 0,
      ),
    ).toHaveLength(1);

    const staffView = () => presence(['staff', 'staff.employee'], 'staff', colleagueId, colleague.lastName);
    expect(await eventually(staffView, (p) => p.searched && p.listed, 10_000)).toEqual(everywhere);
    const clientView = () => presence(['clients', 'client.member'], 'client', clientId, client.lastName);
    expect(await eventually(clientView, (p) => p.searched && p.listed, 10_000)).toEqual(everywhere);
    const seen = await json<{ displayName: string }>(
      await call('clients', 'client.member', 'GET', `/api/client/v1/people/${clientId}`),
    );
    expect(seen.displayName).toBe(`Klaas ${client.lastName}`);
  });

  it('deleted from Keycloak: removed after a complete pass, gone from the smoelenboek and search', async () => {
    await deleteKeycloakUser(colleague);
    const reports = await sync.runOnce();
    expect(reports.map((r) => [r.realm, r.deactivated, r.complete])).toEqual([
      ['staff', 1, true],
      ['clients', 0, true],
    ]);
    expect(await userOf(colleague)).toMatchObject({ account_state: 'removed' });
    expect(await userOf(client)).toMatchObject({ account_state: 'active' });
    // the relay publishes the removal on its next tick after the pass: wait for it, with a deadline
    const reasons = (
      await eventually(
        () => eventsFor(UserDeactivated.type, colleagueId),
        (e) => e.length >= 2,
      )
    ).map((e) => (e.envelope.data as { reason: string }).reason);
    expect(reasons).toEqual(['disabled', 'removed']);
    const staffView = () => presence(['staff', 'staff.employee'], 'staff', colleagueId, colleague.lastName);
    expect(await eventually(staffView, (p) => !p.searched && !p.listed, 10_000)).toEqual(nowhere);
  });
});
