import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ClientSharedField,
  type EventContract,
  type PersonKind,
  type Realm,
  ProfileEventData,
  badRequest,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { cursorCodec, textArray } from '@plein/persistence';
import { z } from 'zod';
import type { ProfileRecord } from './person.projection.js';

export const SERVICE = 'directory';

interface ProfileRow {
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

const toRecord = (r: ProfileRow): ProfileRecord & { realm: Realm } => ({
  id: r.user_id,
  realm: r.realm,
  kind: r.kind,
  firstName: r.first_name,
  lastName: r.last_name,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  about: r.about,
  skills: r.skills,
  languages: r.languages,
  startDate: r.start_date,
  function: r.function_id && r.function_name ? { id: r.function_id, name: r.function_name } : null,
  teams: r.teams,
  locations: r.locations,
  mentor: r.mentor_id && r.mentor_name ? { id: r.mentor_id, displayName: r.mentor_name } : null,
  optedIn: r.opted_in,
  sharedFields: r.shared_fields,
  photoVersion: r.photo_version,
  photoAlt: r.photo_alt,
  active: r.active,
});

/** Profiles by id, in the order asked, with functions, teams, locations and mentor resolved. */
export async function loadProfiles(
  em: EntityManager,
  ids: readonly string[],
): Promise<(ProfileRecord & { realm: Realm })[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<ProfileRow[]>(`${SELECT_PROFILES} where p.user_id = any(?::uuid[])`, [
    textArray(ids),
  ]);
  const byId = new Map(rows.map((r) => [r.user_id, toRecord(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadProfile(
  em: EntityManager,
  id: string,
): Promise<(ProfileRecord & { realm: Realm }) | undefined> {
  return (await loadProfiles(em, [id]))[0];
}

/** Records profile.created/updated with the profile's state as it is in this transaction. */
export async function recordProfileEvent(
  tx: EntityManager,
  contract: EventContract<typeof ProfileEventData>,
  userId: string,
): Promise<void> {
  const p = await loadProfile(tx, userId);
  if (!p) return;
  recordEvent(tx, contract, profileEventData(p), SERVICE);
}

/** A profile as its events carry it (contact details never travel in events). */
export function profileEventData(p: ProfileRecord & { realm: Realm }): z.infer<typeof ProfileEventData> {
  return {
    userId: p.id,
    realm: p.realm,
    kind: p.kind,
    displayName: p.displayName,
    firstName: p.firstName,
    lastName: p.lastName,
    photoVersion: p.photoVersion,
    functionId: p.function?.id ?? null,
    teamIds: p.teams.map((t) => t.id),
    locationIds: p.locations.map((l) => l.id),
    skills: p.skills,
    languages: p.languages,
    about: p.about,
    optedIn: p.optedIn,
    sharedFields: p.sharedFields,
    hasPhoto: p.photoVersion !== null,
    active: p.active,
  };
}

/** The key a skill is found by: case and surrounding space do not matter. */
export const skillKey = (skill: string): string => skill.trim().toLocaleLowerCase('nl');

/** Unique, trimmed, in the order given (case-insensitively unique). */
export function tidyList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values.map((x) => x.trim()).filter(Boolean)) {
    const k = skillKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** The people list's position: the last sort name and user id it gave out. */
export const peopleCursor = cursorCodec(
  z.tuple([z.string(), z.string().regex(/^[0-9a-f-]{36}$/)]),
  'The cursor is not one this list gave out',
);

/** Ids that must exist in a table, or a 400 naming the missing ones. */
export async function assertExist(
  em: EntityManager,
  table: 'locations' | 'teams' | 'functions' | 'profiles',
  ids: readonly string[],
  what: string,
): Promise<void> {
  if (ids.length === 0) return;
  const key = table === 'profiles' ? 'user_id' : 'id';
  const found = await em.execute<{ id: string }[]>(
    `select ${key} as id from "directory"."${table}" where ${key} = any(?::uuid[])`,
    [textArray(ids)],
  );
  const known = new Set(found.map((f) => f.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw badRequest(
      `Unknown ${what}`,
      missing.map((id) => ({ path: what, message: id })),
    );
}
