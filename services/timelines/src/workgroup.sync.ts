import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GroupMemberAdded,
  TeamCreated,
  TeamDeleted,
  TeamMemberAdded,
  TeamMemberRemoved,
  TeamUpdated,
} from '@plein/contracts';
import { type ConsumerSpec, recordEvent } from '@plein/messaging';
import { type GroupRecord, TeamMembershipEntity } from './entities/group.entity.js';
import { GroupRepository } from './repositories/group.repository.js';
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
 * Each handler first takes the team's lock (`GroupRepository.lockTeam`): under it the reads below and the writes
 * after them cannot interleave with another event of the team.
 */
/**
 * The team's workgroup, created when this is the first event about the team. A team event (`at` given) sets
 * the name and description unless a newer team event already did. A member event only names a workgroup it
 * has to create, with no time: it carries no description, so the team's own events, older or newer, still
 * describe it.
 */
async function workgroupOf(
  em: EntityManager,
  team: { id: string; name: string; purpose: string | null },
  at: Date | null,
): Promise<GroupRecord> {
  const groups = new GroupRepository(em);
  const current = await groups.workgroupOf(team.id);
  if (!current)
    return groups.createWorkgroup({
      teamId: team.id,
      name: team.name,
      description: team.purpose ?? '',
      teamSyncedAt: at,
      archivedAt: null,
    });
  if (at && (!current.teamSyncedAt || current.teamSyncedAt <= at)) {
    current.name = team.name;
    current.description = team.purpose ?? '';
    current.teamSyncedAt = at;
    await groups.flush();
  }
  return current;
}

/** Records the newest membership event per (team, person); false when a newer one was already applied. */
async function newestMembership(
  em: EntityManager,
  teamId: string,
  userId: string,
  member: boolean,
  at: Date,
): Promise<boolean> {
  const current = await em.findOne(TeamMembershipEntity, { teamId, userId });
  if (current && current.at >= at) return false;
  if (current) Object.assign(current, { member, at });
  else em.create(TeamMembershipEntity, { teamId, userId, member, at });
  await em.flush();
  return true;
}

export async function teamChanged(
  em: EntityManager,
  team: { id: string; name: string; purpose: string | null },
  at: string,
): Promise<void> {
  await new GroupRepository(em).lockTeam(team.id);
  await workgroupOf(em, team, new Date(at));
}

export async function teamMemberAdded(
  em: EntityManager,
  data: { teamId: string; userId: string; teamName: string },
  at: string,
): Promise<void> {
  await new GroupRepository(em).lockTeam(data.teamId);
  if (!(await newestMembership(em, data.teamId, data.userId, true, new Date(at)))) return;
  const group = await workgroupOf(em, { id: data.teamId, name: data.teamName, purpose: null }, null);
  if (group.archivedAt) return;
  // requested/invited cannot happen in a workgroup, but if they did, the team decides: a member
  const groups = new GroupRepository(em);
  const state = await groups.state(group.id, data.userId);
  if (state === 'admin' || state === 'member') return;
  await groups.setState(group.id, data.userId, 'member');
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
  await new GroupRepository(em).lockTeam(data.teamId);
  if (!(await newestMembership(em, data.teamId, data.userId, false, new Date(at)))) return;
  const groups = new GroupRepository(em);
  const group = await groups.workgroupOf(data.teamId);
  if (group && !group.archivedAt) await groups.removeMember(group.id, data.userId);
}

export async function teamDeleted(
  em: EntityManager,
  data: { id: string; memberIds: string[] },
  at: string,
): Promise<void> {
  await new GroupRepository(em).lockTeam(data.id);
  const when = new Date(at);
  const groups = new GroupRepository(em);
  let group = await groups.workgroupOf(data.id);
  if (!group)
    // A team we never heard of leaves a nameless archive (a tombstone), so late events cannot open it.
    group = await groups.createWorkgroup({
      teamId: data.id,
      name: 'Opgeheven team',
      description: '',
      teamSyncedAt: null,
      archivedAt: when,
    });
  else if (!group.archivedAt) {
    group.archivedAt = when;
    await groups.flush();
  }
  // archived by this event (or by its earlier delivery): only then are the last members let in
  if (group.archivedAt?.getTime() !== when.getTime() || data.memberIds.length === 0) return;
  // The team's last members keep reading the archive (their member-removed events came just before this).
  for (const userId of new Set(data.memberIds))
    if (!(await groups.state(group.id, userId))) await groups.setState(group.id, userId, 'member');
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
