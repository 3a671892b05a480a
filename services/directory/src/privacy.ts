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
import { ProfileRepository } from './repositories/profile.repository.js';
import { TeamRepository } from './repositories/team.repository.js';

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
  const profileRepo = new ProfileRepository(tx);
  const teamRepo = new TeamRepository(tx);
  const mentees = await profileRepo.releaseMentees(id);
  const led = await teamRepo.clearLeadOf(id);
  const teams = await teamRepo.removeFromAll(id);
  const { photos, locations, presets, profiles, accountStates: states } = await profileRepo.erase(id);
  for (const m of mentees) await recordProfileEvent(tx, ProfileUpdated, m);
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
  const extra = await new ProfileRepository(tx).find(userId);
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
  return new ProfileRepository(tx).menteesOf(mentorId);
}
