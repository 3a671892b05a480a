import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Intranet, Membership } from '@plein/contracts';
import { type GroupRecord, GroupEntity, GroupMemberEntity } from '../entities/group.entity.js';
import type { GroupMemberRecord } from '../entities/group.entity.js';
import { teamLockQuery } from '../workgroup.query.js';

/** A group as lists and pages show it: with its member count and the reader's membership. */
export interface GroupRow {
  id: string;
  intranet: 'staff' | 'client';
  name: string;
  description: string;
  kind: 'open' | 'closed' | 'secret';
  workgroup: boolean;
  team_id: string | null;
  archived: boolean;
  member_count: number;
  state: Membership['state'] | null;
  following: boolean | null;
}

const rowOf = (g: GroupRecord, m: GroupMemberRecord | null | undefined): GroupRow => ({
  id: g.id,
  intranet: g.intranet,
  name: g.name,
  description: g.description,
  kind: g.kind,
  workgroup: g.workgroup,
  team_id: g.teamId ?? null,
  archived: !!g.archivedAt,
  member_count: g.memberCount ?? 0,
  state: m?.state ?? null,
  following: m?.following ?? null,
});
type State = Membership['state'];

/** Groups and their members: the one place that knows how they are stored. Construct it with the `em` in use. */
export class GroupRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Holds one directory team's lock until the transaction ends. The five team consumers run concurrently: one
   * team's events are handled one at a time (until commit), so each sees what the previous one wrote (a
   * member-removed racing the team's deletion must not undo the archive). There is no row to lock (the
   * workgroup may not exist yet), so it is PostgreSQL's advisory lock (`workgroup.query.ts`); it writes nothing.
   */
  async lockTeam(teamId: string): Promise<void> {
    const q = teamLockQuery(teamId);
    await this.em.execute(q.sql, q.params);
  }

  /** One group with the reader's membership (the caller decides whether the reader may know it). */
  async forReader(readerId: string, id: string): Promise<GroupRow | undefined> {
    // refresh: the member count and the membership as the database has them now, not as this context saw them
    const group = await this.em.findOne(GroupEntity, { id }, { refresh: true });
    if (!group) return undefined;
    return rowOf(
      group,
      await this.em.findOne(GroupMemberEntity, { groupId: id, userId: readerId }, { refresh: true }),
    );
  }

  /** The groups of an intranet the reader may know (not secret unless in it; archived only for members). */
  async listForReader(readerId: string, intranet: Intranet): Promise<GroupRow[]> {
    const mine = await this.em.find(GroupMemberEntity, { userId: readerId }, { refresh: true });
    const any = mine.map((m) => m.groupId);
    const member = mine.filter((m) => m.state === 'admin' || m.state === 'member').map((m) => m.groupId);
    const groups = await this.em.find(
      GroupEntity,
      {
        intranet,
        $and: [
          { $or: [{ kind: { $ne: 'secret' } }, { id: { $in: any } }] },
          { $or: [{ archivedAt: null }, { id: { $in: member } }] },
        ],
      },
      { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: 500, refresh: true },
    );
    const byGroup = new Map(mine.map((m) => [m.groupId, m]));
    return groups.map((g) => rowOf(g, byGroup.get(g.id)));
  }

  /** What a post's author needs to know of the group they post in: where it is, and their membership. */
  async forPosting(
    userId: string,
    groupId: string,
  ): Promise<{ intranet: string; kind: string; archived: boolean; state: string | null } | undefined> {
    const group = await this.em.findOne(GroupEntity, { id: groupId }, { exclude: ['memberCount'] });
    if (!group) return undefined;
    const m = await this.em.findOne(GroupMemberEntity, { groupId, userId }, { refresh: true });
    return {
      intranet: group.intranet,
      kind: group.kind,
      archived: !!group.archivedAt,
      state: m?.state ?? null,
    };
  }

  /** Locks the group until the transaction ends: membership changes of one group go one at a time. */
  async lock(id: string): Promise<void> {
    await this.em.findOne(GroupEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, fields: ['id'] });
  }

  async create(group: {
    id: string;
    intranet: Intranet;
    name: string;
    description: string;
    kind: 'open' | 'closed' | 'secret';
    createdBy: string;
  }): Promise<GroupRecord> {
    const record = this.em.create(GroupEntity, {
      ...group,
      workgroup: false,
      teamId: null,
      archivedAt: null,
      teamSyncedAt: null,
    });
    await this.em.flush();
    return record;
  }

  async state(groupId: string, userId: string): Promise<State | undefined> {
    return (await this.em.findOne(GroupMemberEntity, { groupId, userId }))?.state;
  }

  /** Sets someone's place in the group (a new member follows the group). */
  async setState(groupId: string, userId: string, state: State): Promise<void> {
    const current = await this.em.findOne(GroupMemberEntity, { groupId, userId });
    if (current) {
      current.state = state;
      await this.em.flush();
      return;
    }
    await this.em.upsert(
      GroupMemberEntity,
      { groupId, userId, state },
      { onConflictFields: ['groupId', 'userId'], onConflictMergeFields: ['state'] },
    );
  }

  /** Members (and, for admins, requests and invitations) by state and id, at most 2000. */
  async members(groupId: string, all: boolean): Promise<{ id: string; state: State }[]> {
    const rows = await this.em.find(
      GroupMemberEntity,
      all ? { groupId } : { groupId, state: { $in: ['admin', 'member'] } },
      { orderBy: [{ state: 'asc' }, { userId: 'asc' }], limit: 2000 },
    );
    return rows.map((r) => ({ id: r.userId, state: r.state }));
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.em.nativeDelete(GroupMemberEntity, { groupId, userId });
  }

  async setFollowing(groupId: string, userId: string, following: boolean): Promise<void> {
    await this.em.nativeUpdate(
      GroupMemberEntity,
      { groupId, userId, following: { $ne: following } },
      { following },
    );
  }

  /** A team's workgroup, if there is one. */
  workgroupOf(teamId: string): Promise<GroupRecord | null> {
    return this.em.findOne(GroupEntity, { teamId });
  }

  /** A new workgroup of a team (closed, in the staff intranet, started by the directory's sync). */
  async createWorkgroup(data: {
    teamId: string;
    name: string;
    description: string;
    teamSyncedAt: Date | null;
    archivedAt: Date | null;
  }): Promise<GroupRecord> {
    const record = this.em.create(GroupEntity, {
      id: randomUUID(),
      intranet: 'staff',
      kind: 'closed',
      workgroup: true,
      createdBy: null,
      ...data,
    });
    await this.em.flush();
    return record;
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}
