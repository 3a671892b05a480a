import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { type CommentRecord, CommentEntity } from '../entities/post.entity.js';

/** Comments on posts (one level of replies). Construct it with the `em` in use. */
export class CommentRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The post's comments a reader sees, oldest first (at most 500): comments hidden by moderation only for their
   * author and (`seesHidden`) moderators.
   */
  ofPost(postId: string, reader: { userId: string; seesHidden: boolean }): Promise<CommentRecord[]> {
    return this.em.find(
      CommentEntity,
      reader.seesHidden ? { postId } : { postId, $or: [{ hidden: false }, { authorId: reader.userId }] },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: 500 },
    );
  }

  find(id: string, postId: string): Promise<CommentRecord | null> {
    return this.em.findOne(CommentEntity, { id, postId });
  }

  /** The comment, locked until the transaction ends: moderation decisions about it go one at a time. */
  findForUpdate(id: string): Promise<CommentRecord | null> {
    return this.em.findOne(CommentEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async create(comment: {
    id: string;
    postId: string;
    parentId: string | null;
    authorId: string;
    body: string;
  }): Promise<CommentRecord> {
    const record = this.em.create(CommentEntity, { ...comment, hidden: false, moderatedAt: null });
    await this.em.flush();
    return record;
  }

  /** Hides or restores, as decided `at`; true when that changed the comment. */
  async setHidden(comment: CommentRecord, hidden: boolean, at: Date): Promise<boolean> {
    const changed = comment.hidden !== hidden;
    comment.hidden = hidden;
    comment.moderatedAt = at;
    await this.em.flush();
    return changed;
  }
}
