import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Post, type Principal, ReactionAdded, type ReactionKind } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { People } from './people.service.js';
import { PostService } from './post.service.js';
import { ReaderContexts } from './reader.context.js';
import { ReactionRepository } from './repositories/reaction.repository.js';
import { SERVICE } from './timelines.config.js';

/** Reactions to posts one may read: one per person, a new kind replaces the old. */
@Injectable()
export class ReactionService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly posts: PostService,
  ) {}

  async react(principal: Principal, postId: string, kind: ReactionKind): Promise<Post> {
    await this.em.transactional(async (tx) => {
      await this.people.remember(principal, tx);
      const ctx = await this.readers.of(principal, tx);
      const row = await this.posts.readableRow(ctx, postId, tx);
      if (await new ReactionRepository(tx).set(postId, principal.userId, kind))
        recordEvent(
          tx,
          ReactionAdded,
          { postId, userId: principal.userId, postAuthorId: row.author_id, kind },
          SERVICE,
        );
    });
    return this.posts.fresh(principal, postId);
  }

  async unreact(principal: Principal, postId: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    await this.posts.readableRow(ctx, postId);
    await new ReactionRepository(this.em).remove(postId, principal.userId);
    return this.posts.fresh(principal, postId);
  }
}
