import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import {
  DirectoryRpc as R,
  type EventEnvelope,
  type Principal,
  ProfileCreated,
  ProfileUpdated,
  TeamMemberAdded,
  UserDeactivated,
  UserProvisioned,
  UserReactivated,
  UserUpdated,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { type ServiceHarness, serviceHarness } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectory } from '../src/bootstrap.js';
import { loadDirectoryConfig } from '../src/directory.config.js';

/**
 * The real directory service on the test database and NATS: identity's events published straight onto
 * JetStream in the orders its durable consumers can see them in (late, early, twice), and its RPCs asked as the
 * gateway asks them. Every answer is checked against the rows it wrote and the events it recorded.
 */
let h: ServiceHarness;
let rpc: ClientProxy;
let db: pg.Client;

beforeAll(async () => {
  h = await serviceHarness({
    schema: 'directory',
    source: 'identity',
    user: 'directory',
    start: ({ databaseUrl, nats }) =>
      startDirectory(loadDirectoryConfig({ DATABASE_URL: databaseUrl, ...nats, LOG_LEVEL: 'error' })),
  });
  ({ rpc, db } = h);
});

afterAll(async () => {
  await h?.close();
});

const T0 = Date.parse('2026-12-20T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const staff = (userId: string, roles: Principal['roles'] = ['employee']): Principal => ({
  realm: 'staff',
  intranet: 'staff',
  userId,
  subject: userId,
  username: `medewerker.${userId.slice(0, 8)}`,
  displayName: 'Medewerker',
  roles,
  groupIds: [],
});

const provisioned = (userId: string, displayName: string, seconds = 0): Promise<EventEnvelope> =>
  h.publish(
    UserProvisioned,
    {
      userId,
      realm: 'staff',
      subject: userId,
      username: `u.${userId.slice(0, 8)}`,
      displayName,
      email: `${userId.slice(0, 8)}@plein.example`,
    },
    at(seconds),
  );

async function profile(userId: string) {
  const { rows } = await db.query<{
    display_name: string;
    first_name: string;
    last_name: string;
    active: boolean;
  }>('select display_name, first_name, last_name, active from directory.profiles where user_id = $1', [
    userId,
  ]);
  return rows[0];
}

async function outboxTypes(key: string, value: string): Promise<string[]> {
  const { rows } = await db.query<{ type: string }>(
    `select type from directory.outbox where envelope->'data'->>$1 = $2 order by seq`,
    [key, value],
  );
  return rows.map((r) => r.type);
}

describe("identity's events", () => {
  it('a provisioned person gets one profile (and one profile.created event), however often the event comes', async () => {
    const anna = randomUUID();
    const event = await provisioned(anna, 'Anna de Vries');
    // the same news again in a second event (the inbox covers true redeliveries; this is the handler's own care)
    await h.publish(UserProvisioned, event.data, event.occurredAt).then(async (second) => {
      await h.handled([event, second]);
    });
    expect(await profile(anna)).toEqual({
      display_name: 'Anna de Vries',
      first_name: 'Anna',
      last_name: 'de Vries',
      active: true,
    });
    expect(await outboxTypes('userId', anna)).toEqual([ProfileCreated.type]);
    const person = await callRpc(rpc, R.getPerson, { id: anna }, staff(randomUUID()));
    expect(person).toMatchObject({ id: anna, kind: 'staff', displayName: 'Anna de Vries' });
  });

  it('the newest name wins whatever order the events come in', async () => {
    const bram = randomUUID();
    const data = (displayName: string) => ({
      userId: bram,
      realm: 'staff',
      subject: bram,
      username: `u.${bram.slice(0, 8)}`,
      displayName,
      roles: ['employee'],
    });
    // the update of 20 s arrives before the provisioning of 0 s, and an older update of 10 s after both
    await h.handled([await h.publish(UserUpdated, data('Bram Jansen'), at(20))]);
    await h.handled([await provisioned(bram, 'Bram Bakker', 0)]);
    await h.handled([await h.publish(UserUpdated, data('Bram Smit'), at(10))]);
    expect(await profile(bram)).toMatchObject({ display_name: 'Bram Jansen', last_name: 'Jansen' });
  });

  it('a deactivated person leaves the directory and comes back reactivated; a stale event changes nothing', async () => {
    const carla = randomUUID();
    await h.handled([await provisioned(carla, 'Carla Smit')]);
    const viewer = staff(randomUUID());
    await h.handled([
      await h.publish(UserDeactivated, { userId: carla, realm: 'staff', reason: 'disabled' }, at(30)),
    ]);
    expect((await profile(carla))?.active).toBe(false);
    await expect(callRpc(rpc, R.getPerson, { id: carla }, viewer)).rejects.toMatchObject({ status: 404 });
    // a reactivation older than the deactivation is stale
    await h.handled([await h.publish(UserReactivated, { userId: carla, realm: 'staff' }, at(20))]);
    expect((await profile(carla))?.active).toBe(false);
    await h.handled([await h.publish(UserReactivated, { userId: carla, realm: 'staff' }, at(40))]);
    expect((await profile(carla))?.active).toBe(true);
    expect(await callRpc(rpc, R.getPerson, { id: carla }, viewer)).toMatchObject({
      displayName: 'Carla Smit',
    });
    expect(await outboxTypes('userId', carla)).toEqual([
      ProfileCreated.type,
      ProfileUpdated.type,
      ProfileUpdated.type,
    ]);
  });
});

describe('organisation RPCs', () => {
  it('an editor builds a location and a team with a member; an employee may not; bad input writes nothing', async () => {
    const [editorId, member, employee] = [randomUUID(), randomUUID(), randomUUID()];
    await h.handled([
      await provisioned(editorId, 'Eva Redacteur'),
      await provisioned(member, 'Mohamed El Amrani'),
      await provisioned(employee, 'Lotte Visser'),
    ]);
    const editor = staff(editorId, ['employee', 'editor']);
    const location = await callRpc(
      rpc,
      R.createLocation,
      {
        name: `Inloophuis De Haven ${editorId.slice(0, 4)}`,
        kind: 'inloophuis',
        address: { street: 'Havenstraat 12', postalCode: '1011 AB', city: 'Amsterdam' },
        description: null,
      },
      editor,
    );
    const team = await callRpc(
      rpc,
      R.createTeam,
      {
        name: `Team Schuldhulp ${editorId.slice(0, 4)}`,
        purpose: null,
        locations: [location.id],
        lead: null,
      },
      editor,
    );
    const withMember = await callRpc(rpc, R.addTeamMember, { id: team.id, userId: member }, editor);
    expect(withMember.members.map((m) => m.id)).toEqual([member]);
    expect(withMember.locations.map((l) => l.id)).toEqual([location.id]);
    const { rows } = await db.query<{ user_id: string }>(
      'select user_id from directory.team_members where team_id = $1',
      [team.id],
    );
    expect(rows.map((r) => r.user_id)).toEqual([member]);
    expect(await outboxTypes('teamId', team.id)).toContain(TeamMemberAdded.type);
    expect(
      (await callRpc(rpc, R.getLocation, { id: location.id }, staff(employee))).teams.map((t) => t.id),
    ).toEqual([team.id]);

    await expect(
      callRpc(rpc, R.addTeamMember, { id: team.id, userId: employee }, staff(employee)),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      callRpc(rpc, R.createTeam, { name: '', purpose: null, locations: [], lead: null }, editor),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      callRpc(
        rpc,
        R.createTeam,
        { name: 'Team Spook', purpose: null, locations: [randomUUID()], lead: null },
        editor,
      ),
    ).rejects.toMatchObject({ status: 400 });
    const teams = await db.query<{ n: number }>(
      `select count(*)::int as n from directory.teams where name = 'Team Spook'`,
    );
    expect(teams.rows[0]!.n).toBe(0);
    expect((await callRpc(rpc, R.getTeam, { id: team.id }, editor)).members.map((m) => m.id)).toEqual([
      member,
    ]);
  });
});
