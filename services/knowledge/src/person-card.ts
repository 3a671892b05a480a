import type { PersonCard, Principal } from '@plein/contracts';
import { hasRole } from '@plein/auth';

/** What knowledge knows of a person (people table). */
export interface KnownPerson {
  id: string;
  realm: 'staff' | 'clients';
  displayName: string;
}

/**
 * THE one place where knowledge decides how a person is shown to a reader. Staff are shown by their name;
 * a client by their first name only to readers outside the staff realm (as the directory shows clients).
 * When `@plein/auth` has the shared person rule, this function calls it and nothing else changes.
 */
export function personCard(
  person: KnownPerson | undefined,
  reader: Pick<Principal, 'realm'>,
): PersonCard | null {
  if (!person) return null;
  const kind = person.realm === 'staff' ? 'staff' : 'client';
  const displayName =
    kind === 'client' && reader.realm !== 'staff'
      ? (person.displayName.trim().split(/\s+/)[0] ?? person.displayName)
      : person.displayName;
  return { id: person.id, kind, displayName };
}

/**
 * Who asked an anonymous question: moderators only (in the staff realm). Everyone else, the asker
 * included, gets no person; the asker learns only `askedByMe`.
 */
export function askerCard(
  question: { authorId: string; anonymous: boolean },
  person: KnownPerson | undefined,
  reader: Pick<Principal, 'realm' | 'roles'>,
): PersonCard | null {
  if (question.anonymous && !(reader.realm === 'staff' && hasRole(reader, 'moderator'))) return null;
  return personCard(person, reader);
}
