import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  PleinError,
  type Principal,
  ProfileUpdated,
  type Team,
  TeamCreated,
  TeamDeleted,
  type TeamInput,
  TeamMemberAdded,
  TeamMemberRemoved,
  type TeamPatch,
  TeamUpdated,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { conflict, requireEditor, uniquely } from './editors.js';
import { projectPerson } from './person.projection.js';
import { SERVICE, assertExist, loadProfiles, recordProfileEvent } from './profile.store.js';
import type { TeamRecord } from './entities/team.entity.js';
import { TeamRepository } from './repositories/team.repository.js';

/** Result-oriented teams and who is in them. Editors and admins manage them. */
@Injectable()
export class TeamService {
  constructor(private readonly em: EntityManager) {}

  async list(location: string | undefined, viewer: Principal) {
    const rows = await new TeamRepository(this.em).list(location);
    const staffView = viewer.intranet === 'staff';
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        purpose: r.purpose,
        locations: r.locations,
        // Who is in which team is shown on the staff intranet only.
        memberCount: staffView ? r.member_count : 0,
        lead: staffView && r.lead_id && r.lead_name ? { id: r.lead_id, displayName: r.lead_name } : null,
      })),
    };
  }

  async get(id: string, viewer: Principal, em: EntityManager = this.em): Promise<Team> {
    const teams = new TeamRepository(em);
    const row = await teams.row(id);
    if (!row) throw notFound('No such team');
    if (viewer.intranet !== 'staff') {
      return {
        id: row.id,
        name: row.name,
        purpose: row.purpose,
        locations: row.locations,
        lead: null,
        members: [],
      };
    }
    const members = (await loadProfiles(em, await teams.memberIds(id))).flatMap(
      (p) => projectPerson(viewer, p) ?? [],
    );
    const lead = row.lead_id ? (members.find((m) => m.id === row.lead_id) ?? null) : null;
    const leadPerson =
      lead ??
      (row.lead_id
        ? ((await loadProfiles(em, [row.lead_id])).map((p) => projectPerson(viewer, p))[0] ?? null)
        : null);
    return {
      id: row.id,
      name: row.name,
      purpose: row.purpose,
      locations: row.locations,
      lead: leadPerson,
      members,
    };
  }

  async create(input: z.infer<typeof TeamInput>, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const teams = new TeamRepository(tx);
      await assertExist(tx, 'locations', input.locations, 'locations');
      if (input.lead) await this.assertStaff(teams, input.lead);
      const taken = `There is already a team called ${input.name}`;
      if (await teams.nameTaken(input.name)) throw conflict(taken);
      const team = await uniquely(
        () => teams.create({ name: input.name, purpose: input.purpose, leadId: input.lead }),
        taken,
      );
      await teams.setLocations(team.id, input.locations);
      recordEvent(
        tx,
        TeamCreated,
        {
          id: team.id,
          name: input.name,
          purpose: input.purpose,
          locationIds: input.locations,
          leadId: input.lead,
        },
        SERVICE,
      );
      if (input.lead) await this.enrol(tx, teams, team, input.lead);
      return this.get(team.id, viewer, tx);
    });
  }

  async update(id: string, patch: z.infer<typeof TeamPatch>, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const teams = new TeamRepository(tx);
      const team = await teams.findForUpdate(id);
      if (!team) throw notFound('No such team');
      if (patch.locations) await assertExist(tx, 'locations', patch.locations, 'locations');
      if (patch.lead) await this.assertStaff(teams, patch.lead);
      const name = patch.name ?? team.name;
      const taken = `There is already a team called ${name}`;
      if (await teams.nameTaken(name, id)) throw conflict(taken);
      const purpose = patch.purpose !== undefined ? patch.purpose : (team.purpose ?? null);
      const lead = patch.lead !== undefined ? patch.lead : (team.leadId ?? null);
      await uniquely(() => teams.update(team, { name, purpose, leadId: lead }), taken);
      if (patch.locations) await teams.setLocations(id, patch.locations);
      if (lead) await this.enrol(tx, teams, team, lead);
      const locationIds = await teams.locationIds(id);
      recordEvent(tx, TeamUpdated, { id, name, purpose, locationIds, leadId: lead }, SERVICE);
      return this.get(id, viewer, tx);
    });
  }

  async delete(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const teams = new TeamRepository(tx);
      const team = await teams.findForUpdate(id);
      if (!team) throw notFound('No such team');
      const teamName = team.name;
      const memberIds = await teams.removeMembers(id);
      for (const userId of memberIds) {
        recordEvent(tx, TeamMemberRemoved, { teamId: id, userId, teamName }, SERVICE);
      }
      await teams.remove(team);
      recordEvent(tx, TeamDeleted, { id, memberIds }, SERVICE);
      for (const userId of memberIds) await recordProfileEvent(tx, ProfileUpdated, userId);
      return { id, deleted: true as const };
    });
  }

  async addMember(id: string, userId: string, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const teams = new TeamRepository(tx);
      const team = await this.lock(teams, id);
      await this.assertStaff(teams, userId);
      await this.enrol(tx, teams, team, userId);
      return this.get(id, viewer, tx);
    });
  }

  async removeMember(id: string, userId: string, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const teams = new TeamRepository(tx);
      const team = await this.lock(teams, id);
      if (await teams.removeMember(id, userId)) {
        if (team.leadId === userId) await teams.clearLead(team);
        recordEvent(tx, TeamMemberRemoved, { teamId: id, userId, teamName: team.name }, SERVICE);
        await recordProfileEvent(tx, ProfileUpdated, userId);
      }
      return this.get(id, viewer, tx);
    });
  }

  private async lock(teams: TeamRepository, id: string): Promise<TeamRecord> {
    const team = await teams.findForUpdate(id);
    if (!team) throw notFound('No such team');
    return team;
  }

  private async assertStaff(teams: TeamRepository, userId: string): Promise<void> {
    const kind = await teams.profileKind(userId);
    if (kind === undefined) throw notFound('No such colleague');
    if (kind !== 'staff') throw new PleinError(422, 'not_staff', 'Only staff are members of a team');
  }

  /** Adds a member once; only an actual addition publishes team.member-added. */
  private async enrol(
    tx: EntityManager,
    teams: TeamRepository,
    team: TeamRecord,
    userId: string,
  ): Promise<void> {
    if (await teams.addMember(team.id, userId)) {
      recordEvent(tx, TeamMemberAdded, { teamId: team.id, userId, teamName: team.name }, SERVICE);
      await recordProfileEvent(tx, ProfileUpdated, userId);
    }
  }
}
