import { z } from 'zod';
import { defineEvent } from './events.js';
import { PersonCard } from './person.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';

/** Longest post, comment or article body, in characters (Markdown source). */
export const POST_BODY_MAX = 10_000;
export const COMMENT_BODY_MAX = 2_000;
export const FEED_PAGE_MAX = 50;

export const Audience = z.enum(['organization', 'followers', 'group', 'private']);
export type Audience = z.infer<typeof Audience>;
/** `post` anyone writes; `announcement` and `article` only editors (redactie). */
export const PostType = z.enum(['post', 'announcement', 'article']);
export type PostType = z.infer<typeof PostType>;
export const ReactionKind = z.enum(['like', 'heart', 'thanks', 'laugh', 'support']);
export type ReactionKind = z.infer<typeof ReactionKind>;
/** open: anyone joins; closed: join on request, admins approve; secret: invitation only, invisible to others. */
export const GroupKind = z.enum(['open', 'closed', 'secret']);
export type GroupKind = z.infer<typeof GroupKind>;

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

/**
 * Whether a link may be stored to be rendered as one: an `https:` (or `http:`) URL, or a path of Plein itself
 * (`/api/…`, `/mijn/…`). Never `javascript:`, `data:`, `vbscript:`, `file:` or any other scheme, never a
 * protocol-relative `//host` (another site, while looking like a path), and nothing with spaces or control
 * characters that browsers strip before deciding what a link is.
 */
export function isSafeLink(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\s\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A link Plein renders (see `isSafeLink`), or a documents-service id (a uuid). */
export const SafeRef = z
  .string()
  .min(1)
  .max(2000)
  .refine(
    (s) => z.uuid().safeParse(s).success || isSafeLink(s),
    'must be an https:// (or http://) link, a path of Plein itself (starting with one /), or a document id',
  );

export const Attachment = z.object({
  kind: z.enum(['image', 'document', 'link']),
  /** A documents-service id, or an https (http) URL or Plein path; never javascript:, data: or the like. */
  ref: SafeRef,
  title: z.string().max(200).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** A person where they appear in timelines: the person rule's card (person.ts), with their kind. */
export const PersonRef = PersonCard;
export type PersonRef = PersonCard;

const uuidList = (max: number) =>
  z
    .array(z.uuid())
    .max(max)
    .transform((ids) => [...new Set(ids)]);

/** `POST /posts`. */
export const PostCreate = z
  .object({
    type: PostType.default('post'),
    body: nonBlank(POST_BODY_MAX),
    audience: Audience,
    groupId: z.uuid().optional(),
    /** For `private`: the people it is for (besides the author). */
    namedUserIds: uuidList(50).optional(),
    /** People @mentioned; each must be able to see the post. */
    mentions: uuidList(50).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    series: z.string().trim().min(1).max(100).optional(),
    coverImage: SafeRef.optional(),
    attachments: z.array(Attachment).max(20).optional(),
    pinned: z.boolean().optional(),
    requiresConfirmation: z.boolean().optional(),
    /** The author saw the personal-data guard's findings (422 `personal_data`) and posts it anyway. */
    confirmPersonalData: z.boolean().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.audience === 'group' && !p.groupId) issue('groupId', 'a group post needs groupId');
    if (p.audience !== 'group' && p.groupId) issue('groupId', 'groupId belongs to audience group only');
    if (p.audience === 'private' && !p.namedUserIds?.length)
      issue('namedUserIds', 'a private post names at least one person');
    if (p.audience !== 'private' && p.namedUserIds?.length)
      issue('namedUserIds', 'namedUserIds belongs to audience private only');
    if (p.type === 'article' && !p.title) issue('title', 'an article needs a title');
    if (p.type !== 'article' && (p.title || p.series || p.coverImage))
      issue('title', 'title, series and coverImage belong to articles');
    if (p.type !== 'announcement' && (p.pinned || p.requiresConfirmation))
      issue('pinned', 'pinned and requiresConfirmation belong to announcements');
    if (p.type !== 'post' && p.audience !== 'organization')
      issue('audience', 'announcements and articles are for the whole organisation');
  });
export type PostCreate = z.infer<typeof PostCreate>;

/** `PATCH /posts/{id}`: the author edits (history kept); editors may unpin announcements. */
export const PostPatch = z
  .object({
    body: nonBlank(POST_BODY_MAX).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    pinned: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type PostPatch = z.infer<typeof PostPatch>;

export const Post = z.object({
  id: z.uuid(),
  intranet: Intranet,
  type: PostType,
  audience: Audience,
  groupId: z.uuid().optional(),
  author: PersonRef,
  /** Markdown source, returned as text: portals render it sanitised, never as HTML. */
  body: z.string(),
  title: z.string().optional(),
  series: z.string().optional(),
  coverImage: z.string().optional(),
  attachments: z.array(Attachment),
  namedUserIds: z.array(z.uuid()).optional(),
  mentions: z.array(PersonRef),
  pinned: z.boolean(),
  requiresConfirmation: z.boolean(),
  /** Hidden by moderation: only moderators and the author still see it, marked. */
  hidden: z.boolean(),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().optional(),
  commentCount: z.number().int(),
  reactions: z.record(z.string(), z.number().int()),
  myReaction: ReactionKind.optional(),
  confirmedByMe: z.boolean().optional(),
});
export type Post = z.infer<typeof Post>;

export const Comment = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  parentId: z.uuid().optional(),
  author: PersonRef,
  body: z.string(),
  createdAt: z.iso.datetime(),
  /** Hidden by moderation: only moderators and its author still see it, marked (absent when not hidden). */
  hidden: z.boolean().optional(),
});
export type Comment = z.infer<typeof Comment>;

export const PostDetail = Post.extend({ comments: z.array(Comment) });
export type PostDetail = z.infer<typeof PostDetail>;

export const PostVersion = z.object({ body: z.string(), title: z.string().optional(), at: z.iso.datetime() });
export const PostHistory = z.object({ items: z.array(PostVersion) });

export const CommentCreate = z
  .object({
    body: nonBlank(COMMENT_BODY_MAX),
    parentId: z.uuid().optional(),
    /** The author saw the personal-data guard's findings (422 `personal_data`) and comments anyway. */
    confirmPersonalData: z.boolean().optional(),
  })
  .strict();
export const ReactionSet = z.object({ kind: ReactionKind.default('like') }).strict();

export const Feed = z.enum(['home', 'organization', 'news', 'group', 'profile']);
export type Feed = z.infer<typeof Feed>;
export const FeedQuery = z.object({
  feed: Feed,
  groupId: z.uuid().optional(),
  userId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEED_PAGE_MAX).default(20),
});
export const FeedPage = z.object({
  items: z.array(Post),
  nextCursor: z.string().optional(),
  /** Home feed, first page: pinned announcements of the intranet. */
  pinned: z.array(Post).optional(),
});
export type FeedPage = z.infer<typeof FeedPage>;

export const Confirmations = z.object({ confirmed: z.array(PersonRef), notConfirmed: z.array(PersonRef) });

export const FollowList = z.object({ items: z.array(PersonRef) });

export const GroupCreate = z
  .object({
    name: nonBlank(120),
    description: z.string().max(2000).default(''),
    kind: GroupKind.default('open'),
  })
  .strict();
export const Group = z.object({
  id: z.uuid(),
  intranet: Intranet,
  name: z.string(),
  description: z.string(),
  kind: GroupKind,
  workgroup: z.boolean(),
  memberCount: z.number().int(),
  /** The caller's relation: member, admin, requested, invited or none. */
  membership: z.enum(['admin', 'member', 'requested', 'invited', 'none']),
  /** Whether the group's posts come into the caller's home feed: members only, on unless they turned it off. */
  following: z.boolean(),
  /** A workgroup's team in the directory: its members are the team's, kept in sync. */
  teamId: z.uuid().optional(),
  /** A workgroup whose team was deleted: kept for its members to read back, no new posts. */
  archived: z.boolean(),
});
export type Group = z.infer<typeof Group>;
export const GroupList = z.object({ items: z.array(Group) });

/** `POST /groups/{id}/members`: without userId the caller joins (or asks to); with it an admin adds/invites. */
export const MemberAdd = z.object({ userId: z.uuid().optional() }).strict();
export const Membership = z.object({
  groupId: z.uuid(),
  userId: z.uuid(),
  state: z.enum(['admin', 'member', 'requested', 'invited']),
});
export type Membership = z.infer<typeof Membership>;
export const MemberList = z.object({
  items: z.array(PersonRef.extend({ state: Membership.shape.state })),
});

const id = z.object({ id: z.uuid() });
const postId = z.object({ postId: z.uuid() });
const ok = z.object({ ok: z.literal(true) });

export const TimelinesRpc = {
  createPost: defineRpc('timelines.post.create', PostCreate, Post),
  getPost: defineRpc('timelines.post.get', id, PostDetail),
  updatePost: defineRpc('timelines.post.update', id.extend({ patch: PostPatch }), Post),
  deletePost: defineRpc('timelines.post.delete', id, ok),
  /** Moderation: hide or restore (moderators only). */
  hidePost: defineRpc('timelines.post.hide', id.extend({ hidden: z.boolean() }), Post),
  postHistory: defineRpc('timelines.post.history', id, PostHistory),
  createComment: defineRpc('timelines.comment.create', postId.extend(CommentCreate.shape), Comment),
  setReaction: defineRpc('timelines.reaction.set', postId.extend(ReactionSet.shape), Post),
  removeReaction: defineRpc('timelines.reaction.remove', postId, Post),
  confirmRead: defineRpc('timelines.confirmation.create', postId, Post),
  listConfirmations: defineRpc('timelines.confirmation.list', postId, Confirmations),
  feed: defineRpc('timelines.feed.get', FeedQuery, FeedPage),
  listFollows: defineRpc('timelines.follow.list', z.object({}), FollowList),
  follow: defineRpc('timelines.follow.put', z.object({ userId: z.uuid() }), ok),
  unfollow: defineRpc('timelines.follow.delete', z.object({ userId: z.uuid() }), ok),
  listGroups: defineRpc('timelines.group.list', z.object({}), GroupList),
  createGroup: defineRpc('timelines.group.create', GroupCreate, Group),
  getGroup: defineRpc('timelines.group.get', id, Group),
  addMember: defineRpc(
    'timelines.member.add',
    z.object({ groupId: z.uuid() }).extend(MemberAdd.shape),
    Membership,
  ),
  listMembers: defineRpc('timelines.member.list', z.object({ groupId: z.uuid() }), MemberList),
  removeMember: defineRpc('timelines.member.remove', z.object({ groupId: z.uuid(), userId: z.uuid() }), ok),
  /** Members only: the group's posts come into (or stay out of) the caller's home feed. Idempotent. */
  followGroup: defineRpc('timelines.group.follow', z.object({ groupId: z.uuid() }), ok),
  unfollowGroup: defineRpc('timelines.group.unfollow', z.object({ groupId: z.uuid() }), ok),
} as const;

/** What search and notifications need to apply the visibility rule themselves. */
const PostVisibility = z.object({
  postId: z.uuid(),
  intranet: Intranet,
  type: PostType,
  audience: Audience,
  groupId: z.uuid().nullable(),
  authorId: z.uuid(),
  namedUserIds: z.array(z.uuid()),
  hidden: z.boolean(),
});

export const PostCreated = defineEvent(
  'plein.timelines.post.created',
  PostVisibility.extend({
    body: z.string(),
    title: z.string().nullable(),
    createdAt: z.iso.datetime(),
    /** An announcement that asks everyone to confirm they read it (notifications tells them). */
    requiresConfirmation: z.boolean().optional(),
  }),
);
export const PostUpdated = defineEvent(
  'plein.timelines.post.updated',
  PostVisibility.extend({ body: z.string(), title: z.string().nullable(), pinned: z.boolean() }),
);
export const PostDeleted = defineEvent(
  'plein.timelines.post.deleted',
  z.object({ postId: z.uuid(), intranet: Intranet, byUserId: z.uuid(), removedByModeration: z.boolean() }),
);
export const CommentCreated = defineEvent(
  'plein.timelines.comment.created',
  z.object({
    commentId: z.uuid(),
    postId: z.uuid(),
    parentId: z.uuid().nullable(),
    authorId: z.uuid(),
    postAuthorId: z.uuid(),
    intranet: Intranet,
    body: z.string(),
  }),
);
export const ReactionAdded = defineEvent(
  'plein.timelines.reaction.added',
  z.object({ postId: z.uuid(), userId: z.uuid(), postAuthorId: z.uuid(), kind: ReactionKind }),
);
/** Only ever emitted for people who can see the post. */
export const MentionCreated = defineEvent(
  'plein.timelines.mention.created',
  z.object({ postId: z.uuid(), mentionedUserId: z.uuid(), byUserId: z.uuid(), intranet: Intranet }),
);
/** `byUserId` is null and `teamId` set when the directory's team sync added the person to a workgroup. */
export const GroupMemberAdded = defineEvent(
  'plein.timelines.group.member-added',
  z.object({
    groupId: z.uuid(),
    userId: z.uuid(),
    role: z.enum(['admin', 'member']),
    byUserId: z.uuid().nullable(),
    teamId: z.uuid().optional(),
  }),
);
