import type { PersonCard, Principal } from '@plein/contracts';
import { type PersonFacts, type PersonReader, authorCard, hasRole } from '@plein/auth';

/** What knowledge knows of a person by username (the handbook import names an article's owner so). */
export interface KnownPerson {
  id: string;
  realm: 'staff' | 'clients';
  displayName: string;
}

const readerOf = (p: Principal): PersonReader => ({ realm: p.realm, intranet: p.intranet, userId: p.userId });

/**
 * THE one place where knowledge decides how a person is shown to a reader: the person rule of `@plein/auth`, on
 * the directory's facts (`PersonFactsRepository`). Everyone knowledge shows wrote something the reader may read (a
 * question, an answer, a comment, a handbook version, a how-to page) or is named on it (an article's owner), so
 * it is `authorCard`: the words stay, under the name the rule allows this reader — a client who is nobody to the
 * reader (not opted in, to another client) appears as plain "Cliënt", never by name. A person knowledge does not
 * know at all: null.
 */
export function authorOf(person: PersonFacts | undefined, reader: Principal): PersonCard | null {
  return person ? authorCard(readerOf(reader), person) : null;
}

/**
 * Who asked a question. An anonymous question's asker: moderators only (in the staff realm). Everyone else, the
 * asker included, gets no person; the asker learns only `askedByMe`. Otherwise the person rule, as for any author.
 */
export function askerCard(
  question: { authorId: string; anonymous: boolean },
  person: PersonFacts | undefined,
  reader: Principal,
): PersonCard | null {
  if (question.anonymous && !(reader.realm === 'staff' && hasRole(reader, 'moderator'))) return null;
  return authorOf(person, reader);
}
