import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Intranet, Membership } from '@plein/contracts';

/** A group, or a team's workgroup (`teamId`, kept by workgroup.sync.ts). */
export const GroupEntity = defineEntity({
  name: 'Group',
  tableName: 'groups',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    name: p.text(),
    description: p.text(),
    kind: p.string().$type<'open' | 'closed' | 'secret'>(),
    workgroup: p.boolean(),
    teamId: p.uuid().nullable().unique(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** A workgroup whose team was deleted: read-only, for its members only. */
    archivedAt: p.datetime().nullable(),
    /** When the team event whose name and description the workgroup shows happened. */
    teamSyncedAt: p.datetime().nullable(),
    /** Its members (admins and members; not requests or invitations), counted when it is read. */
    memberCount: p
      .integer()
      .formula(
        (cols) =>
          `(select count(*)::int from timelines.group_members c where c.group_id = ${cols.id} and c.state in ('admin', 'member'))`,
      )
      .persist(false),
  },
});
export type GroupRecord = InstanceType<typeof GroupEntity.class>;

/** Someone's place in a group; `following`: whether its posts come into their home feed. */
export const GroupMemberEntity = defineEntity({
  name: 'GroupMember',
  tableName: 'group_members',
  properties: {
    groupId: p.uuid().primary(),
    userId: p.uuid().primary(),
    state: p.string().$type<Membership['state']>(),
    following: p.boolean().default(true),
  },
});
export type GroupMemberRecord = InstanceType<typeof GroupMemberEntity.class>;

/** The newest team membership event applied per (team, person), so an older one never undoes it. */
export const TeamMembershipEntity = defineEntity({
  name: 'TeamMembership',
  tableName: 'team_memberships',
  properties: {
    teamId: p.uuid().primary(),
    userId: p.uuid().primary(),
    member: p.boolean(),
    at: p.datetime(),
  },
});
