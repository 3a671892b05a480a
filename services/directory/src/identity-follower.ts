import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ClientSharedField,
  type EventData,
  ProfileCreated,
  ProfileUpdated,
  TeamMemberAdded,
  type UserProvisioned,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { textArray } from '@plein/persistence';
import { SERVICE, recordProfileEvent, skillKey, tidyList } from './profile.store.js';

type IdentityUser = EventData<typeof UserProvisioned>;

/** Demo-organisation data for a person who is not provisioned yet (see seed.ts), keyed by Keycloak subject. */
export interface ProfilePreset {
  function?: string;
  locations?: string[];
  teams?: { id: string; lead?: boolean }[];
  phone?: string;
  about?: string;
  skills?: string[];
  languages?: string[];
  startDate?: string;
  optedIn?: boolean;
  sharedFields?: ClientSharedField[];
  /** A client's mentor, by the mentor's staff-realm subject. */
  mentorSubject?: string;
}

/** "Sanne de Vries" → first name "Sanne", last name "de Vries". */
export function splitName(displayName: string): { firstName: string; lastName: string } {
  const name = displayName.trim().replace(/\s+/g, ' ');
  const at = name.indexOf(' ');
  return at < 0
    ? { firstName: name, lastName: '' }
    : { firstName: name.slice(0, at), lastName: name.slice(at + 1) };
}

/**
 * Keeps profiles in step with identity: a provisioned user gets a profile (with their preset from the demo
 * organisation, if any), and a changed name, username or e-mail is followed. Runs inside the durable
 * consumer's transaction; an older event never overwrites a newer one.
 */
export async function followIdentityUser(
  tx: EntityManager,
  user: IdentityUser,
  occurredAt: string,
): Promise<void> {
  const kind = user.realm === 'staff' ? 'staff' : 'client';
  const { firstName, lastName } = splitName(user.displayName || user.username);
  const sortName = (kind === 'staff' ? user.displayName || user.username : firstName).toLocaleLowerCase('nl');
  const inserted = await tx.execute<{ user_id: string }[]>(
    `insert into "directory"."profiles"
       (user_id, realm, subject, kind, username, first_name, last_name, display_name, sort_name, email, identity_seen_at,
        active)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
             coalesce((select active from "directory"."account_states" where user_id = ?), true))
     on conflict do nothing returning user_id`,
    [
      user.userId,
      user.realm,
      user.subject,
      kind,
      user.username,
      firstName,
      lastName,
      user.displayName || user.username,
      sortName,
      user.email ?? null,
      occurredAt,
      user.userId,
    ],
  );
  if (inserted.length > 0) {
    await applyPreset(tx, user);
    if (user.mentorId && kind === 'client') {
      // a client account a mentor made (identity's POST /clients): that mentor coaches them from the start
      await tx.execute(
        `update "directory"."profiles" set mentor_id = (select user_id from "directory"."profiles"
            where user_id = ? and kind = 'staff') where user_id = ?`,
        [user.mentorId, user.userId],
      );
    }
    await recordProfileEvent(tx, ProfileCreated, user.userId);
    return;
  }
  const updated = await tx.execute<{ user_id: string }[]>(
    `update "directory"."profiles"
        set username = ?, first_name = ?, last_name = ?, display_name = ?, sort_name = ?, email = ?,
            identity_seen_at = ?, updated_at = now()
      where user_id = ? and identity_seen_at < ?
        and (username, first_name, last_name, display_name, coalesce(email, ''))
            is distinct from (?, ?, ?, ?, ?)
      returning user_id`,
    [
      user.username,
      firstName,
      lastName,
      user.displayName || user.username,
      sortName,
      user.email ?? null,
      occurredAt,
      user.userId,
      occurredAt,
      user.username,
      firstName,
      lastName,
      user.displayName || user.username,
      user.email ?? '',
    ],
  );
  if (updated.length > 0) await recordProfileEvent(tx, ProfileUpdated, user.userId);
}

async function applyPreset(tx: EntityManager, user: IdentityUser): Promise<void> {
  const [preset] = await tx.execute<{ data: ProfilePreset; thumb: Buffer | null; medium: Buffer | null }[]>(
    `select data, thumb, medium from "directory"."profile_presets" where realm = ? and subject = ?`,
    [user.realm, user.subject],
  );
  if (preset) {
    const d = preset.data;
    const skills = tidyList(d.skills ?? []);
    await tx.execute(
      `update "directory"."profiles"
          set function_id = (select id from "directory"."functions" where id = ?),
              phone = ?, about = ?, skills = ?::text[], skill_keys = ?::text[], languages = ?::text[],
              start_date = ?::date, opted_in = ?, shared_fields = ?::text[],
              mentor_id = (select user_id from "directory"."profiles" where realm = 'staff' and subject = ?)
        where user_id = ?`,
      [
        d.function ?? null,
        d.phone ?? null,
        d.about ?? null,
        textArray(skills),
        textArray(skills.map(skillKey)),
        textArray(tidyList(d.languages ?? [])),
        d.startDate ?? null,
        d.optedIn ?? false,
        textArray(d.sharedFields ?? ['photo']),
        d.mentorSubject ?? null,
        user.userId,
      ],
    );
    if (d.locations?.length) {
      await tx.execute(
        `insert into "directory"."profile_locations" (user_id, location_id)
         select ?, id from "directory"."locations" where id = any(?::uuid[]) on conflict do nothing`,
        [user.userId, textArray(d.locations)],
      );
    }
    for (const team of d.teams ?? []) {
      const added = await tx.execute<{ name: string }[]>(
        `insert into "directory"."team_members" (team_id, user_id)
         select id, ? from "directory"."teams" where id = ? on conflict do nothing
         returning (select name from "directory"."teams" where id = team_id) as name`,
        [user.userId, team.id],
      );
      if (added[0]) {
        recordEvent(
          tx,
          TeamMemberAdded,
          { teamId: team.id, userId: user.userId, teamName: added[0].name },
          SERVICE,
        );
      }
      if (team.lead) {
        await tx.execute(
          `update "directory"."teams" set lead_id = ?, updated_at = now() where id = ? and lead_id is null`,
          [user.userId, team.id],
        );
      }
    }
    if (preset.thumb && preset.medium) {
      await tx.execute(
        `insert into "directory"."photos" (user_id, version, thumb, medium) values (?, 'seed', ?, ?)
         on conflict do nothing`,
        [user.userId, preset.thumb, preset.medium],
      );
      await tx.execute(`update "directory"."profiles" set photo_version = 'seed' where user_id = ?`, [
        user.userId,
      ]);
    }
  }
  if (user.realm === 'staff') {
    // Clients provisioned before their mentor now find them.
    const mentees = await tx.execute<{ user_id: string }[]>(
      `update "directory"."profiles" c set mentor_id = ?, updated_at = now()
         from "directory"."profile_presets" pp
        where pp.realm = c.realm and pp.subject = c.subject and pp.data->>'mentorSubject' = ?
          and c.mentor_id is null
        returning c.user_id`,
      [user.userId, user.subject],
    );
    for (const m of mentees) await recordProfileEvent(tx, ProfileUpdated, m.user_id);
  }
}
