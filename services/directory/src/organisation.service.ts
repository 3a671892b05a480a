import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  FunctionCreated,
  FunctionDeleted,
  type FunctionInput,
  type Location,
  LocationCreated,
  LocationDeleted,
  type LocationInput,
  type LocationPatch,
  LocationUpdated,
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
  forbidden,
  notFound,
} from '@plein/contracts';
import { hasAnyRole } from '@plein/auth';
import { recordEvent } from '@plein/messaging';
import { textArray } from '@plein/persistence';
import type { z } from 'zod';
import { projectPerson } from './person.projection.js';
import { PeopleService } from './people.service.js';
import { SERVICE, assertExist, loadProfiles, recordProfileEvent } from './profile.store.js';

interface LocationRow {
  id: string;
  name: string;
  kind: string;
  street: string;
  postal_code: string;
  city: string;
  description: string | null;
  teams: { id: string; name: string }[];
}
interface TeamRow {
  id: string;
  name: string;
  purpose: string | null;
  lead_id: string | null;
  lead_name: string | null;
  locations: { id: string; name: string }[];
  member_count: number;
}

const LOCATIONS = `
  select l.id, l.name, l.kind, l.street, l.postal_code, l.city, l.description,
         coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
                     from "directory"."team_locations" tl join "directory"."teams" t on t.id = tl.team_id
                    where tl.location_id = l.id), '[]') as teams
    from "directory"."locations" l`;
const TEAMS = `
  select t.id, t.name, t.purpose, t.lead_id, lp.display_name as lead_name,
         coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name, l.id)
                     from "directory"."team_locations" tl join "directory"."locations" l on l.id = tl.location_id
                    where tl.team_id = t.id), '[]') as locations,
         (select count(*)::int from "directory"."team_members" tm
            join "directory"."profiles" mp on mp.user_id = tm.user_id and mp.active
           where tm.team_id = t.id) as member_count
    from "directory"."teams" t left join "directory"."profiles" lp on lp.user_id = t.lead_id and lp.active`;

const toLocation = (r: LocationRow): Location => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  address: { street: r.street, postalCode: r.postal_code, city: r.city },
  description: r.description,
  teams: r.teams,
});

const isEditor = (p: Principal) =>
  p.realm === 'staff' && p.intranet === 'staff' && hasAnyRole(p, ['editor', 'admin']);
const requireEditor = (p: Principal) => {
  if (!isEditor(p)) throw forbidden('Editors and admins manage locations, teams and functions');
};
const conflict = (message: string) => new PleinError(409, 'conflict', message);

/** Locations, result-oriented teams and functions: who works where. Editors and admins manage them. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PeopleService,
  ) {}

  async listLocations() {
    const rows = await this.em.execute<LocationRow[]>(`${LOCATIONS} order by l.name, l.id`);
    return { items: rows.map(toLocation) };
  }

  async getLocation(id: string, viewer: Principal) {
    const [row] = await this.em.execute<LocationRow[]>(`${LOCATIONS} where l.id = ?`, [id]);
    if (!row) throw notFound('No such location');
    const people = await this.people.list({ location: id, limit: 50 }, viewer);
    return { ...toLocation(row), people };
  }

  async createLocation(input: z.infer<typeof LocationInput>, viewer: Principal): Promise<Location> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const id = randomUUID();
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into "directory"."locations" (id, name, kind, street, postal_code, city, description)
         values (?, ?, ?, ?, ?, ?, ?) on conflict (name) do nothing returning id`,
        [
          id,
          input.name,
          input.kind,
          input.address.street,
          input.address.postalCode,
          input.address.city,
          input.description,
        ],
      );
      if (inserted.length === 0) throw conflict(`There is already a location called ${input.name}`);
      const location = await this.location(tx, id);
      recordEvent(
        tx,
        LocationCreated,
        { id, name: location.name, kind: location.kind, teamIds: [] },
        SERVICE,
      );
      return location;
    });
  }

  async updateLocation(
    id: string,
    patch: z.infer<typeof LocationPatch>,
    viewer: Principal,
  ): Promise<Location> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const current = await this.location(tx, id, true);
      const next = {
        name: patch.name ?? current.name,
        kind: patch.kind ?? current.kind,
        address: { ...current.address, ...patch.address },
        description: patch.description !== undefined ? patch.description : current.description,
      };
      const clash = await tx.execute(`select 1 from "directory"."locations" where name = ? and id <> ?`, [
        next.name,
        id,
      ]);
      if (clash.length > 0) throw conflict(`There is already a location called ${next.name}`);
      await tx.execute(
        `update "directory"."locations" set name = ?, kind = ?, street = ?, postal_code = ?, city = ?, description = ?,
           updated_at = now() where id = ?`,
        [
          next.name,
          next.kind,
          next.address.street,
          next.address.postalCode,
          next.address.city,
          next.description,
          id,
        ],
      );
      const location = await this.location(tx, id);
      recordEvent(
        tx,
        LocationUpdated,
        { id, name: location.name, kind: location.kind, teamIds: location.teams.map((t) => t.id) },
        SERVICE,
      );
      return location;
    });
  }

  async deleteLocation(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const affected = await tx.execute<{ user_id: string }[]>(
        `select user_id from "directory"."profile_locations" where location_id = ?`,
        [id],
      );
      const gone = await tx.execute(`delete from "directory"."locations" where id = ? returning id`, [id]);
      if (gone.length === 0) throw notFound('No such location');
      recordEvent(tx, LocationDeleted, { id }, SERVICE);
      for (const a of affected) await recordProfileEvent(tx, ProfileUpdated, a.user_id);
      return { id, deleted: true as const };
    });
  }

  async listTeams(location: string | undefined, viewer: Principal) {
    const rows = await this.em.execute<TeamRow[]>(
      `${TEAMS} ${location ? 'where exists (select 1 from "directory"."team_locations" x where x.team_id = t.id and x.location_id = ?)' : ''}
       order by t.name, t.id`,
      location ? [location] : [],
    );
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

  async getTeam(id: string, viewer: Principal, em: EntityManager = this.em): Promise<Team> {
    const [row] = await em.execute<TeamRow[]>(`${TEAMS} where t.id = ?`, [id]);
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
    const memberIds = await em.execute<{ user_id: string }[]>(
      `select tm.user_id from "directory"."team_members" tm join "directory"."profiles" p on p.user_id = tm.user_id
        where tm.team_id = ? order by p.sort_name, p.user_id`,
      [id],
    );
    const members = (
      await loadProfiles(
        em,
        memberIds.map((m) => m.user_id),
      )
    ).flatMap((p) => projectPerson(viewer, p) ?? []);
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

  async createTeam(input: z.infer<typeof TeamInput>, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      await assertExist(tx, 'locations', input.locations, 'locations');
      if (input.lead) await this.assertStaff(tx, input.lead);
      const id = randomUUID();
      const inserted = await tx.execute(
        `insert into "directory"."teams" (id, name, purpose, lead_id) values (?, ?, ?, ?)
         on conflict (name) do nothing returning id`,
        [id, input.name, input.purpose, input.lead],
      );
      if (inserted.length === 0) throw conflict(`There is already a team called ${input.name}`);
      await this.setTeamLocations(tx, id, input.locations);
      recordEvent(
        tx,
        TeamCreated,
        { id, name: input.name, purpose: input.purpose, locationIds: input.locations, leadId: input.lead },
        SERVICE,
      );
      if (input.lead) await this.addMember(tx, id, input.lead);
      return this.getTeam(id, viewer, tx);
    });
  }

  async updateTeam(id: string, patch: z.infer<typeof TeamPatch>, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const [current] = await tx.execute<{ name: string; purpose: string | null; lead_id: string | null }[]>(
        `select name, purpose, lead_id from "directory"."teams" where id = ? for update`,
        [id],
      );
      if (!current) throw notFound('No such team');
      if (patch.locations) await assertExist(tx, 'locations', patch.locations, 'locations');
      if (patch.lead) await this.assertStaff(tx, patch.lead);
      const name = patch.name ?? current.name;
      const clash = await tx.execute(`select 1 from "directory"."teams" where name = ? and id <> ?`, [
        name,
        id,
      ]);
      if (clash.length > 0) throw conflict(`There is already a team called ${name}`);
      const purpose = patch.purpose !== undefined ? patch.purpose : current.purpose;
      const lead = patch.lead !== undefined ? patch.lead : current.lead_id;
      await tx.execute(
        `update "directory"."teams" set name = ?, purpose = ?, lead_id = ?, updated_at = now() where id = ?`,
        [name, purpose, lead, id],
      );
      if (patch.locations) await this.setTeamLocations(tx, id, patch.locations);
      if (lead) await this.addMember(tx, id, lead);
      const locationIds = (
        await tx.execute<{ location_id: string }[]>(
          `select location_id from "directory"."team_locations" where team_id = ?`,
          [id],
        )
      ).map((r) => r.location_id);
      recordEvent(tx, TeamUpdated, { id, name, purpose, locationIds, leadId: lead }, SERVICE);
      return this.getTeam(id, viewer, tx);
    });
  }

  async deleteTeam(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const [team] = await tx.execute<{ name: string }[]>(
        `select name from "directory"."teams" where id = ? for update`,
        [id],
      );
      if (!team) throw notFound('No such team');
      const members = await tx.execute<{ user_id: string }[]>(
        `delete from "directory"."team_members" where team_id = ? returning user_id`,
        [id],
      );
      for (const m of members) {
        recordEvent(tx, TeamMemberRemoved, { teamId: id, userId: m.user_id, teamName: team.name }, SERVICE);
      }
      await tx.execute(`delete from "directory"."teams" where id = ?`, [id]);
      recordEvent(tx, TeamDeleted, { id, memberIds: members.map((m) => m.user_id) }, SERVICE);
      for (const m of members) await recordProfileEvent(tx, ProfileUpdated, m.user_id);
      return { id, deleted: true as const };
    });
  }

  async addTeamMember(id: string, userId: string, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      await this.lockTeam(tx, id);
      await this.assertStaff(tx, userId);
      await this.addMember(tx, id, userId);
      return this.getTeam(id, viewer, tx);
    });
  }

  async removeTeamMember(id: string, userId: string, viewer: Principal): Promise<Team> {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const name = await this.lockTeam(tx, id);
      const removed = await tx.execute(
        `delete from "directory"."team_members" where team_id = ? and user_id = ? returning user_id`,
        [id, userId],
      );
      if (removed.length > 0) {
        await tx.execute(`update "directory"."teams" set lead_id = null where id = ? and lead_id = ?`, [
          id,
          userId,
        ]);
        recordEvent(tx, TeamMemberRemoved, { teamId: id, userId, teamName: name }, SERVICE);
        await recordProfileEvent(tx, ProfileUpdated, userId);
      }
      return this.getTeam(id, viewer, tx);
    });
  }

  async listFunctions() {
    return {
      items: await this.em.execute<{ id: string; name: string }[]>(
        `select id, name from "directory"."functions" order by name, id`,
      ),
    };
  }

  async createFunction(input: z.infer<typeof FunctionInput>, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const id = randomUUID();
      const inserted = await tx.execute(
        `insert into "directory"."functions" (id, name) values (?, ?) on conflict (name) do nothing returning id`,
        [id, input.name],
      );
      if (inserted.length === 0) throw conflict(`There is already a function called ${input.name}`);
      recordEvent(tx, FunctionCreated, { id, name: input.name }, SERVICE);
      return { id, name: input.name };
    });
  }

  async deleteFunction(id: string, viewer: Principal) {
    requireEditor(viewer);
    return this.em.transactional(async (tx) => {
      const holders = await tx.execute<{ user_id: string }[]>(
        `select user_id from "directory"."profiles" where function_id = ?`,
        [id],
      );
      const gone = await tx.execute(`delete from "directory"."functions" where id = ? returning id`, [id]);
      if (gone.length === 0) throw notFound('No such function');
      recordEvent(tx, FunctionDeleted, { id }, SERVICE);
      for (const h of holders) await recordProfileEvent(tx, ProfileUpdated, h.user_id);
      return { id, deleted: true as const };
    });
  }

  private async location(tx: EntityManager, id: string, lock = false): Promise<Location> {
    if (lock) await tx.execute(`select 1 from "directory"."locations" where id = ? for update`, [id]);
    const [row] = await tx.execute<LocationRow[]>(`${LOCATIONS} where l.id = ?`, [id]);
    if (!row) throw notFound('No such location');
    return toLocation(row);
  }

  private async lockTeam(tx: EntityManager, id: string): Promise<string> {
    const [team] = await tx.execute<{ name: string }[]>(
      `select name from "directory"."teams" where id = ? for update`,
      [id],
    );
    if (!team) throw notFound('No such team');
    return team.name;
  }

  private async assertStaff(tx: EntityManager, userId: string): Promise<void> {
    const [p] = await tx.execute<{ kind: string }[]>(
      `select kind from "directory"."profiles" where user_id = ?`,
      [userId],
    );
    if (!p) throw notFound('No such colleague');
    if (p.kind !== 'staff') throw new PleinError(422, 'not_staff', 'Only staff are members of a team');
  }

  private async setTeamLocations(tx: EntityManager, id: string, locations: string[]): Promise<void> {
    await tx.execute(`delete from "directory"."team_locations" where team_id = ?`, [id]);
    if (locations.length > 0) {
      await tx.execute(
        `insert into "directory"."team_locations" (team_id, location_id) select ?, unnest(?::uuid[]) on conflict do nothing`,
        [id, textArray(locations)],
      );
    }
  }

  /** Adds a member once; only an actual addition publishes team.member-added. */
  private async addMember(tx: EntityManager, teamId: string, userId: string): Promise<void> {
    const added = await tx.execute<{ name: string }[]>(
      `insert into "directory"."team_members" (team_id, user_id) values (?, ?) on conflict do nothing
       returning (select name from "directory"."teams" where id = team_id) as name`,
      [teamId, userId],
    );
    if (added[0]) {
      recordEvent(tx, TeamMemberAdded, { teamId, userId, teamName: added[0].name }, SERVICE);
      await recordProfileEvent(tx, ProfileUpdated, userId);
    }
  }
}
