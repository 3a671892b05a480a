import type { ClientSharedField, Intranet, Person, PersonKind, Principal, Ref } from '@plein/contracts';

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

/** Where the viewer's tree serves a photo. */
export const photoLinks = (intranet: Intranet, id: string, version: string, alt?: string | null) => {
  const base = `/api/${intranet}/v1/people/${id}/photo`;
  return {
    thumb: `${base}?size=thumb&v=${version}`,
    medium: `${base}?size=medium&v=${version}`,
    ...(alt ? { alt } : {}),
  };
};

/**
 * THE privacy rule of the smoelenboek: what one viewer may see of one profile, or null when the viewer may
 * not know the person is in the directory at all.
 * - A deactivated account (disabled or removed in Keycloak): nobody, themselves included.
 * - Oneself: everything one has, plus (clients) one's privacy choice and mentor.
 * - Staff intranet (staff only): colleagues in full, contact details included; clients are not listed there.
 * - Client intranet: staff appear as contact persons (name, photo, function, location, never contact details
 *   or personal fields); a client appears only when they opted in, with their first name and the fields they
 *   chose; a staff viewer also sees the client's mentor.
 */
export function projectPerson(viewer: Viewer, p: ProfileRecord): Person | null {
  if (!p.active) return null;
  const photo = p.photoVersion ? photoLinks(viewer.intranet, p.id, p.photoVersion, p.photoAlt) : null;
  const head = { id: p.id, kind: p.kind };
  if (viewer.userId === p.id) {
    const own: Person = {
      ...head,
      displayName: p.displayName,
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
  if (viewer.intranet === 'staff') {
    if (viewer.realm !== 'staff' || p.kind !== 'staff') return null;
    return {
      ...head,
      displayName: p.displayName,
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
  }
  if (p.kind === 'staff') {
    return { ...head, displayName: p.displayName, photo, function: p.function, locations: p.locations };
  }
  if (!p.optedIn) return null;
  const shares = (field: ClientSharedField) => p.sharedFields.includes(field);
  return {
    ...head,
    displayName: shares('lastName') && p.lastName ? `${p.firstName} ${p.lastName}` : p.firstName,
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

/** Whether the viewer may see this person's photo (the same rule, applied to the one field). */
export const maySeePhoto = (viewer: Viewer, p: ProfileRecord): boolean =>
  projectPerson(viewer, p)?.photo != null;
