import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { canRead, hasRole, intranetsOf, uuidArrayLiteral } from '@plein/auth';
import {
  type Comment,
  CommentCreated,
  CommentCreate,
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
  ReactionAdded,
  type ReactionKind,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { People, personInactive } from './people.service.js';
import { PersonCards } from './person.cards.js';
import { POST_COLUMNS, type PostRow, peopleOf, toPost, visibleOf } from './post.rows.js';
import { type ReaderContext, ReaderContexts, readable } from './reader.context.js';
import { SERVICE } from './timelines.config.js';

/** One answer for "does not exist" and "you may not see it", so existence never leaks. */
const noSuchPost = () => notFound('No such post');

const isStaffWith = (p: Principal, role: 'editor' | 'moderator') => p.realm === 'staff' && hasRole(p, role);

/** Posts: write, read one, edit, delete, hide; comments, reactions, read confirmations. */
@Injectable()
export class PostService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly cards: PersonCards,
  ) {}

  /** The post as this reader sees it, or 404. */
  async readableRow(ctx: ReaderContext, id: string, em: EntityManager = this.em): Promise<PostRow> {
    const [row] = await em.execute<PostRow[]>(
      `select ${POST_COLUMNS} from timelines.posts p where p.id = ?`,
      [ctx.principal.userId, ctx.principal.userId, id],
    );
    if (!row || !readable(ctx, row)) throw noSuchPost();
    return row;
  }

  async get(principal: Principal, id: string): Promise<PostDetail> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, id);
    const comments = await this.em.execute<
      {
        id: string;
        parent_id: string | null;
        author_id: string;
        body: string;
        created_at: string;
      }[]
    >(
      `select c.id, c.parent_id, c.author_id, c.body, c.created_at
       from timelines.comments c where c.post_id = ? order by c.created_at, c.id limit 500`,
      [id],
    );
    const people = await this.cards.book(principal, [
      ...peopleOf([row]),
      ...comments.map((c) => c.author_id),
    ]);
    return {
      ...toPost(row, people),
      comments: comments.map((c) => ({
        id: c.id,
        postId: id,
        ...(c.parent_id ? { parentId: c.parent_id } : {}),
        author: people.author(c.author_id),
        body: c.body,
        createdAt: new Date(c.created_at).toISOString(),
      })),
    };
  }

  async create(principal: Principal, input: PostCreate): Promise<Post> {
    if (input.type !== 'post' && !isStaffWith(principal, 'editor'))
      throw forbidden('Only the editorial board (redactie) publishes announcements and articles');
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
      const mentions = await this.checkMentions(tx, principal, input.mentions ?? [], visible);
      const [inserted] = await tx.execute<{ created_at: string }[]>(
        `insert into timelines.posts (id, intranet, type, audience, group_id, author_id, named_user_ids, mention_ids,
           body, title, series, cover_image, attachments, pinned, requires_confirmation)
         values (?, ?, ?, ?, ?, ?, ?::uuid[], ?::uuid[], ?, ?, ?, ?, ?::jsonb, ?, ?) returning created_at`,
        [
          id,
          intranet,
          input.type,
          input.audience,
          input.groupId ?? null,
          principal.userId,
          uuidArrayLiteral(named),
          uuidArrayLiteral(mentions),
          input.body,
          input.title ?? null,
          input.series ?? null,
          input.coverImage ?? null,
          JSON.stringify(input.attachments ?? []),
          input.pinned ?? false,
          input.requiresConfirmation ?? false,
        ],
      );
      recordEvent(
        tx,
        PostCreated,
        {
          postId: id,
          intranet,
          type: input.type,
          audience: input.audience,
          groupId: input.groupId ?? null,
          authorId: principal.userId,
          namedUserIds: named,
          hidden: false,
          body: input.body,
          title: input.title ?? null,
          createdAt: new Date(inserted!.created_at).toISOString(),
          ...(input.requiresConfirmation ? { requiresConfirmation: true } : {}),
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
      const ctx = await this.readers.of(principal, tx);
      const row = await this.lockReadable(tx, ctx, id);
      const isAuthor = row.author_id === principal.userId;
      if ((patch.body !== undefined || patch.title !== undefined) && !isAuthor)
        throw forbidden('Only the author edits a post');
      if (patch.title !== undefined && row.type !== 'article') throw badRequest('Only articles have a title');
      if (patch.pinned !== undefined) {
        if (row.type !== 'announcement') throw badRequest('Only announcements are pinned');
        if (!isStaffWith(principal, 'editor')) throw forbidden('Only the editorial board pins announcements');
      }
      if (patch.body !== undefined || patch.title !== undefined) {
        await tx.execute(
          `insert into timelines.post_versions (post_id, version, body, title, at)
           select ?, coalesce(max(version), 0) + 1, ?, ?, coalesce(?::timestamptz, ?::timestamptz)
           from timelines.post_versions where post_id = ?`,
          [id, row.body, row.title, row.edited_at, row.created_at, id],
        );
      }
      const [updated] = await tx.execute<{ body: string; title: string | null; pinned: boolean }[]>(
        `update timelines.posts set body = coalesce(?, body), title = coalesce(?, title), pinned = coalesce(?, pinned),
           edited_at = case when ?::boolean then now() else edited_at end
         where id = ? returning body, title, pinned`,
        [
          patch.body ?? null,
          patch.title ?? null,
          patch.pinned ?? null,
          patch.body !== undefined || patch.title !== undefined,
          id,
        ],
      );
      recordEvent(
        tx,
        PostUpdated,
        { ...this.visibilityOf(row), body: updated!.body, title: updated!.title, pinned: updated!.pinned },
        SERVICE,
      );
    });
    return this.fresh(principal, id);
  }

  /** The author deletes; editors and moderators remove (both only what they can see). */
  async delete(principal: Principal, id: string): Promise<{ ok: true }> {
    await this.em.transactional(async (tx) => {
      const ctx = await this.readers.of(principal, tx);
      const row = await this.lockReadable(tx, ctx, id);
      const isAuthor = row.author_id === principal.userId;
      if (!isAuthor && !isStaffWith(principal, 'editor') && !isStaffWith(principal, 'moderator'))
        throw forbidden('Only the author, editors and moderators remove a post');
      await tx.execute('delete from timelines.posts where id = ?', [id]);
      recordEvent(
        tx,
        PostDeleted,
        { postId: id, intranet: row.intranet, byUserId: principal.userId, removedByModeration: !isAuthor },
        SERVICE,
      );
    });
    return { ok: true };
  }

  /** Moderation hides or restores; the author and moderators still see it, marked. */
  async hide(principal: Principal, id: string, hidden: boolean): Promise<Post> {
    await this.em.transactional(async (tx) => {
      const ctx = await this.readers.of(principal, tx);
      const row = await this.lockReadable(tx, ctx, id);
      if (!isStaffWith(principal, 'moderator')) throw forbidden('Only moderators hide posts');
      await this.setHidden(tx, row, hidden, null);
    });
    return this.fresh(principal, id);
  }

  /**
   * The moderation service's decision (plein.moderation.content.hidden|restored) about a post, taken `at`.
   * The newest decision wins, whichever order the events arrive in (and a moderator's own hide through
   * the RPC counts as one); a post that no longer exists needs nothing.
   */
  async moderate(tx: EntityManager, id: string, hidden: boolean, at: string): Promise<void> {
    const [row] = await tx.execute<(PostRow & { newer: boolean })[]>(
      `select ${POST_COLUMNS}, coalesce(p.moderated_at >= ?::timestamptz, false) as newer
       from timelines.posts p where p.id = ? for update of p`,
      [null, null, at, id],
    );
    if (!row || row.newer) return;
    await this.setHidden(tx, row, hidden, at);
  }

  /** Also used by the moderation event consumer: idempotent, records post.updated on a change. */
  async setHidden(
    tx: EntityManager,
    row: Pick<
      PostRow,
      | 'id'
      | 'intranet'
      | 'type'
      | 'audience'
      | 'group_id'
      | 'author_id'
      | 'named_user_ids'
      | 'body'
      | 'title'
      | 'pinned'
    >,
    hidden: boolean,
    /** When the decision was taken (an event's time); null: now. */
    at: string | null,
  ): Promise<void> {
    const [changed] = await tx.execute<{ changed: boolean }[]>(
      `update timelines.posts n set hidden = ?, moderated_at = coalesce(?::timestamptz, now())
       from timelines.posts o where n.id = ? and o.id = n.id returning o.hidden <> n.hidden as changed`,
      [hidden, at, row.id],
    );
    if (changed?.changed)
      recordEvent(
        tx,
        PostUpdated,
        { ...this.visibilityOf({ ...row, hidden }), body: row.body, title: row.title, pinned: row.pinned },
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
    const versions = await this.em.execute<{ body: string; title: string | null; at: string }[]>(
      'select body, title, at from timelines.post_versions where post_id = ? order by version',
      [id],
    );
    return {
      items: versions.map((v) => ({
        body: v.body,
        ...(v.title ? { title: v.title } : {}),
        at: new Date(v.at).toISOString(),
      })),
    };
  }

  async comment(
    principal: Principal,
    postId: string,
    input: z.infer<typeof CommentCreate>,
  ): Promise<Comment> {
    const id = randomUUID();
    let createdAt = '';
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      const ctx = await this.readers.of(principal, tx);
      const row = await this.readableRow(ctx, postId, tx);
      if (input.parentId) {
        const [parent] = await tx.execute<{ parent_id: string | null }[]>(
          'select parent_id from timelines.comments where id = ? and post_id = ?',
          [input.parentId, postId],
        );
        if (!parent) throw badRequest('parentId is not a comment on this post');
        if (parent.parent_id) throw badRequest('Replies go one level deep: answer the comment itself');
      }
      const [inserted] = await tx.execute<{ created_at: string }[]>(
        'insert into timelines.comments (id, post_id, parent_id, author_id, body) values (?, ?, ?, ?, ?) returning created_at',
        [id, postId, input.parentId ?? null, principal.userId, input.body],
      );
      createdAt = new Date(inserted!.created_at).toISOString();
      recordEvent(
        tx,
        CommentCreated,
        {
          commentId: id,
          postId,
          parentId: input.parentId ?? null,
          authorId: principal.userId,
          postAuthorId: row.author_id,
          intranet: row.intranet,
          body: input.body,
        },
        SERVICE,
      );
    });
    return {
      id,
      postId,
      ...(input.parentId ? { parentId: input.parentId } : {}),
      author: (await this.cards.book(principal, [principal.userId])).author(principal.userId),
      body: input.body,
      createdAt,
    };
  }

  async react(principal: Principal, postId: string, kind: ReactionKind): Promise<Post> {
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      const ctx = await this.readers.of(principal, tx);
      const row = await this.readableRow(ctx, postId, tx);
      const changed = await tx.execute<{ post_id: string }[]>(
        `insert into timelines.reactions (post_id, user_id, kind) values (?, ?, ?)
         on conflict (post_id, user_id) do update set kind = excluded.kind, created_at = now()
         where reactions.kind <> excluded.kind returning post_id`,
        [postId, principal.userId, kind],
      );
      if (changed.length > 0)
        recordEvent(
          tx,
          ReactionAdded,
          { postId, userId: principal.userId, postAuthorId: row.author_id, kind },
          SERVICE,
        );
    });
    return this.fresh(principal, postId);
  }

  async unreact(principal: Principal, postId: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    await this.readableRow(ctx, postId);
    await this.em.execute('delete from timelines.reactions where post_id = ? and user_id = ?', [
      postId,
      principal.userId,
    ]);
    return this.fresh(principal, postId);
  }

  /** "Gelezen": confirms having read an announcement that asks for it. */
  async confirm(principal: Principal, postId: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, postId);
    if (row.type !== 'announcement' || !row.requires_confirmation)
      throw badRequest('This post does not ask for a read confirmation');
    await this.people.remember(principal);
    await this.em.execute(
      'insert into timelines.confirmations (post_id, user_id) values (?, ?) on conflict do nothing',
      [postId, principal.userId],
    );
    return this.fresh(principal, postId);
  }

  /** Who has and has not confirmed: everyone Plein knows who can read the announcement. */
  async confirmations(principal: Principal, postId: string) {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, postId);
    if (row.author_id !== principal.userId && !isStaffWith(principal, 'editor'))
      throw forbidden('Only the author and the editorial board see who confirmed');
    const people = await this.em.execute<
      { id: string; realm: 'staff' | 'clients'; display_name: string; confirmed: boolean }[]
    >(
      `select u.id, u.realm, u.display_name, k.user_id is not null as confirmed
       from timelines.users u left join timelines.confirmations k on k.post_id = ? and k.user_id = u.id
       where u.realm = any(?::text[]) order by u.display_name, u.id`,
      [postId, row.intranet === 'staff' ? '{staff}' : '{staff,clients}'],
    );
    const visible = visibleOf(row);
    const readers = people.filter((u) =>
      canRead(
        { principal: { realm: u.realm, userId: u.id, roles: [], groupIds: [] }, follows: () => false },
        visible,
      ),
    );
    const book = await this.cards.book(
      principal,
      readers.map((u) => u.id),
    );
    const cards = (list: typeof readers) => list.flatMap((u) => book.card(u.id) ?? []);
    return {
      confirmed: cards(readers.filter((u) => u.confirmed)),
      notConfirmed: cards(readers.filter((u) => !u.confirmed)),
    };
  }

  private async fresh(principal: Principal, id: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    const row = await this.readableRow(ctx, id);
    return toPost(row, await this.cards.book(principal, peopleOf([row])));
  }

  private async lockReadable(tx: EntityManager, ctx: ReaderContext, id: string): Promise<PostRow> {
    await tx.execute('select id from timelines.posts where id = ? for update', [id]);
    return this.readableRow(ctx, id, tx);
  }

  private visibilityOf(
    row: Pick<
      PostRow,
      'id' | 'intranet' | 'type' | 'audience' | 'group_id' | 'author_id' | 'named_user_ids' | 'hidden'
    >,
  ) {
    return {
      postId: row.id,
      intranet: row.intranet,
      type: row.type,
      audience: row.audience,
      groupId: row.group_id,
      authorId: row.author_id,
      namedUserIds: row.named_user_ids,
      hidden: row.hidden,
    };
  }

  /** The author must be a member of the group, in this intranet. Invisible groups are 404. */
  private async assertCanPostInGroup(tx: EntityManager, ctx: ReaderContext, groupId: string): Promise<void> {
    const [group] = await tx.execute<
      { intranet: string; kind: string; archived: boolean; state: string | null }[]
    >(
      `select g.intranet, g.kind, g.archived_at is not null as archived, m.state from timelines.groups g
       left join timelines.group_members m on m.group_id = g.id and m.user_id = ?
       where g.id = ?`,
      [ctx.principal.userId, groupId],
    );
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

  /**
   * Every mentioned person must be able to see the post, by the same rule; otherwise the post is refused
   * (a mention is a notification, and a notification about a post one cannot read would leak it).
   * A deactivated person cannot be mentioned at all (422 `person_inactive`). Someone timelines has not learnt
   * of yet is asked of identity (`People.resolve`).
   */
  private async checkMentions(
    tx: EntityManager,
    principal: Principal,
    mentions: string[],
    post: Pick<PostRow, 'intranet' | 'audience' | 'group_id' | 'author_id' | 'hidden' | 'named_user_ids'>,
  ): Promise<string[]> {
    const ids = mentions.filter((m) => m !== principal.userId);
    if (ids.length === 0) return [];
    const known = await this.people.resolve(ids, principal, tx);
    // someone the author may not know of is answered as an id that does not exist (person rule)
    const book = await this.cards.book(principal, ids, tx, known);
    const inactive = ids.filter((id) => known.get(id)?.active === false && book.mayKnow(id));
    if (inactive.length > 0) throw personInactive(inactive, 'mentioned');
    const refused: string[] = [];
    for (const id of ids) {
      const user = known.get(id);
      if (!user || !book.mayKnow(id)) {
        refused.push(id);
        continue;
      }
      const ctx = await this.readers.ofUser(user, post.intranet, tx);
      if (!readable(ctx, post)) refused.push(id);
    }
    if (refused.length > 0)
      throw new PleinError(
        400,
        'mention_not_allowed',
        'A mentioned person cannot see this post; change the audience or the mention',
        {
          userIds: refused,
        },
      );
    return ids;
  }
}
