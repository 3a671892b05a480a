import type { ClientSharedField, PersonKind, Realm } from '@plein/contracts';
import { bindNamed } from '@plein/persistence';
import { uuidArrayLiteral } from '@plein/auth';

export interface FactsRow {
  id: string;
  realm: Realm | null;
  user_name: string | null;
  user_active: boolean | null;
  kind: PersonKind | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  opted_in: boolean | null;
  shared_fields: ClientSharedField[] | null;
  photo_version: string | null;
  active: boolean | null;
}

/**
 * Identity's mirror (users) and the directory's facts (people) of each id, in one indexed read: every feed page
 * (bench/timelines-home-feed.ts) shows its authors and mentions by them, on the prepared read path.
 */
export const factsQuery = (ids: readonly string[]) =>
  bindNamed({
    sql: `select i.id::text as id, u.realm, u.display_name as user_name, u.active as user_active,
      p.kind, p.first_name, p.last_name, p.display_name, p.opted_in, p.shared_fields::text[] as shared_fields,
      p.photo_version, p.active
      from unnest(:ids::uuid[]) as i(id)
      left join timelines.users u on u.id = i.id
      left join timelines.people p on p.user_id = i.id`,
    params: { ids: uuidArrayLiteral(ids) },
  });
