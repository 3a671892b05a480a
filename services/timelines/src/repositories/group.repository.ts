import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Intranet, Membership } from '@plein/contracts';
import { type GroupRecord, GroupEntity, GroupMemberEntity } from '../entities/group.entity.js';
import {
  type GroupRow,
  groupForReaderQuery,
  groupsForReaderQuery,
  postingGroupQuery,
} from '../group.query.js';

export type { GroupRow };
type State = Membership['state'];

/** Groups and their members: the one place that knows how they are stored. Construct it with the `em` in use. */
export class GroupRepository {
  constructor(private readonly em: EntityManager) {}

  async forReader(readerId: string, id: string): Promise<GroupRow | undefined> {
    const q = groupForReaderQuery(readerId, id);
    const [row] = await this.em.execute<GroupRow[]>(q.sql, q.params);
    return row;
  }

  listForReader(readerId: string, intranet: Intranet): Promise<GroupRow[]> {
    const q = groupsForReaderQuery(readerId, intranet);
    return this.em.execute<GroupRow[]>(q.sql, q.params);
  }

  async forPosting(
    userId: string,
    groupId: string,
  ): Promise<{ intranet: string; kind: string; archived: boolean; state: string | null } | undefined> {
    const q = postingGroupQuery(userId, groupId);
    const [row] = await this.em.execute<
      { intranet: string; kind: string; archived: boolean; state: string | null }[]
    >(q.sql, q.params);
    return row;
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
