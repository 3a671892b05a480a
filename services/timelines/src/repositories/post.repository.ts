import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Attachment, Audience, Intranet, PostType } from '@plein/contracts';
import { type PostRecord, PostEntity, PostVersionEntity } from '../entities/post.entity.js';
import type { PostRow } from '../post.rows.js';
import { postForReaderQuery } from '../post.query.js';

export interface NewPost {
  id: string;
  intranet: Intranet;
  type: PostType;
  audience: Audience;
  groupId: string | null;
  authorId: string;
  namedUserIds: string[];
  mentionIds: string[];
  body: string;
  title: string | null;
  series: string | null;
  coverImage: string | null;
  attachments: Attachment[];
  pinned: boolean;
  requiresConfirmation: boolean;
}

/**
 * Posts and their earlier versions: the one place that knows how they are stored. Construct it with the `em`
 * of the transaction (or request context) in use.
 */
export class PostRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The post decorated for a reader (as a feed shows it), or undefined. `seesHidden`: the reader counts comments
   * hidden by moderation (a moderator).
   */
  async forReader(readerId: string, seesHidden: boolean, id: string): Promise<PostRow | undefined> {
    const q = postForReaderQuery(readerId, seesHidden, id);
    const [row] = await this.em.execute<PostRow[]>(q.sql, q.params);
    return row;
  }

  /** The post, locked until the transaction ends: changes to one post go one at a time. */
  findForUpdate(id: string): Promise<PostRecord | null> {
    return this.em.findOne(PostEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  find(id: string): Promise<PostRecord | null> {
    return this.em.findOne(PostEntity, { id });
  }

  async create(post: NewPost): Promise<PostRecord> {
    const record = this.em.create(PostEntity, { ...post, hidden: false, editedAt: null, moderatedAt: null });
    await this.em.flush();
    return record;
  }

  /** Keeps the text as it was before an edit, as the next version. */
  async keepVersion(post: PostRecord): Promise<void> {
    const last = await this.em.findOne(
      PostVersionEntity,
      { postId: post.id },
      { orderBy: { version: 'desc' }, fields: ['version'] },
    );
    this.em.create(PostVersionEntity, {
      postId: post.id,
      version: (last?.version ?? 0) + 1,
      body: post.body,
      title: post.title ?? null,
      at: post.editedAt ?? post.createdAt,
    });
    await this.em.flush();
  }

  async versions(postId: string): Promise<{ body: string; title: string | null; at: Date }[]> {
    const rows = await this.em.find(PostVersionEntity, { postId }, { orderBy: { version: 'asc' } });
    return rows.map((v) => ({ body: v.body, title: v.title ?? null, at: v.at }));
  }

  async update(
    post: PostRecord,
    patch: { body?: string; title?: string; pinned?: boolean },
    edited: boolean,
  ): Promise<void> {
    if (patch.body !== undefined) post.body = patch.body;
    if (patch.title !== undefined) post.title = patch.title;
    if (patch.pinned !== undefined) post.pinned = patch.pinned;
    if (edited) post.editedAt = new Date();
    await this.em.flush();
  }

  /** Removes the post; its versions, comments, reactions and confirmations go with it (on delete cascade). */
  async remove(id: string): Promise<void> {
    await this.em.nativeDelete(PostEntity, { id });
  }

  /** Hides or restores; true when that changed the post. `at`: when the decision was taken (null: now). */
  async setHidden(post: PostRecord, hidden: boolean, at: Date | null): Promise<boolean> {
    const changed = post.hidden !== hidden;
    post.hidden = hidden;
    post.moderatedAt = at ?? new Date();
    await this.em.flush();
    return changed;
  }
}
