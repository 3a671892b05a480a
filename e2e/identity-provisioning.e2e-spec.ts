import { IdentityRpc, UserProvisioned } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { decodeJwt, fetchToken, testEnv, testRpcClient } from '@plein/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
const created: TestPerson[] = [];
beforeAll(async () => {
  // Two gateways, as two replicas would be: neither can dedupe the other's first request.
  system = await startSystem({ gateways: 2 });
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
});
afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
});

const userRows = async (realm: string, subject: string) =>
  (
    await db.query<{ id: string; username: string; display_name: string; roles: string[] }>(
      'select id, username, display_name, roles from identity.users where realm = $1 and subject = $2',
      [realm, subject],
    )
  ).rows;

describe('just-in-time provisioning', () => {
  it('the first request, sent twice at the same moment, creates one row and one provisioned event', async () => {
    // A client made for this test: no other test (nor a demo seed, which provisions every demo user) has
    // sent a request for them, so this is their first request in this run, whatever order the files run in.
    const newcomer = await createKeycloakUser('clients', 'Eerste', `Keer${Date.now().toString(36)}`, [
      'client',
    ]);
    created.push(newcomer);
    const token = await fetchToken('clients', newcomer.username);
    const subject = decodeJwt(token)['sub'] as string;
    expect(await userRows('clients', subject)).toHaveLength(0);

    const [a, b] = await Promise.all(
      system.gateways.map((g) =>
        fetch(`${g.url}/api/client/v1/me`, { headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    expect(a!.status).toBe(200);
    expect(b!.status).toBe(200);
    const meA = (await a!.json()) as { id: string };
    const meB = (await b!.json()) as { id: string };
    expect(meA.id).toBe(meB.id);

    const rows = await userRows('clients', subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: meA.id, username: newcomer.username, roles: ['client'] });
    expect(rows[0]!.display_name.length).toBeGreaterThan(0);

    const mine = async () =>
      (await readEvents(UserProvisioned.type)).filter(
        (e) => (e.envelope.data as { userId: string }).userId === meA.id,
      );
    await eventually(mine, (events) => events.length > 0);
    await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up, were there one
    const events = await mine();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.msgId).toBe(event!.envelope.id);
    expect(event!.envelope).toMatchObject({
      type: 'plein.identity.user.provisioned',
      source: 'identity',
      version: 1,
    });
    expect(UserProvisioned.data.parse(event!.envelope.data)).toMatchObject({
      realm: 'clients',
      subject,
      username: newcomer.username,
    });

    const outbox = await db.query('select published_at from identity.outbox where id = $1', [
      event!.envelope.id,
    ]);
    expect(outbox.rows[0]?.published_at).toBeInstanceOf(Date);
  });

  it('twenty concurrent ensure calls for a new subject give one user and one event', async () => {
    const nats = testRpcClient('gateway');
    try {
      const subject = `synthetic-${Date.now()}`;
      const claims = {
        realm: 'staff' as const,
        subject,
        username: `test.${subject}`,
        displayName: 'Test Persoon',
        roles: ['employee' as const],
      };
      const users = await Promise.all(
        Array.from({ length: 20 }, () => callRpc(nats, IdentityRpc.ensureUser, claims)),
      );
      expect(new Set(users.map((u) => u.id)).size).toBe(1);
      expect(await userRows('staff', subject)).toHaveLength(1);
      const mine = async () =>
        (await readEvents(UserProvisioned.type)).filter(
          (e) => (e.envelope.data as { subject: string }).subject === subject,
        );
      await eventually(mine, (events) => events.length > 0);
      await new Promise((r) => setTimeout(r, 500));
      expect(await mine()).toHaveLength(1);
    } finally {
      await nats.close();
    }
  });

  it('a name change in Keycloak is followed without a second provisioned event; foreign roles are dropped', async () => {
    const nats = testRpcClient('gateway');
    try {
      const subject = `rename-${Date.now()}`;
      const first = await callRpc(nats, IdentityRpc.ensureUser, {
        realm: 'clients',
        subject,
        username: 'c.one',
        displayName: 'Eerste Naam',
        roles: ['client'],
      });
      const second = await callRpc(nats, IdentityRpc.ensureUser, {
        realm: 'clients',
        subject,
        username: 'c.one',
        displayName: 'Tweede Naam',
        roles: ['client', 'admin'],
      });
      expect(second).toEqual({ ...first, displayName: 'Tweede Naam', roles: ['client'] });
      expect((await userRows('clients', subject))[0]).toMatchObject({
        display_name: 'Tweede Naam',
        roles: ['client'],
      });
    } finally {
      await nats.close();
    }
  });

  it('a malformed ensure message is refused with 400 and writes nothing', async () => {
    const nats = testRpcClient('gateway');
    try {
      const before = (await db.query('select count(*)::int as n from identity.users')).rows[0].n as number;
      await expect(
        callRpc(nats, IdentityRpc.ensureUser, {
          realm: 'elsewhere',
          subject: '',
          username: 'x',
          displayName: 'x',
          roles: [],
        } as never),
      ).rejects.toMatchObject({ status: 400, code: 'bad_request' });
      await expect(callRpc(nats, IdentityRpc.me, {})).rejects.toMatchObject({ status: 401 });
      expect((await db.query('select count(*)::int as n from identity.users')).rows[0].n).toBe(before);
    } finally {
      await nats.close();
    }
  });
});
