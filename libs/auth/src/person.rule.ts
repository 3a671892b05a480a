import { FORMER_PERSON_LABEL } from '@plein/contracts';
import type {
  ClientSharedField,
  Intranet,
  PersonCard,
  PersonKind,
  PhotoLinks,
  Principal,
} from '@plein/contracts';

/**
 * What the person rule needs to know about a person: the directory's facts, which travel to the services that
 * show people as the directory's profile events (`plein.directory.profile.created|updated`).
 */
export interface PersonFacts {
  id: string;
  kind: PersonKind;
  firstName: string;
  lastName: string;
  /** The full name (staff are known by it; a client only to staff and to themselves). */
  displayName: string;
  /** Clients: whether they opted into the client intranet's smoelenboek. Staff: not asked. */
  optedIn: boolean;
  sharedFields: readonly ClientSharedField[];
  /** The current photo's version, or null when there is none. */
  photoVersion: string | null;
  /** False while the account is disabled or removed in Keycloak. */
  active: boolean;
}

/** Who is looking, and through which tree (the intranet decides where a photo is served). */
export type PersonReader = Pick<Principal, 'realm' | 'intranet' | 'userId'>;

/** Where the reader's tree serves a person's photo. */
export const photoLinks = (intranet: Intranet, id: string, version: string): PhotoLinks => {
  const base = `/api/${intranet}/v1/people/${id}/photo`;
  return { thumb: `${base}?size=thumb&v=${version}`, medium: `${base}?size=medium&v=${version}` };
};

/**
 * How a reader may meet a person in the smoelenboek (the directory), or null when the person is not there for
 * them. The directory's projection and search's person views are built from this; `personCard` below shares
 * its choices.
 * - A deactivated account: nobody, themselves included.
 * - Oneself: everything.
 * - Staff intranet (staff readers only): colleagues in full; clients are not listed there.
 * - Client intranet: staff appear as contact persons; a client only when they opted in, by their first name and
 *   the fields they chose to share (to staff readers too: the smoelenboek shows what the client chose).
 */
export type DirectoryEntry =
  | { as: 'self'; displayName: string; photo: boolean }
  | { as: 'colleague'; displayName: string; photo: boolean }
  | { as: 'contact-person'; displayName: string; photo: boolean }
  | { as: 'client'; displayName: string; photo: boolean; shares: readonly ClientSharedField[] };

export function directoryEntry(reader: PersonReader, p: PersonFacts): DirectoryEntry | null {
  if (!p.active) return null;
  const hasPhoto = p.photoVersion !== null;
  if (reader.userId === p.id) return { as: 'self', displayName: p.displayName, photo: hasPhoto };
  if (reader.intranet === 'staff') {
    if (reader.realm !== 'staff' || p.kind !== 'staff') return null;
    return { as: 'colleague', displayName: p.displayName, photo: hasPhoto };
  }
  if (p.kind === 'staff') return { as: 'contact-person', displayName: p.displayName, photo: hasPhoto };
  if (!p.optedIn) return null;
  return {
    as: 'client',
    displayName: clientChosenName(p),
    photo: hasPhoto && p.sharedFields.includes('photo'),
    shares: p.sharedFields,
  };
}

/** A client's name as they chose to show it: the first name, with the last name only when they share it. */
export const clientChosenName = (p: Pick<PersonFacts, 'firstName' | 'lastName' | 'sharedFields'>): string =>
  p.sharedFields.includes('lastName') && p.lastName ? `${p.firstName} ${p.lastName}` : p.firstName;

/** A client's full name, as staff (their mentor, colleagues) know them. */
const fullName = (p: PersonFacts): string =>
  p.kind === 'client' && p.firstName ? [p.firstName, p.lastName].filter(Boolean).join(' ') : p.displayName;

/**
 * THE person rule: what a reader may know of a person wherever the person appears (an author, a mention, a
 * follow, a group member, a read confirmation, a search result). Null: nothing — the person does not exist for
 * this reader (404, not followable, not mentionable, not invitable, left out of lists), the same answer as for an
 * id that does not exist. Otherwise a card with the name the directory's privacy choices allow:
 * - a deactivated account is nobody (what they wrote stays: `authorCard`);
 * - oneself: by one's full name;
 * - staff readers know staff and clients by name (a mentor must know whom they help);
 * - client readers know staff as contact persons (by name), and other clients only when those opted into the
 *   smoelenboek, by the fields those chose (first name unless they shared their last name); a client who did not
 *   opt in is nobody to other clients.
 * The photo comes with the card only where the smoelenboek shows it to this reader (`directoryEntry`), so the
 * link never points at a photo the directory would refuse.
 */
export function personCard(reader: PersonReader, p: PersonFacts): PersonCard | null {
  if (!p.active) return null;
  const entry = directoryEntry(reader, p);
  const photo =
    entry?.photo && p.photoVersion ? { photo: photoLinks(reader.intranet, p.id, p.photoVersion) } : {};
  const card = (displayName: string): PersonCard => ({ id: p.id, kind: p.kind, displayName, ...photo });
  if (reader.userId === p.id) return card(fullName(p));
  if (reader.realm === 'staff') return card(fullName(p));
  if (p.kind === 'staff') return card(p.displayName);
  return p.optedIn ? card(clientChosenName(p)) : null;
}

/** How a person who is nobody to the reader still appears on what they wrote, without a name. */
export const ANONYMOUS_NAME: Record<PersonKind, string> = { staff: 'Medewerker', client: 'Cliënt' };

/**
 * The author of something the reader may read (a post, a comment, a reaction): what someone wrote stays, under
 * the name the rule gives this reader — also after their account was closed (colleagues expect their words to
 * stay theirs). When the person is nobody to the reader (a client who did not opt in, to another client), the
 * words appear under a plain "Cliënt", with no name and no photo.
 */
export function authorCard(reader: PersonReader, p: PersonFacts): PersonCard {
  return (
    personCard(reader, { ...p, active: true }) ?? {
      id: p.id,
      kind: p.kind,
      displayName: ANONYMOUS_NAME[p.kind],
    }
  );
}

/** Whether the person exists for the reader at all (may be followed, mentioned, named, invited, found by id). */
export const mayKnow = (reader: PersonReader, p: PersonFacts): boolean => personCard(reader, p) !== null;

/**
 * Erased people (AVG): a service keeps what an erased person wrote where others need it (a post others
 * commented on, an answer), but not who wrote it. The author becomes one of these two stand-ins, the same in every
 * service, whose facts carry the label `FORMER_PERSON_LABEL` ("oud-medewerker", "oud-deelnemer"). A stand-in is
 * inactive: it can be shown as an author (`authorCard`), never followed, mentioned or found.
 */
export const FORMER_PERSON_ID: Record<PersonKind, string> = {
  staff: '00000000-0000-4000-8000-00000000e001',
  client: '00000000-0000-4000-8000-00000000e002',
};
export const FORMER_PERSON_NAME: Record<PersonKind, string> = {
  staff: FORMER_PERSON_LABEL.staff,
  client: FORMER_PERSON_LABEL.clients,
};

/** The stand-in's person facts (services keep them in their person-facts table once someone is erased). */
export const formerPersonFacts = (kind: PersonKind): PersonFacts => ({
  id: FORMER_PERSON_ID[kind],
  kind,
  firstName: FORMER_PERSON_NAME[kind],
  lastName: '',
  displayName: FORMER_PERSON_NAME[kind],
  optedIn: true,
  sharedFields: [],
  photoVersion: null,
  active: false,
});

/** The stand-in for a realm's erased person. */
export const formerPersonOf = (realm: 'staff' | 'clients'): PersonFacts =>
  formerPersonFacts(realm === 'staff' ? 'staff' : 'client');
