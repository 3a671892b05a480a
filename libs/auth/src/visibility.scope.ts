import type { Intranet, Principal } from '@plein/contracts';
import { hasRole, intranetsOf } from './roles.js';
import type { Visible } from './visibility.rule.js';

/**
 * The visibility rule as a filter, for engines that select many items at once (SQL, Meilisearch).
 * It admits exactly what `visibility()` admits, narrowed to the intranet of the route tree in use.
 */
export interface ReaderScope {
  intranets: Intranet[];
  userId: string;
  groupIds: string[];
  followeeIds: string[];
  /** Moderators see hidden content (marked); authors always see their own. */
  seesHidden: boolean;
}

export function readerScope(
  principal: Pick<Principal, 'realm' | 'intranet' | 'userId' | 'roles' | 'groupIds'>,
  followeeIds: readonly string[],
): ReaderScope {
  return {
    intranets: intranetsOf(principal.realm).filter((i) => i === principal.intranet),
    userId: principal.userId,
    groupIds: [...principal.groupIds],
    followeeIds: [...followeeIds],
    seesHidden: principal.realm === 'staff' && hasRole(principal, 'moderator'),
  };
}

/** Evaluates a scope for one item: the reference every engine's filter is tested against. */
export function scopeAdmits(scope: ReaderScope, content: Visible): boolean {
  if (!scope.intranets.includes(content.intranet)) return false;
  const isAuthor = content.authorId === scope.userId;
  if (content.hidden && !isAuthor && !scope.seesHidden) return false;
  if (isAuthor) return true;
  switch (content.audience) {
    case 'organization':
      return true;
    case 'group':
      return content.groupId != null && scope.groupIds.includes(content.groupId);
    case 'followers':
      return scope.followeeIds.includes(content.authorId);
    case 'private':
      return (content.namedUserIds ?? []).includes(scope.userId);
  }
}
