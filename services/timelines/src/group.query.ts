import type { Membership } from '@plein/contracts';
import { bindNamed } from '@plein/persistence';

/** A group as lists and pages show it: with its member count and the reader's membership. */
export interface GroupRow {
  id: string;
  intranet: 'staff' | 'client';
  name: string;
  description: string;
  kind: 'open' | 'closed' | 'secret';
  workgroup: boolean;
  team_id: string | null;
  archived: boolean;
  member_count: number;
  state: Membership['state'] | null;
  following: boolean | null;
}

const GROUP_COLUMNS = `g.id, g.intranet, g.name, g.description, g.kind, g.workgroup, g.team_id,
  g.archived_at is not null as archived,
  (select count(*)::int from timelines.group_members c where c.group_id = g.id and c.state in ('admin', 'member')) as member_count,
  m.state, m.following`;

/** One group with the reader's membership (the caller decides whether the reader may know it). */
export const groupForReaderQuery = (readerId: string, id: string) =>
  bindNamed({
    sql: `select ${GROUP_COLUMNS} from timelines.groups g
          left join timelines.group_members m on m.group_id = g.id and m.user_id = :readerId where g.id = :id`,
    params: { readerId, id },
  });

/** The groups of an intranet the reader may know (not secret unless in it; archived only for members). */
export const groupsForReaderQuery = (readerId: string, intranet: string) =>
  bindNamed({
    sql: `select ${GROUP_COLUMNS} from timelines.groups g
          left join timelines.group_members m on m.group_id = g.id and m.user_id = :readerId
          where g.intranet = :intranet and (g.kind <> 'secret' or m.state is not null)
            and (g.archived_at is null or m.state in ('admin', 'member'))
          order by g.name, g.id limit 500`,
    params: { readerId, intranet },
  });

/** What a post's author needs to know of the group they post in: where it is, and their membership. */
export const postingGroupQuery = (userId: string, groupId: string) =>
  bindNamed({
    sql: `select g.intranet, g.kind, g.archived_at is not null as archived, m.state from timelines.groups g
          left join timelines.group_members m on m.group_id = g.id and m.user_id = :userId
          where g.id = :groupId`,
    params: { userId, groupId },
  });
