import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@plein/config';
import { UserProvisioned, UserUpdated } from '@plein/contracts';
import { serviceOrmConfig } from '@plein/persistence';
import { recreateTestDatabase, testEnv } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStateService } from '../services/identity/src/account-state.service.js';
import { identityDatabase } from '../services/identity/src/identity.config.js';
import { KeycloakAdminClient } from '../services/identity/src/keycloak-admin.client.js';
import { KeycloakSync } from '../services/identity/src/keycloak-sync.service.js';
import { migrateIdentity } from '../services/identity/src/migrate.js';
import { UserProvisioningService } from '../services/identity/src/user-provisioning.service.js';
import {
  SYNC_CLIENT,
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';

/**
 * The identity service's Keycloak sync against the real Keycloak, in a database of its own (so the rest of
 * the run keeps users that have never been seen, for the first-login tests). The events are checked in the
 * outbox, which the relay publishes as it does for every other event.
 */
let orm: MikroORM;
let sync: KeycloakSync;
let staffPerson: TestPerson;
let clientPerson: TestPerson;

beforeAll(async () => {
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `${url.pathname}_kcsync`;
  await recreateTestDatabase(url.toString());
  await migrateIdentity(url.toString());
  orm = await MikroORM.init(serviceOrmConfig(identityDatabase(url.toString())));
  sync = new KeycloakSync(
    new KeycloakAdminClient({
      baseUrl: testEnv().keycloakUrl,
      clientId: SYNC_CLIENT.id,
      clientSecret: SYNC_CLIENT.secret,
      pageSize: 7,
    }),
    {
      ensure: (claims) => new UserProvisioningService(orm.em.fork()).ensure(claims),
      known: (realm) => new AccountStateService(orm.em.fork()).known(realm),
      setState: (realm, subject, state) => new AccountStateService(orm.em.fork()).set(realm, subject, state),
    },
    ['staff', 'clients'],
    60_000,
    createLogger('sync-test', 'silent'),
  );
  staffPerson = await createKeycloakUser('staff', 'Grietje', 'Nooitingelogd', ['mentor']);
  clientPerson = await createKeycloakUser('clients', 'Henk', 'Nooitgezien');
});

afterAll(async () => {
  await sync?.stop();
  if (staffPerson) await deleteKeycloakUser(staffPerson);
  if (clientPerson) await deleteKeycloakUser(clientPerson);
  await orm?.close(true);
});

const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(query, params);

async function keycloakPeople(realm: 'staff' | 'clients') {
  const users = (await (await keycloakAdmin(realm, '/users?max=10000&briefRepresentation=true')).json()) as {
    id: string;
    username: string;
  }[];
  return users.filter((u) => !u.username.startsWith('service-account-'));
}

describe('Keycloak sync', () => {
  it('one pass provisions everyone in both realms (paged), with their realm roles, one provisioned event each', async () => {
    const before = { staff: await keycloakPeople('staff'), clients: await keycloakPeople('clients') };
    expect(before.staff.length).toBeGreaterThanOrEqual(6);
    const reports = await sync.runOnce();
    expect(reports.map((r) => r.realm)).toEqual(['staff', 'clients']);
    expect(reports.every((r) => r.failed === 0)).toBe(true);

    const rows = await sql<{
      id: string;
      realm: string;
      subject: string;
      username: string;
      display_name: string;
      email: string | null;
      roles: string[];
    }>('select id, realm, subject, username, display_name, email, roles from identity.users');
    const known = new Set(rows.map((r) => `${r.realm}/${r.subject}`));
    for (const realm of ['staff', 'clients'] as const) {
      for (const u of before[realm])
        expect(known.has(`${realm}/${u.id}`), `${realm}/${u.username}`).toBe(true);
    }
    expect(rows.some((r) => r.username.startsWith('service-account-'))).toBe(false);
    expect(rows.find((r) => r.subject === staffPerson.subject)).toMatchObject({
      realm: 'staff',
      username: staffPerson.username,
      display_name: 'Grietje Nooitingelogd',
      email: `${staffPerson.username}@plein.example`,
      roles: ['employee', 'mentor'],
    });
    expect(rows.find((r) => r.subject === clientPerson.subject)).toMatchObject({
      realm: 'clients',
      roles: ['client'],
    });
    expect(rows.find((r) => r.username === 'staff.admin')?.roles).toEqual(['admin', 'employee']);

    const events = await sql<{ user_id: string; type: string }>(
      `select envelope->'data'->>'userId' as user_id, type from identity.outbox`,
    );
    expect(events.every((e) => e.type === UserProvisioned.type)).toBe(true);
    expect(events.map((e) => e.user_id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('a second pass changes nothing; a rename in Keycloak gives one user.updated and the new name', async () => {
    const count = async () =>
      (await sql<{ n: number }>('select count(*)::int as n from identity.outbox'))[0]!.n;
    const before = await count();
    await sync.runOnce();
    expect(await count()).toBe(before);

    const renamed = await keycloakAdmin('staff', `/users/${staffPerson.subject}`, {
      method: 'PUT',
      body: JSON.stringify({
        firstName: 'Margriet',
        lastName: 'Nooitingelogd',
        email: `${staffPerson.username}@plein.example`,
      }),
    });
    expect(renamed.status).toBe(204);
    await sync.runOnce();
    const [row] = await sql<{ id: string; display_name: string }>(
      'select id, display_name from identity.users where realm = ? and subject = ?',
      ['staff', staffPerson.subject],
    );
    expect(row!.display_name).toBe('Margriet Nooitingelogd');
    const updates = await sql<{ data: { userId: string; displayName: string; roles: string[] } }>(
      `select envelope->'data' as data from identity.outbox where type = ?`,
      [UserUpdated.type],
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data).toMatchObject({
      userId: row!.id,
      displayName: 'Margriet Nooitingelogd',
      roles: ['employee', 'mentor'],
    });
    await sync.runOnce();
    expect(await count()).toBe(before + 1);
  });
});
