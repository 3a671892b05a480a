import { bindNamed } from '@plein/persistence';

export interface RelationsRow {
  group_ids: string[];
  followed: string[];
  unfollowed_group_ids: string[];
}

/**
 * The groups a reader is a member of (and those whose posts they keep out of their home feed) and the people they
 * follow, in one statement: read on every feed page (bench/timelines-home-feed.ts), on the prepared read path.
 */
export const relationsQuery = (userId: string) =>
  bindNamed({
    sql: `select
     coalesce((select array_agg(m.group_id)::text[] from timelines.group_members m
               where m.user_id = :userId::uuid and m.state in ('admin', 'member')), '{}') as group_ids,
     coalesce((select array_agg(f.followee_id)::text[] from timelines.follows f
               where f.follower_id = :userId::uuid), '{}') as followed,
     coalesce((select array_agg(m.group_id)::text[] from timelines.group_members m
               where m.user_id = :userId::uuid and m.state in ('admin', 'member') and not m.following), '{}')
       as unfollowed_group_ids`,
    params: { userId },
  });
