import type { EntityManager } from '@mikro-orm/postgresql';
import { type EventContract, type Realm, ProfileEventData } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import type { ProfileRecord } from './person.projection.js';
import { type ProfileRow, profilesQuery } from './profile.query.js';
import { ProfileRepository } from './repositories/profile.repository.js';

export const SERVICE = 'directory';

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
  const q = profilesQuery(ids);
  const rows = await em.execute<ProfileRow[]>(q.sql, q.params);
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

/** Ids that must exist, or a 400 naming the missing ones. */
export function assertExist(
  em: EntityManager,
  table: 'locations' | 'teams' | 'functions',
  ids: readonly string[],
  what: string,
): Promise<void> {
  return new ProfileRepository(em).assertExist(table, ids, what);
}
