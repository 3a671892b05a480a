import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidArrayLiteral } from '@plein/auth';
import {
  GroupMemberAdded,
  TeamCreated,
  TeamDeleted,
  TeamMemberAdded,
  TeamMemberRemoved,
  TeamUpdated,
} from '@plein/contracts';
import { type ConsumerSpec, recordEvent } from '@plein/messaging';
import { SERVICE } from './timelines.config.js';

/**
 * One workgroup per directory team, in the staff intranet: a closed group (`workgroup`, linked by `team_id`)
 * whose members are the team's. The directory's events arrive on five durable consumers, so their order
 * across subjects is not guaranteed; every change therefore carries the time of the event it comes from,
 * and an older event never undoes a newer one:
 * - the name and description follow the newest team event (`groups.team_synced_at`);
 * - membership follows the newest member-added/-removed per person (`team_memberships`);
 * - a deleted team archives its workgroup for good: later (or late) events never reopen it or change who
 *   is in it. Who was in the team when it was deleted stays a member, so they can read back what was said;
 *   nobody else ever can (group posts are for members only), and nobody posts there any more.
 */
interface WorkgroupRow {
  id: string;
  archived: boolean;
}

/**
 * The five consumers run concurrently: one team's events are handled one at a time (until commit), so each
 * sees what the previous one wrote (a member-removed racing the team's deletion must not undo the archive).
 */
async function lockTeam(em: EntityManager, teamId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended('timelines.team:' || ?, 0))`, [teamId]);
}

/**
 * The team's workgroup, created when this is the first event about the team. A team event (`at` given) sets
 * the name and description unless a newer team event already did. A member event only names a workgroup it
 * has to create, with no time: it carries no description, so the team's own events, older or newer, still
 * describe it.
 */
async function workgroupOf(
  em: EntityManager,
  team: { id: string; name: string; purpose: string | null },
  at: string | null,
): Promise<WorkgroupRow> {
  const [row] = await em.execute<WorkgroupRow[]>(
    `insert into timelines.groups (id, intranet, name, description, kind, workgroup, team_id, created_by, team_synced_at)
     values (?, 'staff', ?, coalesce(?, ''), 'closed', true, ?, null, ?::timestamptz)
     on conflict (team_id) do update set
       name = excluded.name, description = excluded.description, team_synced_at = excluded.team_synced_at
     where excluded.team_synced_at is not null
       and (groups.team_synced_at is null or groups.team_synced_at <= excluded.team_synced_at)
     returning id, archived_at is not null as archived`,
    [randomUUID(), team.name, team.purpose, team.id, at],
  );
  if (row) return row;
  // it exists, and a newer team event (or this member event) leaves its name as it is
  const [current] = await em.execute<WorkgroupRow[]>(
    'select id, archived_at is not null as archived from timelines.groups where team_id = ?',
    [team.id],
  );
  return current!;
}

/** Records the newest membership event per (team, person); false when a newer one was already applied. */
async function newestMembership(
  em: EntityManager,
  teamId: string,
  userId: string,
  member: boolean,
  at: string,
): Promise<boolean> {
  const applied = await em.execute(
    `insert into timelines.team_memberships (team_id, user_id, member, at) values (?, ?, ?, ?::timestamptz)
     on conflict (team_id, user_id) do update set member = excluded.member, at = excluded.at
     where team_memberships.at < excluded.at
     returning team_id`,
    [teamId, userId, member, at],
  );
  return applied.length > 0;
}

export async function teamChanged(
  em: EntityManager,
  team: { id: string; name: string; purpose: string | null },
  at: string,
): Promise<void> {
  await lockTeam(em, team.id);
  await workgroupOf(em, team, at);
}

export async function teamMemberAdded(
  em: EntityManager,
  data: { teamId: string; userId: string; teamName: string },
  at: string,
): Promise<void> {
  await lockTeam(em, data.teamId);
  if (!(await newestMembership(em, data.teamId, data.userId, true, at))) return;
  const group = await workgroupOf(em, { id: data.teamId, name: data.teamName, purpose: null }, null);
  if (group.archived) return;
  // requested/invited cannot happen in a workgroup, but if they did, the team decides: a member
  const added = await em.execute(
    `insert into timelines.group_members (group_id, user_id, state) values (?, ?, 'member')
     on conflict (group_id, user_id) do update set state = 'member'
     where group_members.state not in ('admin', 'member')
     returning user_id`,
    [group.id, data.userId],
  );
  if (added.length > 0)
    recordEvent(
      em,
      GroupMemberAdded,
      { groupId: group.id, userId: data.userId, role: 'member', byUserId: null, teamId: data.teamId },
      SERVICE,
    );
}

export async function teamMemberRemoved(
  em: EntityManager,
  data: { teamId: string; userId: string },
  at: string,
): Promise<void> {
  await lockTeam(em, data.teamId);
  if (!(await newestMembership(em, data.teamId, data.userId, false, at))) return;
  await em.execute(
    `delete from timelines.group_members m using timelines.groups g
     where g.id = m.group_id and g.team_id = ? and g.archived_at is null and m.user_id = ?`,
    [data.teamId, data.userId],
  );
}

export async function teamDeleted(
  em: EntityManager,
  data: { id: string; memberIds: string[] },
  at: string,
): Promise<void> {
  await lockTeam(em, data.id);
  // A team we never heard of leaves a nameless archive (a tombstone), so late events cannot open it.
  const [group] = await em.execute<{ id: string; fresh: boolean }[]>(
    `insert into timelines.groups (id, intranet, name, description, kind, workgroup, team_id, created_by, archived_at)
     values (?, 'staff', 'Opgeheven team', '', 'closed', true, ?, null, ?::timestamptz)
     on conflict (team_id) do update set archived_at = coalesce(groups.archived_at, excluded.archived_at)
     returning id, groups.archived_at = ?::timestamptz as fresh`,
    [randomUUID(), data.id, at, at],
  );
  if (!group?.fresh || data.memberIds.length === 0) return;
  // The team's last members keep reading the archive (their member-removed events came just before this).
  await em.execute(
    `insert into timelines.group_members (group_id, user_id, state)
     select ?, unnest(?::uuid[]), 'member' on conflict (group_id, user_id) do nothing`,
    [group.id, uuidArrayLiteral(data.memberIds)],
  );
}

/** The directory's team events, each on its own durable consumer (`timelines-team-*`). */
export const workgroupConsumers = [
  {
    durable: 'timelines-team-created',
    event: TeamCreated,
    handle: (em, d, e) => teamChanged(em, d, e.occurredAt),
  } satisfies ConsumerSpec<typeof TeamCreated.data>,
  {
    durable: 'timelines-team-updated',
    event: TeamUpdated,
    handle: (em, d, e) => teamChanged(em, d, e.occurredAt),
  } satisfies ConsumerSpec<typeof TeamUpdated.data>,
  {
    durable: 'timelines-team-deleted',
    event: TeamDeleted,
    handle: (em, d, e) => teamDeleted(em, d, e.occurredAt),
  } satisfies ConsumerSpec<typeof TeamDeleted.data>,
  {
    durable: 'timelines-team-member-added',
    event: TeamMemberAdded,
    handle: (em, d, e) => teamMemberAdded(em, d, e.occurredAt),
  } satisfies ConsumerSpec<typeof TeamMemberAdded.data>,
  {
    durable: 'timelines-team-member-removed',
    event: TeamMemberRemoved,
    handle: (em, d, e) => teamMemberRemoved(em, d, e.occurredAt),
  } satisfies ConsumerSpec<typeof TeamMemberRemoved.data>,
] as const;
