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
      const posts = await this.em.execute<
        {
          id: string;
          intranet: 'staff' | 'client';
          type: 'post' | 'announcement' | 'article';
          audience: 'organization' | 'followers' | 'group' | 'private';
          group_id: string | null;
          author_id: string;
          named_user_ids: string[];
          hidden: boolean;
          body: string;
          title: string | null;
          created_at: Date;
        }[]
      >(
        `select id, intranet, type, audience, group_id, author_id, named_user_ids, hidden, body, title, created_at
           from "timelines"."posts" where (?::uuid is null or id > ?::uuid) order by id limit ?`,
        [cursor ?? null, cursor ?? null, limit],
      );
      const comments = posts.length
        ? await this.em.execute<
            { id: string; post_id: string; parent_id: string | null; author_id: string; body: string }[]
          >(
            `select id, post_id, parent_id, author_id, body from "timelines"."comments"
              where post_id = any(?::uuid[]) order by post_id, created_at`,
            [`{${posts.map((p) => p.id).join(',')}}`],
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
            groupId: p.group_id,
            authorId: p.author_id,
            namedUserIds: p.named_user_ids,
            hidden: p.hidden,
            body: p.body,
            title: p.title,
            createdAt: new Date(p.created_at).toISOString(),
          },
        });
        for (const c of comments.filter((x) => x.post_id === p.id)) {
          items.push({
            event: CommentCreated.type,
            data: {
              commentId: c.id,
              postId: p.id,
              parentId: c.parent_id,
              authorId: c.author_id,
              postAuthorId: p.author_id,
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
