import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type EventEnvelope,
  GroupMemberAdded,
  PleinError,
  type Principal,
  TeamCreated,
  TeamDeleted,
  TeamMemberAdded,
  TeamMemberRemoved,
  TeamUpdated,
  TimelinesRpc as R,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TimelinesHarness, timelinesHarness } from './harness.js';

/**
 * The directory's team events, published straight onto JetStream in the orders a real stream can deliver them
 * in across five durable consumers (late, early, twice, malformed), against the real timelines service.
 */
let h: TimelinesHarness;
let nc: NatsConnection;
let rpc: ClientProxy;
let db: pg.Client;

beforeAll(async () => {
  h = await timelinesHarness('directory');
  ({ nc, rpc, db } = h);
});

afterAll(async () => {
  await h?.close();
});

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const publish = (contract: { type: string }, data: unknown, occurredAt: string) =>
  h.publish(contract, data, occurredAt);
const handled = (envelopes: EventEnvelope[]) => h.handled(envelopes);

async function workgroup(teamId: string) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    description: string;
    kind: string;
    workgroup: boolean;
    intranet: string;
    archived: boolean;
  }>(
    `select id, name, description, kind, workgroup, intranet, archived_at is not null as archived
     from timelines.groups where team_id = $1`,
    [teamId],
  );
  return rows[0];
}

async function members(teamId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    `select m.user_id from timelines.group_members m join timelines.groups g on g.id = m.group_id
     where g.team_id = $1 and m.state in ('admin', 'member') order by m.user_id`,
    [teamId],
  );
  return rows.map((r) => r.user_id);
}

async function memberAddedEvents(groupId: string) {
  const { rows } = await db.query<{ data: { userId: string; byUserId: string | null; teamId: string } }>(
    `select envelope->'data' as data from timelines.outbox where type = $1 and envelope->'data'->>'groupId' = $2`,
    [GroupMemberAdded.type, groupId],
  );
  return rows.map((r) => r.data);
}

const staffPrincipal = (userId: string): Principal => ({
  realm: 'staff',
  intranet: 'staff',
  userId,
  subject: userId,
  username: `medewerker.${userId.slice(0, 4)}`,
  displayName: 'Medewerker',
  roles: ['employee'],
  groupIds: [],
});

describe('workgroups from the directory teams, whatever order the events come in', () => {
  it('the newest name wins, membership follows the newest event per person, redeliveries and bad events change nothing', async () => {
    const team = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const sent = [
      await publish(
        TeamUpdated,
        { id: team, name: 'Team Nieuw', purpose: 'Nieuw doel', locationIds: [], leadId: null },
        at(5),
      ),
      await publish(TeamMemberAdded, { teamId: team, userId: a, teamName: 'Team Oud' }, at(1)),
      await publish(
        TeamCreated,
        { id: team, name: 'Team Oud', purpose: 'Oud doel', locationIds: [], leadId: null },
        at(0),
      ),
      // b leaves (4) before the news of b joining (3) arrives
      await publish(TeamMemberRemoved, { teamId: team, userId: b, teamName: 'Team Nieuw' }, at(4)),
    ];
    // the two durables are independent: "arrives before" is made sure of, not left to which one runs first
    await handled(sent);
    sent.push(await publish(TeamMemberAdded, { teamId: team, userId: b, teamName: 'Team Oud' }, at(3)));
    // a malformed event is terminated, and does not hold up the ones after it
    await publish(TeamMemberAdded, { teamId: team, userId: 'niet-een-id' }, at(2));
    sent.push(await publish(TeamMemberAdded, { teamId: team, userId: c, teamName: 'Team Oud' }, at(2)));
    await handled(sent);

    const group = await workgroup(team);
    expect(group).toMatchObject({
      name: 'Team Nieuw',
      description: 'Nieuw doel',
      kind: 'closed',
      workgroup: true,
      intranet: 'staff',
      archived: false,
    });
    expect(await members(team)).toEqual([a, c].sort());
    const events = await memberAddedEvents(group!.id);
    expect(events.map((e) => e.userId).sort()).toEqual([a, c].sort());
    expect(events.every((e) => e.byUserId === null && e.teamId === team)).toBe(true);

    // JetStream redelivers the same event (another message id gets past the stream's dedup): handled once
    const again = sent[1]!;
    await jetstream(nc).publish(again.type, JSON.stringify(again), { msgID: `${again.id}-again` });
    const barrier = await publish(
      TeamMemberAdded,
      { teamId: team, userId: a, teamName: 'Team Nieuw' },
      at(6),
    );
    await handled([barrier]);
    expect(await members(team)).toEqual([a, c].sort());
    expect(await memberAddedEvents(group!.id)).toHaveLength(2);

    // nobody joins a workgroup by hand: the team decides
    await expect(callRpc(rpc, R.addMember, { groupId: group!.id }, staffPrincipal(b))).rejects.toMatchObject({
      status: 409,
      code: 'workgroup_follows_team',
    });
    expect(await members(team)).toEqual([a, c].sort());
  });

  it('a member event that comes before its team names the workgroup, and the older team event still describes it', async () => {
    const team = randomUUID();
    const a = randomUUID();
    const first = await publish(TeamMemberAdded, { teamId: team, userId: a, teamName: 'Team Buurt' }, at(1));
    await handled([first]);
    expect(await workgroup(team)).toMatchObject({ name: 'Team Buurt', description: '' });
    await handled([
      await publish(
        TeamCreated,
        { id: team, name: 'Team Buurt', purpose: 'Samen zorgen voor de wijk', locationIds: [], leadId: null },
        at(0),
      ),
    ]);
    expect(await workgroup(team)).toMatchObject({
      name: 'Team Buurt',
      description: 'Samen zorgen voor de wijk',
    });
    expect(await members(team)).toEqual([a]);
  });

  it('a deleted team archives its workgroup for its last members, whatever comes late', async () => {
    const team = randomUUID();
    const [a, b, late] = [randomUUID(), randomUUID(), randomUUID()];
    await handled([
      await publish(
        TeamCreated,
        { id: team, name: 'Team Inloop', purpose: null, locationIds: [], leadId: null },
        at(0),
      ),
      await publish(TeamMemberAdded, { teamId: team, userId: a, teamName: 'Team Inloop' }, at(1)),
      await publish(TeamMemberAdded, { teamId: team, userId: b, teamName: 'Team Inloop' }, at(2)),
    ]);
    const group = (await workgroup(team))!;
    // deleted (10) arrives before the member-removed it comes with (9) and a member-added from before (8)
    await handled([await publish(TeamDeleted, { id: team, memberIds: [a, b] }, at(10))]);
    await handled([
      await publish(TeamMemberRemoved, { teamId: team, userId: a, teamName: 'Team Inloop' }, at(9)),
      await publish(TeamMemberAdded, { teamId: team, userId: late, teamName: 'Team Inloop Oost' }, at(8)),
      await publish(
        TeamUpdated,
        { id: team, name: 'Team Inloop Oost', purpose: null, locationIds: [], leadId: null },
        at(7),
      ),
    ]);
    // the rename (7) came before the deletion (10): the archive has the team's last name
    expect(await workgroup(team)).toMatchObject({ id: group.id, archived: true, name: 'Team Inloop Oost' });
    expect(await members(team)).toEqual([a, b].sort());

    const forA = await callRpc(rpc, R.listGroups, {}, staffPrincipal(a));
    expect(forA.items.find((g) => g.id === group.id)).toMatchObject({
      archived: true,
      teamId: team,
      membership: 'member',
    });
    const forLate = await callRpc(rpc, R.listGroups, {}, staffPrincipal(late));
    expect(forLate.items.find((g) => g.id === group.id)).toBeUndefined();
    const refused = await callRpc(rpc, R.getGroup, { id: group.id }, staffPrincipal(late)).catch(
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(PleinError);
    expect(refused).toMatchObject({ status: 404 });
    await expect(
      callRpc(
        rpc,
        R.createPost,
        { body: 'Nog één ding', audience: 'group', groupId: group.id },
        staffPrincipal(a),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'group_archived' });
  });

  it('a deletion before anything else about the team leaves an archive nobody gets into', async () => {
    const team = randomUUID();
    const someone = randomUUID();
    await handled([await publish(TeamDeleted, { id: team, memberIds: [] }, at(10))]);
    await handled([
      await publish(
        TeamCreated,
        { id: team, name: 'Team Kort', purpose: null, locationIds: [], leadId: null },
        at(0),
      ),
      await publish(TeamMemberAdded, { teamId: team, userId: someone, teamName: 'Team Kort' }, at(1)),
    ]);
    expect(await workgroup(team)).toMatchObject({ archived: true, name: 'Team Kort' });
    expect(await members(team)).toEqual([]);
  });
});
