import { bindNamed } from '@plein/persistence';

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
 * One statement for a team with its locations (by name), the lead's display name and the count of its
 * active members (a team page and the teams list show them).
 */
const TEAMS = `
  select t.id, t.name, t.purpose, t.lead_id, lp.display_name as lead_name,
         coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name, l.id)
                     from "directory"."team_locations" tl join "directory"."locations" l on l.id = tl.location_id
                    where tl.team_id = t.id), '[]') as locations,
         (select count(*)::int from "directory"."team_members" tm
            join "directory"."profiles" mp on mp.user_id = tm.user_id and mp.active
           where tm.team_id = t.id) as member_count
    from "directory"."teams" t left join "directory"."profiles" lp on lp.user_id = t.lead_id and lp.active`;

/** Every team by name, or those working at one location. */
export const teamsQuery = (location: string | undefined) =>
  bindNamed(
    location
      ? {
          sql: `${TEAMS} where exists (select 1 from "directory"."team_locations" x
                                      where x.team_id = t.id and x.location_id = :location)
                order by t.name, t.id`,
          params: { location },
        }
      : { sql: `${TEAMS} order by t.name, t.id`, params: {} },
  );

export const teamQuery = (id: string) => bindNamed({ sql: `${TEAMS} where t.id = :id`, params: { id } });
