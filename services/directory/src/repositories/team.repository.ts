import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import {
  type TeamRecord,
  TeamEntity,
  TeamLocationEntity,
  TeamMemberEntity,
} from '../entities/team.entity.js';
import { ProfileEntity } from '../entities/profile.entity.js';
import { LocationEntity } from '../entities/location.entity.js';

/** A team as lists and pages show it: its locations, its lead's name and how many active members it has. */
export interface TeamRow {
  id: string;
  name: string;
  purpose: string | null;
  lead_id: string | null;
  lead_name: string | null;
  locations: { id: string; name: string }[];
  member_count: number;
}

/**
 * Teams with their locations and members: the one place that knows how they are stored.
 * Construct it with the `em` of the transaction (or request context) in use.
 */
export class TeamRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every team by name (or those at one location), with locations, lead name and active member count. */
  async list(location: string | undefined): Promise<TeamRow[]> {
    const at = location
      ? (await this.em.find(TeamLocationEntity, { locationId: location })).map((l) => l.teamId)
      : undefined;
    const teams = await this.em.find(TeamEntity, at ? { id: { $in: at } } : {}, {
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      populate: ['activeMemberCount'],
      refresh: true,
    });
    return this.rows(teams);
  }

  async row(id: string): Promise<TeamRow | undefined> {
    const team = await this.em.findOne(
      TeamEntity,
      { id },
      { populate: ['activeMemberCount'], refresh: true },
    );
    return team ? (await this.rows([team]))[0] : undefined;
  }

  /** Teams as lists and pages show them: locations by name, the lead's name while their account stands. */
  private async rows(teams: TeamRecord[]): Promise<TeamRow[]> {
    if (teams.length === 0) return [];
    const ids = teams.map((t) => t.id);
    const links = await this.em.find(TeamLocationEntity, { teamId: { $in: ids } });
    const locations = links.length
      ? await this.em.find(
          LocationEntity,
          { id: { $in: [...new Set(links.map((l) => l.locationId))] } },
          { orderBy: [{ name: 'asc' }, { id: 'asc' }], fields: ['id', 'name'] },
        )
      : [];
    const leadIds = teams.flatMap((t) => (t.leadId ? [t.leadId] : []));
    const leads = leadIds.length
      ? await this.em.find(
          ProfileEntity,
          { userId: { $in: leadIds }, active: true },
          { fields: ['userId', 'displayName'], refresh: true },
        )
      : [];
    return teams.map((t) => {
      const here = new Set(links.filter((l) => l.teamId === t.id).map((l) => l.locationId));
      return {
        id: t.id,
        name: t.name,
        purpose: t.purpose ?? null,
        lead_id: t.leadId ?? null,
        lead_name: leads.find((l) => l.userId === t.leadId)?.displayName ?? null,
        locations: locations.filter((l) => here.has(l.id)).map((l) => ({ id: l.id, name: l.name })),
        member_count: t.activeMemberCount ?? 0,
      };
    });
  }

  /** The team, locked until the transaction ends: changes to a team and its members go one at a time. */
  findForUpdate(id: string): Promise<TeamRecord | null> {
    return this.em.findOne(TeamEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return (await this.em.count(TeamEntity, exceptId ? { name, id: { $ne: exceptId } } : { name })) > 0;
  }

  async create(data: { name: string; purpose: string | null; leadId: string | null }): Promise<TeamRecord> {
    const team = this.em.create(TeamEntity, { id: randomUUID(), ...data });
    await this.em.flush();
    return team;
  }

  async update(
    team: TeamRecord,
    data: { name: string; purpose: string | null; leadId: string | null },
  ): Promise<void> {
    this.em.assign(team, data);
    await this.em.flush();
  }

  /** The team has no lead any more (its lead left it). */
  async clearLead(team: TeamRecord): Promise<void> {
    team.leadId = null;
    await this.em.flush();
  }

  /** Removes the team; its location links go with it (on delete cascade). */
  async remove(team: TeamRecord): Promise<void> {
    this.em.remove(team);
    await this.em.flush();
  }

  /** Replaces where the team works, in the order given (a location named twice is linked once). */
  async setLocations(teamId: string, locationIds: readonly string[]): Promise<void> {
    await this.em.nativeDelete(TeamLocationEntity, { teamId });
    const unique = [...new Set(locationIds)];
    if (unique.length > 0)
      await this.em.insertMany(
        TeamLocationEntity,
        unique.map((locationId) => ({ teamId, locationId })),
      );
  }

  async locationIds(teamId: string): Promise<string[]> {
    const rows = await this.em.find(TeamLocationEntity, { teamId });
    return rows.map((r) => r.locationId);
  }

  /** The team's members in the directory's order (sort name). */
  async memberIds(teamId: string): Promise<string[]> {
    const members = await this.em.find(TeamMemberEntity, { teamId });
    if (members.length === 0) return [];
    const profiles = await this.em.find(
      ProfileEntity,
      { userId: { $in: members.map((m) => m.userId) } },
      { orderBy: [{ sortName: 'asc' }, { userId: 'asc' }], fields: ['userId'] },
    );
    return profiles.map((p) => p.userId);
  }

  /**
   * Adds a member once (an upsert that ignores an existing membership); true only when the person was not
   * a member before. Callers hold the team's lock, so the check and the insert see the same members.
   */
  async addMember(teamId: string, userId: string): Promise<boolean> {
    if (await this.em.findOne(TeamMemberEntity, { teamId, userId })) return false;
    await this.em.upsert(
      TeamMemberEntity,
      { teamId, userId, addedAt: new Date() },
      { onConflictFields: ['teamId', 'userId'], onConflictAction: 'ignore' },
    );
    return true;
  }

  /** Removes a member; true when the person was one. */
  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const member = await this.em.findOne(TeamMemberEntity, { teamId, userId });
    if (!member) return false;
    this.em.remove(member);
    await this.em.flush();
    return true;
  }

  /** Removes every member of the team and says who they were. */
  async removeMembers(teamId: string): Promise<string[]> {
    const members = await this.em.find(TeamMemberEntity, { teamId });
    for (const m of members) this.em.remove(m);
    await this.em.flush();
    return members.map((m) => m.userId);
  }

  /** The teams this person leads have no lead any more (erasure); how many. */
  clearLeadOf(userId: string): Promise<number> {
    return this.em.nativeUpdate(TeamEntity, { leadId: userId }, { leadId: null, updatedAt: new Date() });
  }

  /** The person leaves every team (erasure); how many memberships there were. */
  removeFromAll(userId: string): Promise<number> {
    return this.em.nativeDelete(TeamMemberEntity, { userId });
  }

  /** What kind of person a profile is, or undefined when there is none. */
  async profileKind(userId: string): Promise<string | undefined> {
    return (await this.em.findOne(ProfileEntity, { userId }, { fields: ['kind'] }))?.kind;
  }
}
