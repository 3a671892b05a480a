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
import { SERVICE, recordProfileEvent, skillKey, tidyList } from './profile.store.js';
import { FunctionRepository } from './repositories/function.repository.js';
import { ProfileRepository } from './repositories/profile.repository.js';
import { TeamRepository } from './repositories/team.repository.js';

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
  const profiles = new ProfileRepository(tx);
  const at = new Date(occurredAt);
  const displayName = user.displayName || user.username;
  const names = {
    username: user.username,
    firstName,
    lastName,
    displayName,
    sortName,
    email: user.email ?? null,
  };
  const current = await profiles.findForUpdate(user.userId);
  if (!current) {
    const state = await profiles.accountState(user.userId);
    profiles.create({
      userId: user.userId,
      realm: user.realm,
      subject: user.subject,
      kind,
      ...names,
      phone: null,
      about: null,
      skills: [],
      skillKeys: [],
      languages: [],
      startDate: null,
      functionId: null,
      mentorId: null,
      optedIn: false,
      sharedFields: ['photo'],
      photoVersion: null,
      photoAlt: null,
      active: state?.active ?? true,
      identitySeenAt: at,
    });
    await profiles.flush();
    await applyPreset(tx, user);
    if (user.mentorId && kind === 'client') {
      // a client account a mentor made (identity's POST /clients): that mentor coaches them from the start
      const mentor = await profiles.find(user.mentorId);
      const profile = (await profiles.find(user.userId))!;
      profile.mentorId = mentor?.kind === 'staff' ? mentor.userId : null;
      await profiles.flush();
    }
    await recordProfileEvent(tx, ProfileCreated, user.userId);
    return;
  }
  // an older event never overwrites a newer one; the same names again change nothing
  if (current.identitySeenAt >= at) return;
  const same =
    current.username === user.username &&
    current.firstName === firstName &&
    current.lastName === lastName &&
    current.displayName === displayName &&
    (current.email ?? '') === (user.email ?? '');
  if (same) return;
  Object.assign(current, {
    ...names,
    identitySeenAt: at,
    updatedAt: new Date(),
  });
  await profiles.flush();
  await recordProfileEvent(tx, ProfileUpdated, user.userId);
}

async function applyPreset(tx: EntityManager, user: IdentityUser): Promise<void> {
  const profiles = new ProfileRepository(tx);
  const profile = (await profiles.find(user.userId))!;
  const preset = await profiles.preset(user.realm, user.subject);
  if (preset) {
    const d = preset.data;
    const skills = tidyList(d.skills ?? []);
    const fn = d.function ? await new FunctionRepository(tx).find(d.function) : null;
    const mentor = d.mentorSubject ? await profiles.findBySubject('staff', d.mentorSubject) : null;
    Object.assign(profile, {
      functionId: fn?.id ?? null,
      phone: d.phone ?? null,
      about: d.about ?? null,
      skills,
      skillKeys: skills.map(skillKey),
      languages: tidyList(d.languages ?? []),
      startDate: d.startDate ?? null,
      optedIn: d.optedIn ?? false,
      sharedFields: d.sharedFields ?? ['photo'],
      mentorId: mentor?.userId ?? null,
    });
    await profiles.flush();
    if (d.locations?.length) await profiles.addLocations(user.userId, d.locations);
    const teams = new TeamRepository(tx);
    for (const t of d.teams ?? []) {
      const team = await teams.findForUpdate(t.id);
      if (!team) continue;
      if (await teams.addMember(team.id, user.userId))
        recordEvent(
          tx,
          TeamMemberAdded,
          { teamId: team.id, userId: user.userId, teamName: team.name },
          SERVICE,
        );
      if (t.lead && !team.leadId) {
        team.leadId = user.userId;
        await profiles.flush();
      }
    }
    if (
      preset.thumb &&
      preset.medium &&
      (await profiles.addPhoto(user.userId, 'seed', preset.thumb, preset.medium))
    ) {
      profile.photoVersion = 'seed';
      await profiles.flush();
    }
  }
  if (user.realm === 'staff') {
    // Clients provisioned before their mentor now find them.
    for (const mentee of await profiles.waitingMentees(user.subject)) {
      Object.assign(mentee, { mentorId: user.userId, updatedAt: new Date() });
      await profiles.flush();
      await recordProfileEvent(tx, ProfileUpdated, mentee.userId);
    }
  }
}
