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

/**
 * A person's views in the index, by the directory's privacy rules: staff are colleagues in the staff
 * intranet (name, about, skills, languages) and contact persons in the client intranet (name only);
 * clients appear only in the client intranet, only when they opted in, with only the fields they chose.
 * A person whose account is disabled or removed (`active: false`) has no views: they leave the index.
 */
export function personViews(p: Profile, meta: EventMeta): SearchDocument[] {
  if (p.active === false) return [];
  const base = { type: 'person' as const, id: p.userId, authorId: p.userId, updatedAt: meta.occurredAt };
  if (p.kind === 'staff') {
    const body = [p.about ?? '', p.skills.join(', '), p.languages.join(', ')].filter(Boolean).join('\n');
    return [
      view({ ...base, intranet: 'staff', title: p.displayName, body }),
      view({ ...base, intranet: 'client', title: p.displayName }),
    ];
  }
  if (!p.optedIn) return [];
  const shared = new Set(p.sharedFields);
  const body = [
    shared.has('about') ? (p.about ?? '') : '',
    shared.has('skills') ? p.skills.join(', ') : '',
    shared.has('languages') ? p.languages.join(', ') : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    view({ ...base, intranet: 'client', title: shared.has('lastName') ? p.displayName : p.firstName, body }),
  ];
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
