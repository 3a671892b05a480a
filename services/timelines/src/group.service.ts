import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { intranetsOf } from '@plein/auth';
import {
  type Group,
  type GroupCreate,
  GroupMemberAdded,
  type Membership,
  PleinError,
  type Principal,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { People, personInactive } from './people.service.js';
import { PersonCards } from './person.cards.js';
import { SERVICE } from './timelines.config.js';

type State = Membership['state'];
interface GroupRow {
  id: string;
  intranet: 'staff' | 'client';
  name: string;
  description: string;
  kind: 'open' | 'closed' | 'secret';
  workgroup: boolean;
  team_id: string | null;
  archived: boolean;
  member_count: number;
  state: State | null;
  following: boolean | null;
}

const GROUP_COLUMNS = `g.id, g.intranet, g.name, g.description, g.kind, g.workgroup, g.team_id,
  g.archived_at is not null as archived,
  (select count(*)::int from timelines.group_members c where c.group_id = g.id and c.state in ('admin', 'member')) as member_count,
  m.state, m.following`;

const toGroup = (g: GroupRow): Group => ({
  id: g.id,
  intranet: g.intranet,
  name: g.name,
  description: g.description,
  kind: g.kind,
  workgroup: g.workgroup,
  memberCount: g.member_count,
  membership: g.state ?? 'none',
  following: isMember(g.state) && g.following === true,
  ...(g.team_id ? { teamId: g.team_id } : {}),
  archived: g.archived,
});

const isMember = (s: State | null | undefined) => s === 'admin' || s === 'member';
const noSuchGroup = () => notFound('No such group');
const managedByTeam = () =>
  new PleinError(
    409,
    'workgroup_follows_team',
    "A workgroup's members are its team's: change the team in the smoelenboek (directory)",
  );

/**
 * Groups and workgroups: open (anyone joins), closed (join on request, admins approve),
 * secret (invitation only; to everyone else it does not exist: 404). A workgroup of a directory team
 * (workgroup.sync.ts) is closed and its members are the team's: nobody joins, adds or removes by hand.
 * An archived workgroup (its team was deleted) exists for its members only.
 * Members follow their groups (the posts come into their home feed) unless they turn that off.
 */
@Injectable()
export class GroupService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: People,
    private readonly cards: PersonCards,
  ) {}

  /** The group as the caller may know it, or 404 (other intranet; secret and not a member or invited). */
  async visibleGroup(principal: Principal, id: string, em: EntityManager = this.em): Promise<GroupRow> {
    const [g] = await em.execute<GroupRow[]>(
      `select ${GROUP_COLUMNS} from timelines.groups g
       left join timelines.group_members m on m.group_id = g.id and m.user_id = ? where g.id = ?`,
      [principal.userId, id],
    );
    if (
      !g ||
      g.intranet !== principal.intranet ||
      (g.kind === 'secret' && !g.state) ||
      (g.archived && !isMember(g.state))
    )
      throw noSuchGroup();
    return g;
  }

  async get(principal: Principal, id: string): Promise<Group> {
    return toGroup(await this.visibleGroup(principal, id));
  }

  async list(principal: Principal): Promise<{ items: Group[] }> {
    const rows = await this.em.execute<GroupRow[]>(
      `select ${GROUP_COLUMNS} from timelines.groups g
       left join timelines.group_members m on m.group_id = g.id and m.user_id = ?
       where g.intranet = ? and (g.kind <> 'secret' or m.state is not null)
         and (g.archived_at is null or m.state in ('admin', 'member'))
       order by g.name, g.id limit 500`,
      [principal.userId, principal.intranet],
    );
    return { items: rows.map(toGroup) };
  }

  async create(principal: Principal, input: z.infer<typeof GroupCreate>): Promise<Group> {
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      await tx.execute(
        'insert into timelines.groups (id, intranet, name, description, kind, created_by) values (?, ?, ?, ?, ?, ?)',
        [id, principal.intranet, input.name.trim(), input.description, input.kind, principal.userId],
      );
      await this.setState(tx, id, principal.userId, 'admin', principal.userId);
    });
    return this.get(principal, id);
  }

  /**
   * Without `userId` (or with the caller's own) the caller joins: open → member, invited → member,
   * closed → a request the admins approve, secret without an invitation → 404 (it does not exist for them).
   * With another `userId` a group admin approves that person's request or invites them.
   */
  async addMember(principal: Principal, groupId: string, userId: string | undefined): Promise<Membership> {
    return this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      await tx.execute('select id from timelines.groups where id = ? for update', [groupId]);
      const group = await this.visibleGroup(principal, groupId, tx);
      if (group.team_id) throw managedByTeam();
      const target = userId ?? principal.userId;
      if (target === principal.userId) {
        if (group.state && group.state !== 'requested' && group.state !== 'invited')
          return { groupId, userId: target, state: group.state };
        const next: State = group.state === 'invited' || group.kind === 'open' ? 'member' : 'requested';
        await this.setState(tx, groupId, target, next, principal.userId);
        return { groupId, userId: target, state: next };
      }
      if (group.state !== 'admin') throw forbidden('Only group admins add people');
      const known = await this.people.resolve([target], principal, tx);
      const person = known.get(target);
      // someone the admin may not know of (person rule) gets the same answer as an id that does not exist
      const mayKnow = (await this.cards.book(principal, [target], tx, known)).mayKnow(target);
      if (!person || !mayKnow || !intranetsOf(person.realm).includes(group.intranet))
        throw new PleinError(
          400,
          'person_not_allowed',
          'This person cannot enter the intranet of this group',
        );
      const [current] = await tx.execute<{ state: State }[]>(
        'select state from timelines.group_members where group_id = ? and user_id = ?',
        [groupId, target],
      );
      if (isMember(current?.state)) return { groupId, userId: target, state: current.state };
      // members stay members; nobody whose account was closed is newly invited or let in
      if (!person.active) throw personInactive([target], 'invited to or let into a group');
      const next: State = current?.state === 'requested' ? 'member' : 'invited';
      await this.setState(tx, groupId, target, next, principal.userId);
      return { groupId, userId: target, state: next };
    });
  }

  async members(principal: Principal, groupId: string) {
    const group = await this.visibleGroup(principal, groupId);
    if (!isMember(group.state)) throw forbidden('Only members see who is in this group');
    const rows = await this.em.execute<{ id: string; state: State }[]>(
      `select m.user_id as id, m.state from timelines.group_members m
       where m.group_id = ? and (m.state in ('admin', 'member') or ?::boolean)
       order by m.state, m.user_id limit 2000`,
      [groupId, group.state === 'admin'],
    );
    // members, requests and invitations as the person rule lets the reader know them; nobody to them: left out
    const people = await this.cards.book(
      principal,
      rows.map((r) => r.id),
    );
    const order: State[] = ['admin', 'invited', 'member', 'requested']; // as before: by state's name
    const items = rows.flatMap((r) => {
      const card = people.card(r.id);
      return card ? [{ ...card, state: r.state }] : [];
    });
    items.sort(
      (a, b) =>
        order.indexOf(a.state) - order.indexOf(b.state) ||
        a.displayName.localeCompare(b.displayName, 'nl') ||
        a.id.localeCompare(b.id),
    );
    return { items };
  }

  /** Leave (oneself) or remove (an admin); also withdraws a request or an invitation. */
  async removeMember(principal: Principal, groupId: string, userId: string): Promise<{ ok: true }> {
    const group = await this.visibleGroup(principal, groupId);
    if (group.team_id) throw managedByTeam();
    if (userId !== principal.userId && group.state !== 'admin')
      throw forbidden('Only group admins remove people');
    await this.em.execute('delete from timelines.group_members where group_id = ? and user_id = ?', [
      groupId,
      userId,
    ]);
    return { ok: true };
  }

  /**
   * Following a group = its posts come into my home feed. Only members follow: a group's posts are for its
   * members (the one visibility rule), so following could never show a non-member anything. Idempotent.
   */
  async follow(principal: Principal, groupId: string, following: boolean): Promise<{ ok: true }> {
    const group = await this.visibleGroup(principal, groupId);
    if (!isMember(group.state)) {
      if (!following) return { ok: true }; // not a member: already not following
      throw new PleinError(
        403,
        'not_a_member',
        'Only members follow a group: its posts are for its members. Join the group first',
      );
    }
    await this.em.execute(
      `update timelines.group_members set following = ?
       where group_id = ? and user_id = ? and following <> ?`,
      [following, groupId, principal.userId, following],
    );
    return { ok: true };
  }

  private async setState(
    tx: EntityManager,
    groupId: string,
    userId: string,
    state: State,
    by: string,
  ): Promise<void> {
    await tx.execute(
      `insert into timelines.group_members (group_id, user_id, state) values (?, ?, ?)
       on conflict (group_id, user_id) do update set state = excluded.state`,
      [groupId, userId, state],
    );
    if (state === 'admin' || state === 'member')
      recordEvent(tx, GroupMemberAdded, { groupId, userId, role: state, byUserId: by }, SERVICE);
  }
}
