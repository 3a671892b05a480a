import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Comment, CommentCreated, CommentCreate, type Principal, badRequest } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { z } from 'zod';
import { People } from './people.service.js';
import { checkPersonalData } from './personal-data.check.js';
import { PersonCards } from './person.cards.js';
import { seesHiddenComments } from './post.rows.js';
import { PostService } from './post.service.js';
import { ReaderContexts } from './reader.context.js';
import { CommentRepository } from './repositories/comment.repository.js';
import { SERVICE } from './timelines.config.js';

/** Comments on posts one may read, and replies to them (one level deep). */
@Injectable()
export class CommentService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly cards: PersonCards,
    private readonly posts: PostService,
  ) {}

  async comment(
    principal: Principal,
    postId: string,
    input: z.infer<typeof CommentCreate>,
  ): Promise<Comment> {
    checkPersonalData(principal, { body: input.body }, input.confirmPersonalData);
    const id = randomUUID();
    let createdAt = '';
    await this.em.transactional(async (tx) => {
      const comments = new CommentRepository(tx);
      await this.people.remember(principal, tx);
      const ctx = await this.readers.of(principal, tx);
      const row = await this.posts.readableRow(ctx, postId, tx);
      if (input.parentId) {
        const parent = await comments.find(input.parentId, postId);
        // a comment hidden by moderation is, for whoever may not see it, no comment at all
        const seesParent =
          parent && (!parent.hidden || parent.authorId === principal.userId || seesHiddenComments(principal));
        if (!seesParent) throw badRequest('parentId is not a comment on this post');
        if (parent.parentId) throw badRequest('Replies go one level deep: answer the comment itself');
      }
      const comment = await comments.create({
        id,
        postId,
        parentId: input.parentId ?? null,
        authorId: principal.userId,
        body: input.body,
      });
      createdAt = comment.createdAt.toISOString();
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
}
