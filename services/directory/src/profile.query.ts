import type { ClientSharedField, PersonKind, Realm } from '@plein/contracts';
import { bindNamed, textArray } from '@plein/persistence';

/** A profile with its function, teams, locations and mentor resolved, as one statement gives it. */
export interface ProfileRow {
  user_id: string;
  realm: Realm;
  kind: PersonKind;
  first_name: string;
  last_name: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  about: string | null;
  skills: string[];
  languages: string[];
  start_date: string | null;
  function_id: string | null;
  function_name: string | null;
  teams: { id: string; name: string }[];
  locations: { id: string; name: string }[];
  mentor_id: string | null;
  mentor_name: string | null;
  opted_in: boolean;
  shared_fields: ClientSharedField[];
  photo_version: string | null;
  photo_alt: string | null;
  active: boolean;
}

/**
 * Profiles with their references resolved, in one statement: every people page (bench/directory-people.bench.ts)
 * is decorated by it, and every profile event carries what it reads.
 */
const SELECT_PROFILES = `
  select p.user_id, p.realm, p.kind, p.first_name, p.last_name, p.display_name, p.email, p.phone, p.about,
         p.skills, p.languages, to_char(p.start_date, 'YYYY-MM-DD') as start_date, p.function_id,
         f.name as function_name, p.mentor_id, m.display_name as mentor_name, p.opted_in, p.shared_fields,
         p.photo_version, p.photo_alt, p.active,
         coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
                     from "directory"."team_members" tm join "directory"."teams" t on t.id = tm.team_id
                    where tm.user_id = p.user_id), '[]') as teams,
         coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name, l.id)
                     from "directory"."profile_locations" pl join "directory"."locations" l on l.id = pl.location_id
                    where pl.user_id = p.user_id), '[]') as locations
    from "directory"."profiles" p
    left join "directory"."functions" f on f.id = p.function_id
    left join "directory"."profiles" m on m.user_id = p.mentor_id and m.active`;

export const profilesQuery = (ids: readonly string[]) =>
  bindNamed({
    sql: `${SELECT_PROFILES} where p.user_id = any(:ids::uuid[])`,
    params: { ids: textArray(ids) },
  });
