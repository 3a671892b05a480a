import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { hasRole, intranetsOf } from '@plein/auth';
import {
  MentionCreated,
  PleinError,
  type Post,
  PostCreated,
  type PostCreate,
  PostDeleted,
  type PostDetail,
  type PostPatch,
  PostUpdated,
  type Principal,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { PostRecord } from './entities/post.entity.js';
import { MentionCheck } from './mention.check.js';
import { People, personInactive } from './people.service.js';
import { checkPersonalData } from './personal-data.check.js';
import { PersonCards } from './person.cards.js';
import { type PostRow, peopleOf, seesHiddenComments, toPost } from './post.rows.js';
import { type ReaderContext, ReaderContexts, readable } from './reader.context.js';
import { CommentRepository } from './repositories/comment.repository.js';
import { GroupRepository } from './repositories/group.repository.js';
import { PostRepository } from './repositories/post.repository.js';
import { SERVICE } from './timelines.config.js';

/** One answer for "does not exist" and "you may not see it", so existence never leaks. */
const noSuchPost = () => notFound('No such post');

export const isStaffWith = (p: Principal, role: 'editor' | 'moderator') =>
  p.realm === 'staff' && hasRole(p, role);

/** The visibility fields of a post as its events carry them. */
const eventVisibility = (post: PostRecord) => ({
  postId: post.id,
  intranet: post.intranet,
  type: post.type,
  audience: post.audience,
  groupId: post.groupId ?? null,
  authorId: post.authorId,
  namedUserIds: post.namedUserIds,
  hidden: post.hidden,
});

/** The rule's view of a stored post (the columns `readable` reads). */
const ruleFieldsOf = (post: PostRecord) => ({
  intranet: post.intranet,
  audience: post.audience,
  group_id: post.groupId ?? null,
  author_id: post.authorId,
  hidden: post.hidden,
  named_user_ids: post.namedUserIds,
});

/**
 * Posts: write, read one, edit, delete, hide (a moderator's RPC and moderation's events), the edit history.
 * Comments, reactions, read confirmations and mentions have their own services beside this one.
 */
@Injectable()
export class PostService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly cards: PersonCards,
    private readonly mentions: MentionCheck,
  ) {}

  /** The post as this reader sees it, or 404. */
  async readableRow(ctx: ReaderContext, id: string, em: EntityManager = this.em): Promise<PostRow> {
    const row = await new PostRepository(em).forReader(
      ctx.principal.userId,
      seesHiddenComments(ctx.principal),
      id,
    );
    if (!row || !readable(ctx, row)) throw noSuchPost();
    return row;
  }

  /** The post as this reader sees it now (after a change). */
  async fresh(principal: Principal, id: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, id);
    return toPost(row, await this.cards.book(principal, peopleOf([row])));
  }

  async get(principal: Principal, id: string): Promise<PostDetail> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, id);
    const comments = await new CommentRepository(this.em).ofPost(id, {
      userId: principal.userId,
      seesHidden: seesHiddenComments(principal),
    });
    const people = await this.cards.book(principal, [...peopleOf([row]), ...comments.map((c) => c.authorId)]);
    return {
      ...toPost(row, people),
      comments: comments.map((c) => ({
        id: c.id,
        postId: id,
        ...(c.parentId ? { parentId: c.parentId } : {}),
        author: people.author(c.authorId),
        body: c.body,
        createdAt: c.createdAt.toISOString(),
        ...(c.hidden ? { hidden: true } : {}),
      })),
    };
  }

  async create(principal: Principal, input: PostCreate): Promise<Post> {
    if (input.type !== 'post' && !isStaffWith(principal, 'editor'))
      throw forbidden('Only the editorial board (redactie) publishes announcements and articles');
    checkPersonalData(principal, { body: input.body, title: input.title }, input.confirmPersonalData);
    const id = randomUUID();
    const intranet = principal.intranet;
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      const ctx = await this.readers.of(principal, tx);
      if (input.audience === 'group') await this.assertCanPostInGroup(tx, ctx, input.groupId!);
      const named = input.namedUserIds?.filter((u) => u !== principal.userId) ?? [];
      if (input.audience === 'private') {
        const known = await this.people.resolve(named, principal, tx);
        // someone the author may not know of is answered as an id that does not exist (person rule)
        const book = await this.cards.book(principal, named, tx, known);
        const outside = named.filter((u) => {
          const user = known.get(u);
          return !user || !book.mayKnow(u) || !intranetsOf(user.realm).includes(intranet);
        });
        const inactive = named.filter((u) => known.get(u)?.active === false && book.mayKnow(u));
        if (inactive.length > 0) throw personInactive(inactive, 'named in a post');
        if (outside.length > 0 || named.length === 0)
          throw new PleinError(400, 'named_person_not_allowed', 'A named person cannot enter this intranet', {
            userIds: outside,
          });
      }
      const visible = {
        intranet,
        audience: input.audience,
        group_id: input.groupId ?? null,
        author_id: principal.userId,
        hidden: false,
        named_user_ids: named,
      };
      const mentions = await this.mentions.check(tx, principal, input.mentions ?? [], visible);
      const post = await new PostRepository(tx).create({
        id,
        intranet,
        type: input.type,
        audience: input.audience,
        groupId: input.groupId ?? null,
        authorId: principal.userId,
        namedUserIds: named,
        mentionIds: mentions,
        body: input.body,
        title: input.title ?? null,
        series: input.series ?? null,
        coverImage: input.coverImage ?? null,
        attachments: input.attachments ?? [],
        pinned: input.pinned ?? false,
        requiresConfirmation: input.requiresConfirmation ?? false,
      });
      recordEvent(
        tx,
        PostCreated,
        {
          ...eventVisibility(post),
          body: post.body,
          title: post.title ?? null,
          createdAt: post.createdAt.toISOString(),
          ...(post.requiresConfirmation ? { requiresConfirmation: true } : {}),
        },
        SERVICE,
      );
      for (const mentioned of mentions)
        recordEvent(
          tx,
          MentionCreated,
          { postId: id, mentionedUserId: mentioned, byUserId: principal.userId, intranet },
          SERVICE,
        );
    });
    return this.fresh(principal, id);
  }

  async update(principal: Principal, id: string, patch: PostPatch): Promise<Post> {
    await this.em.transactional(async (tx) => {
      const posts = new PostRepository(tx);
      const post = await this.lockReadable(tx, principal, id);
      const isAuthor = post.authorId === principal.userId;
      if ((patch.body !== undefined || patch.title !== undefined) && !isAuthor)
        throw forbidden('Only the author edits a post');
      if (patch.title !== undefined && post.type !== 'article')
        throw badRequest('Only articles have a title');
      if (patch.pinned !== undefined) {
        if (post.type !== 'announcement') throw badRequest('Only announcements are pinned');
        if (!isStaffWith(principal, 'editor')) throw forbidden('Only the editorial board pins announcements');
      }
      const edited = patch.body !== undefined || patch.title !== undefined;
      if (edited) await posts.keepVersion(post);
      await posts.update(post, patch, edited);
      recordEvent(
        tx,
        PostUpdated,
        { ...eventVisibility(post), body: post.body, title: post.title ?? null, pinned: post.pinned },
        SERVICE,
      );
    });
    return this.fresh(principal, id);
  }

  /** The author deletes; editors and moderators remove (both only what they can see). */
  async delete(principal: Principal, id: string): Promise<{ ok: true }> {
    await this.em.transactional(async (tx) => {
      const post = await this.lockReadable(tx, principal, id);
      const isAuthor = post.authorId === principal.userId;
      if (!isAuthor && !isStaffWith(principal, 'editor') && !isStaffWith(principal, 'moderator'))
        throw forbidden('Only the author, editors and moderators remove a post');
      await new PostRepository(tx).remove(id);
      recordEvent(
        tx,
        PostDeleted,
        { postId: id, intranet: post.intranet, byUserId: principal.userId, removedByModeration: !isAuthor },
        SERVICE,
      );
    });
    return { ok: true };
  }

  /** Moderation hides or restores; the author and moderators still see it, marked. */
  async hide(principal: Principal, id: string, hidden: boolean): Promise<Post> {
    await this.em.transactional(async (tx) => {
      const post = await this.lockReadable(tx, principal, id);
      if (!isStaffWith(principal, 'moderator')) throw forbidden('Only moderators hide posts');
      await this.setHidden(tx, post, hidden, null);
    });
    return this.fresh(principal, id);
  }

  /**
   * The moderation service's decision (plein.moderation.content.hidden|restored) about a post, taken `at`.
   * The newest decision wins, whichever order the events arrive in (and a moderator's own hide through
   * the RPC counts as one); a post that no longer exists needs nothing.
   */
  async moderate(tx: EntityManager, id: string, hidden: boolean, at: string): Promise<void> {
    const post = await new PostRepository(tx).findForUpdate(id);
    const when = new Date(at);
    if (!post || (post.moderatedAt && post.moderatedAt >= when)) return;
    await this.setHidden(tx, post, hidden, when);
  }

  /**
   * The moderation service's decision about a comment, taken `at` (the newest decision wins, as for posts). When
   * it changed the comment, `post.updated` tells the live feeds to read the post again: its comment count is
   * each reader's own (a hidden comment counts only for its author and moderators).
   */
  async moderateComment(tx: EntityManager, id: string, hidden: boolean, at: string): Promise<void> {
    const comment = await new CommentRepository(tx).findForUpdate(id);
    const when = new Date(at);
    if (!comment || (comment.moderatedAt && comment.moderatedAt >= when)) return;
    if (!(await new CommentRepository(tx).setHidden(comment, hidden, when))) return;
    const post = await new PostRepository(tx).find(comment.postId);
    if (post)
      recordEvent(
        tx,
        PostUpdated,
        { ...eventVisibility(post), body: post.body, title: post.title ?? null, pinned: post.pinned },
        SERVICE,
      );
  }

  /** Idempotent: records post.updated only when the post changed. */
  private async setHidden(
    tx: EntityManager,
    post: PostRecord,
    hidden: boolean,
    /** When the decision was taken (an event's time); null: now. */
    at: Date | null,
  ): Promise<void> {
    if (await new PostRepository(tx).setHidden(post, hidden, at))
      recordEvent(
        tx,
        PostUpdated,
        { ...eventVisibility(post), body: post.body, title: post.title ?? null, pinned: post.pinned },
        SERVICE,
      );
  }

  async history(
    principal: Principal,
    id: string,
  ): Promise<{ items: { body: string; title?: string; at: string }[] }> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, id);
    if (
      row.author_id !== principal.userId &&
      !isStaffWith(principal, 'moderator') &&
      !isStaffWith(principal, 'editor')
    )
      throw forbidden('Only the author, editors and moderators see the edit history');
    const versions = await new PostRepository(this.em).versions(id);
    return {
      items: versions.map((v) => ({
        body: v.body,
        ...(v.title ? { title: v.title } : {}),
        at: new Date(v.at).toISOString(),
      })),
    };
  }

  /** The post, locked until the transaction ends, if the reader may see it (else 404). */
  private async lockReadable(tx: EntityManager, principal: Principal, id: string): Promise<PostRecord> {
    const post = await new PostRepository(tx).findForUpdate(id);
    const ctx = await this.readers.of(principal, tx);
    if (!post || !readable(ctx, ruleFieldsOf(post))) throw noSuchPost();
    return post;
  }

  /** The author must be a member of the group, in this intranet. Invisible groups are 404. */
  private async assertCanPostInGroup(tx: EntityManager, ctx: ReaderContext, groupId: string): Promise<void> {
    const group = await new GroupRepository(tx).forPosting(ctx.principal.userId, groupId);
    const member = group?.state === 'admin' || group?.state === 'member';
    if (
      !group ||
      group.intranet !== ctx.principal.intranet ||
      (group.kind === 'secret' && !group.state) ||
      (group.archived && !member)
    )
      throw notFound('No such group');
    if (!member) throw forbidden('Only members post in this group');
    if (group.archived)
      throw new PleinError(409, 'group_archived', 'This workgroup is archived (its team was dissolved)');
  }
}
