import type { Intranet, Principal } from '@plein/contracts';
import { hasRole, intranetsOf } from './roles.js';

export type Audience = 'organization' | 'followers' | 'group' | 'private';

/** The visibility fields every piece of content carries (ARCHITECTURE.md, "Visibility"). */
export interface Visible {
  intranet: Intranet;
  audience: Audience;
  groupId?: string | null;
  authorId: string;
  hidden: boolean;
  /** For `private`: the people it names. */
  namedUserIds?: readonly string[];
}

/** What the rule needs to know about the reader beyond the principal. */
export interface Reader {
  principal: Pick<Principal, 'realm' | 'userId' | 'roles' | 'groupIds'>;
  /** Whether the reader follows this author (only asked for `followers` content). */
  follows: (authorId: string) => boolean;
}

export type Visibility = { readable: false } | { readable: true; markedHidden: boolean };

/**
 * THE visibility rule. A reader may read content when
 * the intranet is one of theirs, the audience admits them, and it is not hidden by moderation
 * (moderators and the author still see hidden content, marked).
 */
export function visibility(reader: Reader, content: Visible): Visibility {
  const { principal } = reader;
  if (!intranetsOf(principal.realm).includes(content.intranet)) return { readable: false };
  const isAuthor = content.authorId === principal.userId;
  if (!isAuthor && !audienceAdmits(reader, content)) return { readable: false };
  if (!content.hidden) return { readable: true, markedHidden: false };
  const isModerator = principal.realm === 'staff' && hasRole(principal, 'moderator');
  return isAuthor || isModerator ? { readable: true, markedHidden: true } : { readable: false };
}

export const canRead = (reader: Reader, content: Visible): boolean => visibility(reader, content).readable;

function audienceAdmits(reader: Reader, content: Visible): boolean {
  const { principal } = reader;
  switch (content.audience) {
    case 'organization':
      return true;
    case 'group':
      return content.groupId != null && principal.groupIds.includes(content.groupId);
    case 'followers':
      return reader.follows(content.authorId);
    case 'private':
      return (content.namedUserIds ?? []).includes(principal.userId);
  }
}
