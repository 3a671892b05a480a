import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ErasureRequested,
  type EventData,
  type PersonalData,
  ProfileUpdated,
  erasureConfirmed,
} from '@plein/contracts';
import { forgetPublishedEvents, recordEvent } from '@plein/messaging';
import { SERVICE, loadProfile, recordProfileEvent } from './profile.store.js';

const count = async (tx: EntityManager, sql: string, params: unknown[]): Promise<number> => {
  const rows = await tx.execute<{ n: string }[]>(
    `with gone as (${sql} returning 1) select count(*)::text as n from gone`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * Erasure (AVG), the directory's part, in the consumer's transaction: the profile goes with its photo, its places
 * in teams and locations, its preset from the demo organisation and its account state; a team the person led has
 * no lead any more, and a client they mentored no mentor (those clients' profiles change: `profile.updated`).
 * The published events that carried the person are removed from the outbox. Confirmed in the same transaction.
 */
export async function eraseFromDirectory(
  tx: EntityManager,
  data: EventData<typeof ErasureRequested>,
): Promise<void> {
  const id = data.userId;
  const mentees = await tx.execute<{ user_id: string }[]>(
    `update "directory"."profiles" set mentor_id = null, updated_at = now() where mentor_id = ? returning user_id`,
    [id],
  );
  const led = await count(
    tx,
    `update "directory"."teams" set lead_id = null, updated_at = now() where lead_id = ?`,
    [id],
  );
  const photos = await count(tx, `delete from "directory"."photos" where user_id = ?`, [id]);
  const teams = await count(tx, `delete from "directory"."team_members" where user_id = ?`, [id]);
  const locations = await count(tx, `delete from "directory"."profile_locations" where user_id = ?`, [id]);
  const presets = await count(
    tx,
    `delete from "directory"."profile_presets" pp using "directory"."profiles" p
      where p.user_id = ? and pp.realm = p.realm and pp.subject = p.subject`,
    [id],
  );
  const profiles = await count(tx, `delete from "directory"."profiles" where user_id = ?`, [id]);
  const states = await count(tx, `delete from "directory"."account_states" where user_id = ?`, [id]);
  for (const m of mentees) await recordProfileEvent(tx, ProfileUpdated, m.user_id);
  const events = await forgetPublishedEvents(tx, SERVICE, id);
  recordEvent(
    tx,
    erasureConfirmed('directory'),
    {
      erasureId: data.erasureId,
      userId: id,
      service: 'directory',
      removed: {
        profiles,
        photos,
        teamMemberships: teams,
        locations,
        presets,
        accountStates: states,
        events,
      },
      anonymised: { teamsLed: led, mentees: mentees.length },
      confirmedAt: new Date().toISOString(),
    },
    SERVICE,
  );
}

/** What the directory holds of a person: their profile as they see it themselves (the photo by its version). */
export async function directoryExport(tx: EntityManager, userId: string): Promise<PersonalData> {
  const p = await loadProfile(tx, userId);
  if (!p) return { service: 'directory', sections: {} };
  const [extra] = await tx.execute<{ username: string; email: string | null }[]>(
    `select username, email from "directory"."profiles" where user_id = ?`,
    [userId],
  );
  return {
    service: 'directory',
    sections: {
      profile: [
        {
          id: p.id,
          kind: p.kind,
          username: extra?.username ?? null,
          firstName: p.firstName,
          lastName: p.lastName,
          displayName: p.displayName,
          email: extra?.email ?? null,
          phone: p.phone,
          about: p.about,
          skills: p.skills,
          languages: p.languages,
          startDate: p.startDate,
          function: p.function?.name ?? null,
          teams: p.teams.map((t) => t.name),
          locations: p.locations.map((l) => l.name),
          mentor: p.mentor?.displayName ?? null,
          optedIn: p.optedIn,
          sharedFields: p.sharedFields,
          photo: p.photoVersion ? { version: p.photoVersion, alt: p.photoAlt } : null,
        },
      ],
    },
  };
}

/** The clients a mentor currently coaches (identity's `directory.mentor.clients`). */
export async function menteesOf(tx: EntityManager, mentorId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }[]>(
    `select user_id from "directory"."profiles" where mentor_id = ? and kind = 'client' order by user_id`,
    [mentorId],
  );
  return rows.map((r) => r.user_id);
}
