import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  CommentCreated,
  type ExportPage,
  PostCreated,
  type ReaderRelations,
  badRequest,
  exportForSearch,
  readerRelationsRpc,
} from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { CommentEntity, PostEntity } from './entities/post.entity.js';
import { ReaderContexts } from './reader.context.js';
import { SERVICE } from './timelines.config.js';

const Export = exportForSearch(SERVICE);

/** What search asks of timelines: the reader's relations per query, and the current state on a rebuild. */
@Controller()
export class SearchHandler {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
  ) {}

  @MessagePattern(readerRelationsRpc.pattern)
  relations(@Payload() raw: unknown): Promise<ReaderRelations> {
    return handleRpc(readerRelationsRpc, raw, async (_q, principal) => {
      const ctx = await this.readers.ofReader(principal!);
      return { groupIds: ctx.groupIds, followeeIds: ctx.followedAuthorIds };
    });
  }

  /** Posts (as post.created data) by id, each followed by its comments (as comment.created data). */
  @MessagePattern(Export.pattern)
  export(@Payload() raw: unknown): Promise<ExportPage> {
    return handleRpc(Export, raw, async ({ cursor, limit }) => {
      if (cursor !== undefined && !/^[0-9a-f-]{36}$/.test(cursor))
        throw badRequest('Not a cursor of this export');
      const posts = await this.em.find(PostEntity, cursor === undefined ? {} : { id: { $gt: cursor } }, {
        orderBy: { id: 'asc' },
        limit,
      });
      const comments = posts.length
        ? await this.em.find(
            CommentEntity,
            // a comment hidden by moderation is not searchable (search has no per-comment hidden state)
            { postId: { $in: posts.map((p) => p.id) }, hidden: false },
            { orderBy: [{ postId: 'asc' }, { createdAt: 'asc' }] },
          )
        : [];
      const items: ExportPage['items'] = [];
      for (const p of posts) {
        items.push({
          event: PostCreated.type,
          data: {
            postId: p.id,
            intranet: p.intranet,
            type: p.type,
            audience: p.audience,
            groupId: p.groupId ?? null,
            authorId: p.authorId,
            namedUserIds: p.namedUserIds,
            hidden: p.hidden,
            body: p.body,
            title: p.title ?? null,
            createdAt: p.createdAt.toISOString(),
          },
        });
        for (const c of comments.filter((x) => x.postId === p.id)) {
          items.push({
            event: CommentCreated.type,
            data: {
              commentId: c.id,
              postId: p.id,
              parentId: c.parentId ?? null,
              authorId: c.authorId,
              postAuthorId: p.authorId,
              intranet: p.intranet,
              body: c.body,
            },
          });
        }
      }
      const last = posts[posts.length - 1];
      return posts.length === limit && last ? { items, nextCursor: last.id } : { items };
    });
  }
}
