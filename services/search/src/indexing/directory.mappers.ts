import {
  LocationCreated,
  LocationDeleted,
  LocationUpdated,
  ProfileCreated,
  ProfileUpdated,
  TeamCreated,
  TeamDeleted,
  TeamUpdated,
} from '@plein/contracts';
import { type PersonFacts, directoryEntry } from '@plein/auth';
import type { z } from 'zod';
import type { SearchDocument } from '../engine/search-document.js';
import { type EventMapper, type EventMeta, type IndexChange, mapper } from './mappers.js';

type Profile = z.infer<typeof ProfileCreated.data>;

const view = (
  over: Partial<SearchDocument> & Pick<SearchDocument, 'type' | 'id' | 'intranet' | 'title' | 'updatedAt'>,
): SearchDocument => ({
  audience: 'organization',
  groupId: null,
  authorId: null,
  namedUserIds: [],
  hidden: false,
  body: '',
  ...over,
});

/** The person rule's facts from a profile event (events from before `lastName` carry it in `displayName`). */
export const profileFacts = (p: Profile): PersonFacts => ({
  id: p.userId,
  kind: p.kind,
  firstName: p.firstName,
  lastName:
    p.lastName ??
    (p.displayName.startsWith(`${p.firstName} `) ? p.displayName.slice(p.firstName.length + 1) : ''),
  displayName: p.displayName,
  optedIn: p.optedIn,
  sharedFields: p.sharedFields,
  photoVersion: p.photoVersion ?? (p.hasPhoto ? 'unknown' : null),
  active: p.active !== false,
});

/** Whoever reads an intranet's index (the directory's entries there do not depend on who reads). */
const INDEX_READERS = [
  { realm: 'staff', intranet: 'staff', userId: '' },
  { realm: 'clients', intranet: 'client', userId: '' },
] as const;

/**
 * A person's views in the index, one per intranet where the smoelenboek lists them, by the person rule
 * (`directoryEntry` of `@plein/auth`, which the directory's own projection uses too): staff are colleagues in the
 * staff intranet (name, about, skills, languages) and contact persons in the client intranet (name only);
 * clients appear only in the client intranet, only when they opted in, by the name and fields they chose.
 * A person whose account is disabled or removed (`active: false`) has no views: they leave the index.
 */
export function personViews(p: Profile, meta: EventMeta): SearchDocument[] {
  const facts = profileFacts(p);
  const base = { type: 'person' as const, id: p.userId, authorId: p.userId, updatedAt: meta.occurredAt };
  return INDEX_READERS.flatMap((reader) => {
    const entry = directoryEntry(reader, facts);
    if (!entry) return [];
    const shown = (field: 'about' | 'skills' | 'languages') =>
      entry.as === 'colleague' || (entry.as === 'client' && entry.shares.includes(field));
    const body = [
      shown('about') ? (p.about ?? '') : '',
      shown('skills') ? p.skills.join(', ') : '',
      shown('languages') ? p.languages.join(', ') : '',
    ]
      .filter(Boolean)
      .join('\n');
    return [view({ ...base, intranet: reader.intranet, title: entry.displayName, body })];
  });
}

const person = (p: Profile, meta: EventMeta): IndexChange[] => [
  {
    kind: 'replace',
    ref: { type: 'person', id: p.userId },
    documents: personViews(p, meta),
    updatedAt: meta.occurredAt,
  },
];

/** Locations and teams are public in both intranets (where people work is what the smoelenboek is for). */
const organisationViews = (
  type: 'location' | 'team',
  id: string,
  title: string,
  body: string,
  meta: EventMeta,
): IndexChange[] => [
  {
    kind: 'replace',
    ref: { type, id },
    documents: (['staff', 'client'] as const).map((intranet) =>
      view({ type, id, intranet, title, body, updatedAt: meta.occurredAt }),
    ),
    updatedAt: meta.occurredAt,
  },
];

export const DIRECTORY_MAPPERS: EventMapper[] = [
  mapper({ event: ProfileCreated, purpose: 'directory-profile-created', map: person }),
  mapper({ event: ProfileUpdated, purpose: 'directory-profile-updated', map: person }),
  mapper({
    event: LocationCreated,
    purpose: 'directory-location-created',
    map: (l, m) => organisationViews('location', l.id, l.name, l.kind, m),
  }),
  mapper({
    event: LocationUpdated,
    purpose: 'directory-location-updated',
    map: (l, m) => organisationViews('location', l.id, l.name, l.kind, m),
  }),
  mapper({
    event: LocationDeleted,
    purpose: 'directory-location-deleted',
    map: (l) => [{ kind: 'remove', refs: [{ type: 'location', id: l.id }] }],
  }),
  mapper({
    event: TeamCreated,
    purpose: 'directory-team-created',
    map: (t, m) => organisationViews('team', t.id, t.name, t.purpose ?? '', m),
  }),
  mapper({
    event: TeamUpdated,
    purpose: 'directory-team-updated',
    map: (t, m) => organisationViews('team', t.id, t.name, t.purpose ?? '', m),
  }),
  mapper({
    event: TeamDeleted,
    purpose: 'directory-team-deleted',
    map: (t) => [{ kind: 'remove', refs: [{ type: 'team', id: t.id }] }],
  }),
];
