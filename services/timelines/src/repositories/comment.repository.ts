import type { EntityManager } from '@mikro-orm/postgresql';
import { type CommentRecord, CommentEntity } from '../entities/post.entity.js';

/** Comments on posts (one level of replies). Construct it with the `em` in use. */
export class CommentRepository {
  constructor(private readonly em: EntityManager) {}

  /** The post's comments, oldest first (at most 500). */
  ofPost(postId: string): Promise<CommentRecord[]> {
    return this.em.find(
      CommentEntity,
      { postId },
      { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: 500 },
    );
  }

  find(id: string, postId: string): Promise<CommentRecord | null> {
    return this.em.findOne(CommentEntity, { id, postId });
  }

  async create(comment: {
    id: string;
    postId: string;
    parentId: string | null;
    authorId: string;
    body: string;
  }): Promise<CommentRecord> {
    const record = this.em.create(CommentEntity, comment);
    await this.em.flush();
    return record;
  }
}
