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
import { type GroupRow, GroupRepository } from './repositories/group.repository.js';
import { SERVICE } from './timelines.config.js';

type State = Membership['state'];

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
    const g = await new GroupRepository(em).forReader(principal.userId, id);
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
    const rows = await new GroupRepository(this.em).listForReader(principal.userId, principal.intranet);
    return { items: rows.map(toGroup) };
  }

  async create(principal: Principal, input: z.infer<typeof GroupCreate>): Promise<Group> {
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      await new GroupRepository(tx).create({
        id,
        intranet: principal.intranet,
        name: input.name.trim(),
        description: input.description,
        kind: input.kind,
        createdBy: principal.userId,
      });
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
      await new GroupRepository(tx).lock(groupId);
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
      const current = await new GroupRepository(tx).state(groupId, target);
      if (current && isMember(current)) return { groupId, userId: target, state: current };
      // members stay members; nobody whose account was closed is newly invited or let in
      if (!person.active) throw personInactive([target], 'invited to or let into a group');
      const next: State = current === 'requested' ? 'member' : 'invited';
      await this.setState(tx, groupId, target, next, principal.userId);
      return { groupId, userId: target, state: next };
    });
  }

  async members(principal: Principal, groupId: string) {
    const group = await this.visibleGroup(principal, groupId);
    if (!isMember(group.state)) throw forbidden('Only members see who is in this group');
    const rows = await new GroupRepository(this.em).members(groupId, group.state === 'admin');
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
    await new GroupRepository(this.em).removeMember(groupId, userId);
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
    await new GroupRepository(this.em).setFollowing(groupId, principal.userId, following);
    return { ok: true };
  }

  private async setState(
    tx: EntityManager,
    groupId: string,
    userId: string,
    state: State,
    by: string,
  ): Promise<void> {
    await new GroupRepository(tx).setState(groupId, userId, state);
    if (state === 'admin' || state === 'member')
      recordEvent(tx, GroupMemberAdded, { groupId, userId, role: state, byUserId: by }, SERVICE);
  }
}
