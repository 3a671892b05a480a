import { type Visible, hasRole } from '@plein/auth';
import type { PeopleBook } from './person.cards.js';
import type {
  Attachment,
  Audience,
  Intranet,
  Post,
  PostType,
  Principal,
  ReactionKind,
} from '@plein/contracts';

/**
 * Whether this reader sees comments hidden by moderation (marked): moderators do (the staff role `moderator`),
 * as the visibility rule lets them see hidden posts; everyone else sees only their own hidden comments.
 */
export const seesHiddenComments = (principal: Pick<Principal, 'realm' | 'roles'>): boolean =>
  principal.realm === 'staff' && hasRole(principal, 'moderator');

/** A post as the decorating query (POST_COLUMNS) returns it. */
export interface PostRow {
  id: string;
  seq: string;
  intranet: Intranet;
  type: PostType;
  audience: Audience;
  group_id: string | null;
  author_id: string;
  named_user_ids: string[];
  mention_ids: string[];
  body: string;
  title: string | null;
  series: string | null;
  cover_image: string | null;
  attachments: Attachment[];
  pinned: boolean;
  requires_confirmation: boolean;
  hidden: boolean;
  created_at: string | Date;
  edited_at: string | Date | null;
  comment_count: number;
  reactions: Record<string, number>;
  my_reaction: ReactionKind | null;
  confirmed_by_me: boolean;
}

/**
 * The columns of a post for a reader, over alias `p` of timelines.posts; `reader` is the reader's user id's
 * placeholder (`?`, written three times, or a name). Counts and the reader's own reaction come from small indexed
 * subqueries. The feeds (feed.query.ts) and the single post (post.query.ts) decorate with the same columns.
 * The comment count leaves out comments hidden by moderation, but for their author and (`seesHidden`) moderators.
 */
export const postColumns = (
  reader: '?' | `:${string}`,
  seesHidden: boolean,
) => `p.id, p.seq, p.intranet, p.type, p.audience, p.group_id, p.author_id,
  p.named_user_ids::text[] as named_user_ids, p.mention_ids::text[] as mention_ids, p.body, p.title, p.series,
  p.cover_image, p.attachments, p.pinned, p.requires_confirmation, p.hidden, p.created_at, p.edited_at,
  (select count(*)::int from timelines.comments c where c.post_id = p.id${
    seesHidden ? '' : ` and (not c.hidden or c.author_id = ${reader}::uuid)`
  }) as comment_count,
  (select coalesce(jsonb_object_agg(x.kind, x.n), '{}'::jsonb)
     from (select r.kind, count(*)::int as n from timelines.reactions r where r.post_id = p.id group by r.kind) x) as reactions,
  (select r.kind from timelines.reactions r where r.post_id = p.id and r.user_id = ${reader}::uuid) as my_reaction,
  exists (select 1 from timelines.confirmations k where k.post_id = p.id and k.user_id = ${reader}::uuid) as confirmed_by_me`;

const iso = (v: string | Date): string => new Date(v).toISOString();

/** The visibility fields of a post, as the one rule reads them. */
export const visibleOf = (
  row: Pick<PostRow, 'intranet' | 'audience' | 'group_id' | 'author_id' | 'hidden' | 'named_user_ids'>,
): Visible => ({
  intranet: row.intranet,
  audience: row.audience,
  groupId: row.group_id,
  authorId: row.author_id,
  hidden: row.hidden,
  namedUserIds: row.named_user_ids,
});

/** The people a post shows: its author and whom it mentions (for `PersonCards`). */
export const peopleOf = (rows: readonly Pick<PostRow, 'author_id' | 'mention_ids'>[]): string[] =>
  rows.flatMap((r) => [r.author_id, ...r.mention_ids]);

/**
 * The API shape. People appear as the person rule lets this reader know them (`people`): the author always (their
 * words stay, plainly "Cliënt" when they are nobody to the reader), mentions only of people the reader may know.
 * `namedUserIds` is shown to the author only (whom else a private post is for is theirs).
 */
export function toPost(row: PostRow, people: PeopleBook): Post {
  const readerId = people.reader.userId;
  return {
    id: row.id,
    intranet: row.intranet,
    type: row.type,
    audience: row.audience,
    ...(row.group_id ? { groupId: row.group_id } : {}),
    author: people.author(row.author_id),
    body: row.body,
    ...(row.title ? { title: row.title } : {}),
    ...(row.series ? { series: row.series } : {}),
    ...(row.cover_image ? { coverImage: row.cover_image } : {}),
    attachments: row.attachments,
    ...(row.audience === 'private' && row.author_id === readerId ? { namedUserIds: row.named_user_ids } : {}),
    mentions: row.mention_ids.flatMap((id) => people.named(id) ?? []),
    pinned: row.pinned,
    requiresConfirmation: row.requires_confirmation,
    hidden: row.hidden,
    createdAt: iso(row.created_at),
    ...(row.edited_at ? { editedAt: iso(row.edited_at) } : {}),
    commentCount: row.comment_count,
    reactions: row.reactions,
    ...(row.my_reaction ? { myReaction: row.my_reaction } : {}),
    ...(row.type === 'announcement' && row.requires_confirmation
      ? { confirmedByMe: row.confirmed_by_me }
      : {}),
  };
}
