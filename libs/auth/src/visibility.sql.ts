import type { Principal } from '@plein/contracts';
import { hasRole, intranetsOf } from './roles.js';

/**
 * THE visibility rule (visibility.rule.ts) as a PostgreSQL predicate, for feeds and lists that must filter
 * in the database. It must say exactly what `visibility()` says; `test/visibility-sql.int-spec.ts` runs
 * both over the same matrix against a real PostgreSQL.
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid[] literal; ids are checked, so nothing but uuids can reach the SQL. */
export function uuidArrayLiteral(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/**
 * A predicate over table alias `alias` with `?` placeholders (MikroORM/knex raw queries) and its parameters.
 * Use `toNumbered()` for `$1`-style drivers.
 */
export function visibilitySql(alias: string, reader: SqlReader): { sql: string; params: unknown[] } {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`invalid alias ${alias}`);
  const { principal } = reader;
  const a = alias;
  const isModerator = principal.realm === 'staff' && hasRole(principal, 'moderator');
  const sql = `(${a}.intranet = any(?::text[])
    and (${a}.author_id = ?::uuid
      or ${a}.audience = 'organization'
      or (${a}.audience = 'group' and ${a}.group_id = any(?::uuid[]))
      or (${a}.audience = 'followers' and ${a}.author_id = any(?::uuid[]))
      or (${a}.audience = 'private' and ${a}.named_user_ids @> array[?::uuid]))
    and (not ${a}.hidden or ${a}.author_id = ?::uuid or ?::boolean))`;
  const params = [
    `{${intranetsOf(principal.realm).join(',')}}`,
    principal.userId,
    uuidArrayLiteral(reader.groupIds),
    uuidArrayLiteral(reader.followedAuthorIds),
    principal.userId,
    principal.userId,
    isModerator,
  ];
  return { sql, params };
}

/** Rewrites `?` placeholders to `$n`, starting at `first`. */
export function toNumbered(sql: string, first = 1): string {
  let n = first;
  return sql.replace(/\?/g, () => `$${n++}`);
}
