import { Injectable, Logger } from '@nestjs/common';
import { PreparedReads } from '@plein/persistence';
import { type FeedPage, FeedQuery, type Principal, badRequest } from '@plein/contracts';
import type { z } from 'zod';
import { type FeedSource, feedCursor, feedQuery } from './feed.query.js';
import { GroupService } from './group.service.js';
import { PersonCards } from './person.cards.js';
import { type PostRow, peopleOf, toPost } from './post.rows.js';
import { type ReaderContext, ReaderContexts, readable } from './reader.context.js';

/** Home, organisation, news, group and profile feeds. */
@Injectable()
export class FeedService {
  private readonly logger = new Logger('FeedService');

  constructor(
    private readonly reads: PreparedReads,
    private readonly readers: ReaderContexts,
    private readonly groups: GroupService,
    private readonly cards: PersonCards,
  ) {}

  async feed(principal: Principal, query: z.infer<typeof FeedQuery>): Promise<FeedPage> {
    const before = query.cursor === undefined ? null : feedCursor.decode(query.cursor);
    const ctx = await this.readers.ofReader(principal);
    const sources = await this.sources(ctx, query);
    // the home page's pinned announcements are read alongside the page, on another connection
    const [items, pinned] = await Promise.all([
      this.page(ctx, sources, before, query.limit + 1),
      query.feed === 'home' && before === null ? this.page(ctx, [{ kind: 'pinned' }], null, 5) : null,
    ]);
    const shown = items.slice(0, query.limit);
    const people = await this.cards.bookForRead(principal, peopleOf([...shown, ...(pinned ?? [])]));
    const page: FeedPage = { items: shown.map((r) => toPost(r, people)) };
    const last = items[query.limit - 1];
    if (items.length > query.limit && last) page.nextCursor = feedCursor.encode(last.seq);
    if (pinned) page.pinned = pinned.map((r) => toPost(r, people));
    return page;
  }

  private async sources(ctx: ReaderContext, query: z.infer<typeof FeedQuery>): Promise<FeedSource[]> {
    switch (query.feed) {
      case 'home': {
        // people I follow and myself, the groups I follow, the organisation, and private posts naming me.
        // Members follow their groups unless they turned it off (PUT/DELETE /groups/{id}/follow); only
        // members follow, so these are always groups the reader may read (ctx.groupIds, for the rule too).
        const unfollowed = new Set(ctx.unfollowedGroupIds);
        const groupIds = unfollowed.size ? ctx.groupIds.filter((id) => !unfollowed.has(id)) : ctx.groupIds;
        return [
          { kind: 'organization' },
          { kind: 'authors', authorIds: [ctx.principal.userId, ...ctx.followedAuthorIds] },
          { kind: 'groups', groupIds },
          { kind: 'named' },
        ];
      }
      case 'organization':
        return [{ kind: 'organization' }];
      case 'news':
        return [{ kind: 'news' }];
      case 'profile':
        if (!query.userId) throw badRequest('A profile feed needs userId');
        return [{ kind: 'authors', authorIds: [query.userId] }];
      case 'group':
        if (!query.groupId) throw badRequest('A group feed needs groupId');
        // 404 for a group the caller may not know of (secret, other intranet)
        await this.groups.visibleGroup(ctx.principal, query.groupId);
        return [{ kind: 'groups', groupIds: [query.groupId] }];
    }
  }

  private async page(
    ctx: ReaderContext,
    sources: FeedSource[],
    before: string | null,
    limit: number,
  ): Promise<PostRow[]> {
    const { sql, params } = feedQuery(ctx.sql, ctx.principal.intranet, sources, before, limit);
    const rows = await this.reads.query<PostRow>(sql, params);
    // The SQL applies the rule; the rule itself checks again, so a divergence can never show a post.
    return rows.filter((row) => {
      if (readable(ctx, row)) return true;
      this.logger.error(`visibilitySql admitted post ${row.id} that canRead refuses`);
      return false;
    });
  }
}
