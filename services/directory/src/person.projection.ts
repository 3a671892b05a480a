import { type PersonFacts, directoryEntry, photoLinks } from '@plein/auth';
import type { ClientSharedField, Person, PersonKind, Principal, Ref } from '@plein/contracts';

/** A profile as stored, with its references resolved. */
export interface ProfileRecord {
  id: string;
  kind: PersonKind;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  about: string | null;
  skills: string[];
  languages: string[];
  startDate: string | null;
  function: Ref | null;
  teams: Ref[];
  locations: Ref[];
  mentor: { id: string; displayName: string } | null;
  optedIn: boolean;
  sharedFields: ClientSharedField[];
  photoVersion: string | null;
  /** What is on the photo, in its owner's words (for screen readers). */
  photoAlt?: string | null;
  /** False while the account is disabled or removed in Keycloak: nobody sees the profile then. */
  active: boolean;
}

export type Viewer = Pick<Principal, 'realm' | 'intranet' | 'userId'>;

/** The facts the person rule reads, from a stored profile. */
export const personFacts = (p: ProfileRecord): PersonFacts => ({
  id: p.id,
  kind: p.kind,
  firstName: p.firstName,
  lastName: p.lastName,
  displayName: p.displayName,
  optedIn: p.optedIn,
  sharedFields: p.sharedFields,
  photoVersion: p.photoVersion,
  active: p.active,
});

/**
 * The smoelenboek's privacy projection: what one viewer may see of one profile, or null when the viewer may not
 * know the person is in the directory at all. Who appears, by which name and with a photo or not is decided by
 * the person rule (`directoryEntry` in `@plein/auth`, shared with search and every service that shows people);
 * this adds the profile's fields for each way of meeting:
 * - oneself: everything one has, plus (clients) one's privacy choice and mentor;
 * - a colleague (staff intranet): in full, contact details included;
 * - a contact person (staff, on the client intranet): name, photo, function, location — never contact details
 *   or personal fields;
 * - a client (client intranet, opted in): first name and the fields they chose; a staff viewer also sees the
 *   client's mentor.
 */
export function projectPerson(viewer: Viewer, p: ProfileRecord): Person | null {
  const entry = directoryEntry(viewer, personFacts(p));
  if (!entry) return null;
  const photo = p.photoVersion
    ? { ...photoLinks(viewer.intranet, p.id, p.photoVersion), ...(p.photoAlt ? { alt: p.photoAlt } : {}) }
    : null;
  const head = { id: p.id, kind: p.kind, displayName: entry.displayName };
  switch (entry.as) {
    case 'self': {
      const own: Person = {
        ...head,
        firstName: p.firstName,
        lastName: p.lastName,
        photo,
        locations: p.locations,
        phone: p.phone,
        email: p.email,
        about: p.about,
        skills: p.skills,
        languages: p.languages,
      };
      return p.kind === 'staff'
        ? { ...own, function: p.function, teams: p.teams, startDate: p.startDate }
        : { ...own, mentor: p.mentor, privacy: { optedIn: p.optedIn, sharedFields: p.sharedFields } };
    }
    case 'colleague':
      return {
        ...head,
        firstName: p.firstName,
        lastName: p.lastName,
        photo,
        function: p.function,
        teams: p.teams,
        locations: p.locations,
        phone: p.phone,
        email: p.email,
        about: p.about,
        skills: p.skills,
        languages: p.languages,
        startDate: p.startDate,
      };
    case 'contact-person':
      return { ...head, photo, function: p.function, locations: p.locations };
    case 'client': {
      const shares = (field: ClientSharedField) => entry.shares.includes(field);
      return {
        ...head,
        firstName: p.firstName,
        ...(shares('photo') ? { photo } : {}),
        ...(shares('lastName') ? { lastName: p.lastName } : {}),
        ...(shares('about') ? { about: p.about } : {}),
        ...(shares('languages') ? { languages: p.languages } : {}),
        ...(shares('skills') ? { skills: p.skills } : {}),
        ...(shares('locations') ? { locations: p.locations } : {}),
        ...(viewer.realm === 'staff' ? { mentor: p.mentor } : {}),
      };
    }
  }
}

/** Whether the viewer may see this person's photo (the same rule, applied to the one field). */
export const maySeePhoto = (viewer: Viewer, p: ProfileRecord): boolean =>
  projectPerson(viewer, p)?.photo != null;
