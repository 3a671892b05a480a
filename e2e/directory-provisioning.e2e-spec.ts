import { jetstream } from '@nats-io/jetstream';
import { IdentityRpc, ProfileCreated, ProfileUpdated, UserProvisioned } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { connectTestNats, fetchToken, testEnv, testRpcClient } from '@plein/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryModule } from '../services/directory/src/directory.module.js';
import { eventually, readEvents } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
const nats = () => testRpcClient('gateway');

beforeAll(async () => {
  system = await startSystem();
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await system?.close();
});

const profiles = async (userId: string) =>
  (
    await db.query<{ display_name: string; username: string; email: string | null; kind: string }>(
      'select display_name, username, email, kind from directory.profiles where user_id = $1',
      [userId],
    )
  ).rows;
const directoryEvents = async (type: string, userId: string) =>
  (
    await db.query<{ id: string }>(
      'select id from directory.outbox where type = $1 and envelope->$$data$$->>$$userId$$ = $2',
      [type, userId],
    )
  ).rows;

const claims = (tag: string, displayName: string) => ({
  realm: 'staff' as const,
  subject: `dir-${tag}-${Date.now()}`,
  username: `test.${tag}.${Date.now()}`,
  displayName,
  email: `${tag}@plein.example`,
  roles: ['employee' as const],
});

describe('a user provisioned in identity appears in the directory (event path)', () => {
  it('without any call to the directory, and exactly once when the event is delivered again', async () => {
    const client = nats();
    try {
      // Only identity is called; the directory learns of the user from plein.identity.user.provisioned.
      const user = await callRpc(client, IdentityRpc.ensureUser, claims('event', 'Mirjam van Event'));
      const rows = await eventually(
        () => profiles(user.id),
        (r) => r.length > 0,
        10_000,
      );
      expect(rows).toEqual([
        {
          display_name: 'Mirjam van Event',
          username: user.username,
          email: 'event@plein.example',
          kind: 'staff',
        },
      ]);
      // and the gateway shows them to a colleague
      const token = await fetchToken('staff', 'staff.employee');
      const res = await fetch(`${system.url}/api/staff/v1/people/${user.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: user.id,
        kind: 'staff',
        displayName: 'Mirjam van Event',
        firstName: 'Mirjam',
        lastName: 'van Event',
      });

      // The same event again, as JetStream redelivers after a lost ack (another msg id defeats the stream's dedup).
      const [event] = (await readEvents(UserProvisioned.type)).filter(
        (e) => (e.envelope.data as { userId: string }).userId === user.id,
      );
      expect(event).toBeDefined();
      const nc = await connectTestNats();
      try {
        await jetstream(nc).publish(UserProvisioned.type, JSON.stringify(event!.envelope), {
          msgID: `${event!.envelope.id}-again`,
        });
      } finally {
        await nc.close();
      }
      // A later user as a barrier: the consumer handles in order, so once it is there the duplicate was handled.
      const later = await callRpc(client, IdentityRpc.ensureUser, claims('barrier', 'Barend Barrière'));
      await eventually(
        () => profiles(later.id),
        (r) => r.length > 0,
        10_000,
      );

      expect(await profiles(user.id)).toHaveLength(1);
      expect(await directoryEvents(ProfileCreated.type, user.id)).toHaveLength(1);
      const inbox = await db.query('select 1 from directory.inbox where consumer = $1 and event_id = $2', [
        'directory-profiles',
        event!.envelope.id,
      ]);
      expect(inbox.rows).toHaveLength(1);
      // and handing the consumer the event directly is a no-op too
      const consumer = system.directory.get(DirectoryModule).provisionedConsumer();
      expect(
        await consumer.handleOnce(event!.envelope, UserProvisioned.data.parse(event!.envelope.data)),
      ).toBe(false);
      expect(await profiles(user.id)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('follows a name and e-mail change from identity (plein.identity.user.updated), once', async () => {
    const client = nats();
    try {
      const first = claims('rename', 'Oude Naam');
      const user = await callRpc(client, IdentityRpc.ensureUser, first);
      await eventually(
        () => profiles(user.id),
        (r) => r.length > 0,
        10_000,
      );
      await callRpc(client, IdentityRpc.ensureUser, {
        ...first,
        displayName: 'Nieuwe Naam',
        email: 'nieuw@plein.example',
      });
      const rows = await eventually(
        () => profiles(user.id),
        (r) => r[0]?.display_name === 'Nieuwe Naam',
        10_000,
      );
      expect(rows[0]).toMatchObject({ display_name: 'Nieuwe Naam', email: 'nieuw@plein.example' });
      await eventually(
        () => directoryEvents(ProfileUpdated.type, user.id),
        (r) => r.length > 0,
      );
      expect(await directoryEvents(ProfileUpdated.type, user.id)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
