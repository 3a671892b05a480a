import type { Principal } from '@plein/contracts';
import { hasRole, intranetsOf } from './roles.js';
import { type NamedSql, visibilityFilter, visibilityFilterSql } from './visibility.filter.js';

/**
 * THE visibility rule (visibility.rule.ts) as a PostgreSQL predicate, for feeds and lists that must filter
 * in the database: the rule's filter description (visibility.filter.ts) rendered as SQL over every intranet
 * of the reader's realm (the caller narrows to the route's intranet itself). `test/visibility-sql.int-spec.ts`
 * runs it and `canRead()` over the same matrix against a real PostgreSQL.
 *
 * The content table needs the columns `intranet text`, `audience text`, `group_id uuid`, `author_id uuid`,
 * `hidden boolean` and `named_user_ids uuid[]`. What the rule asks about the reader beyond the principal
 * (groups they are a member of, authors they follow) is passed in as arrays, as `Reader.follows` and
 * `principal.groupIds` give it to `visibility()`.
 */
export interface SqlReader {
  principal: Pick<Principal, 'realm' | 'userId' | 'roles'>;
  groupIds: readonly string[];
  followedAuthorIds: readonly string[];
}

/**
 * A predicate over table alias `alias` with named placeholders and their values; bind it into a statement
 * with `bindNamed()` from `@plein/persistence`.
 */
export function visibilitySql(alias: string, reader: SqlReader): NamedSql {
  const { principal } = reader;
  return visibilityFilterSql(
    visibilityFilter({
      intranets: [...intranetsOf(principal.realm)],
      userId: principal.userId,
      groupIds: [...reader.groupIds],
      followeeIds: [...reader.followedAuthorIds],
      seesHidden: principal.realm === 'staff' && hasRole(principal, 'moderator'),
    }),
    alias,
  );
}
