import type { PeopleQuery, Principal } from '@plein/contracts';
import { bindNamed, textArray } from '@plein/persistence';
import { skillKey } from './profile.store.js';

/**
 * The visible-rows condition of a people query, with its parameters. Filters only ever match fields the
 * viewer may see, so a filter can never reveal a hidden field (a client's skills, a colleague's team, …).
 */
function visibleWhere(viewer: Principal, q: PeopleQuery): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  parts.push('p.active');
  if (viewer.intranet === 'staff') {
    parts.push(`p.kind = 'staff'`);
    if (q.q) {
      parts.push(`p.sort_name like :like`);
      params.like = `%${likeEscape(q.q.toLocaleLowerCase('nl'))}%`;
    }
    if (q.location) {
      parts.push(
        `exists (select 1 from "directory"."profile_locations" x where x.user_id = p.user_id and x.location_id = :location)`,
      );
      params.location = q.location;
    }
    if (q.team) {
      parts.push(
        `exists (select 1 from "directory"."team_members" x where x.user_id = p.user_id and x.team_id = :team)`,
      );
      params.team = q.team;
    }
    if (q.function) {
      parts.push(`p.function_id = :function`);
      params.function = q.function;
    }
    if (q.skill) {
      parts.push(`p.skill_keys @> :skill::text[]`);
      params.skill = textArray([skillKey(q.skill)]);
    }
    return { sql: parts.join(' and '), params };
  }
  // Client intranet: staff as contact persons (name, photo, function, location); opted-in clients with what they share.
  parts.push(`(p.kind = 'staff' or (p.kind = 'client' and p.opted_in))`);
  const shares = (field: 'lastName' | 'locations' | 'skills') => `'${field}' = any(p.shared_fields)`;
  if (q.q) {
    const like = `%${likeEscape(q.q.toLocaleLowerCase('nl'))}%`;
    parts.push(
      `((p.kind = 'staff' and p.sort_name like :like) or (p.kind = 'client' and (lower(p.first_name) like :like or (${shares('lastName')} and lower(p.last_name) like :like))))`,
    );
    params.like = like;
  }
  if (q.location) {
    parts.push(
      `((p.kind = 'staff' or ${shares('locations')}) and exists (select 1 from "directory"."profile_locations" x where x.user_id = p.user_id and x.location_id = :location))`,
    );
    params.location = q.location;
  }
  if (q.team) parts.push('false'); // team membership is not shown on the client intranet
  if (q.function) {
    parts.push(`(p.kind = 'staff' and p.function_id = :function)`);
    params.function = q.function;
  }
  if (q.skill) {
    parts.push(`(p.kind = 'client' and ${shares('skills')} and p.skill_keys @> :skill::text[])`);
    params.skill = textArray([skillKey(q.skill)]);
  }
  return { sql: parts.join(' and '), params };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of people A–Z (by sort name, then id) after a cursor: the smoelenboek's list, measured by
 * bench/directory-people.bench.ts (people at a location, by skill).
 */
export function peoplePageQuery(
  viewer: Principal,
  q: PeopleQuery,
  after: readonly [string, string] | undefined,
) {
  const where = visibleWhere(viewer, q);
  return bindNamed({
    sql: `select p.user_id, p.sort_name from "directory"."profiles" p
           where ${where.sql} ${after ? 'and (p.sort_name, p.user_id) > (:afterName, :afterId::uuid)' : ''}
           order by p.sort_name, p.user_id limit :limit`,
    params: {
      ...where.params,
      ...(after ? { afterName: after[0], afterId: after[1] } : {}),
      limit: q.limit + 1,
    },
  });
}
