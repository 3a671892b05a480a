import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Attachment, Audience, Intranet, PostType } from '@plein/contracts';

/**
 * A post: its visibility fields (the rule of `@plein/auth`), its words and its flags. `seq` (the feeds' order) is
 * given by PostgreSQL on insert and read by the feed queries only, so it is not a property here.
 */
export const PostEntity = defineEntity({
  name: 'Post',
  tableName: 'posts',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    type: p.string().$type<PostType>(),
    audience: p.string().$type<Audience>(),
    groupId: p.uuid().nullable(),
    authorId: p.uuid(),
    namedUserIds: p.array().$type<string[]>(),
    mentionIds: p.array().$type<string[]>(),
    body: p.text(),
    title: p.text().nullable(),
    series: p.text().nullable(),
    coverImage: p.text().nullable(),
    attachments: p.json<Attachment[]>(),
    pinned: p.boolean(),
    requiresConfirmation: p.boolean(),
    hidden: p.boolean(),
    createdAt: p.datetime().onCreate(() => new Date()),
    editedAt: p.datetime().nullable(),
    /** When moderation last hid or restored the post (the newest decision wins). */
    moderatedAt: p.datetime().nullable(),
  },
});
export type PostRecord = InstanceType<typeof PostEntity.class>;

/** An earlier text of a post, kept on every edit (1, 2, … per post). */
export const PostVersionEntity = defineEntity({
  name: 'PostVersion',
  tableName: 'post_versions',
  properties: {
    postId: p.uuid().primary(),
    version: p.integer().primary(),
    body: p.text(),
    title: p.text().nullable(),
    at: p.datetime(),
  },
});

/** A comment on a post, or a reply to one (one level deep). */
export const CommentEntity = defineEntity({
  name: 'Comment',
  tableName: 'comments',
  properties: {
    id: p.uuid().primary(),
    postId: p.uuid(),
    parentId: p.uuid().nullable(),
    authorId: p.uuid(),
    body: p.text(),
    /** Hidden by moderation: only its author and moderators still see it, marked. */
    hidden: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** When moderation last hid or restored the comment (the newest decision wins). */
    moderatedAt: p.datetime().nullable(),
  },
});
export type CommentRecord = InstanceType<typeof CommentEntity.class>;

/** One person's reaction to a post (one per person; a new kind replaces the old). */
export const ReactionEntity = defineEntity({
  name: 'Reaction',
  tableName: 'reactions',
  properties: {
    postId: p.uuid().primary(),
    userId: p.uuid().primary(),
    kind: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** "Gelezen": a person confirmed reading an announcement that asks for it. */
export const ConfirmationEntity = defineEntity({
  name: 'Confirmation',
  tableName: 'confirmations',
  properties: {
    postId: p.uuid().primary(),
    userId: p.uuid().primary(),
    at: p.datetime().onCreate(() => new Date()),
  },
});
