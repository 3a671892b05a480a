import { Controller, Get, Inject, Param, Query, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FeedQuery, type Principal, TimelinesRpc as R, parseOrBadRequest } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

/** `?cursor=&limit=` of every feed. */
const FeedPageQuery = FeedQuery.pick({ cursor: true, limit: true });

/** Feeds: `{ items, nextCursor? }`, newest first; `?cursor=` for the next page, `?limit=` up to 50. */
function feedsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1`)
  class FeedsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    private feed(principal: Principal, query: Record<string, unknown>) {
      return callRpc(this.nats, R.feed, parseOrBadRequest(FeedQuery, query, 'query'), principal);
    }

    @Get('feed/home')
    @ApiOperation({
      summary: 'People and groups I follow, the organisation, posts for me; pinned announcements',
    })
    @TakesQuery(FeedPageQuery)
    @Answers(R.feed)
    home(@CurrentPrincipal() p: Principal, @Query('cursor') cursor?: string, @Query('limit') limit?: string) {
      return this.feed(p, { feed: 'home', cursor, limit });
    }

    @Get('feed/organization')
    @ApiOperation({ summary: 'Everything shared with the whole organisation' })
    @TakesQuery(FeedPageQuery)
    @Answers(R.feed)
    organization(
      @CurrentPrincipal() p: Principal,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      return this.feed(p, { feed: 'organization', cursor, limit });
    }

    @Get('feed/news')
    @ApiOperation({ summary: 'News articles and columns' })
    @TakesQuery(FeedPageQuery)
    @Answers(R.feed)
    news(@CurrentPrincipal() p: Principal, @Query('cursor') cursor?: string, @Query('limit') limit?: string) {
      return this.feed(p, { feed: 'news', cursor, limit });
    }

    @Get('feed/profile/:userId')
    @ApiOperation({ summary: "A person's timeline: what of theirs you may see" })
    @TakesQuery(FeedPageQuery)
    @Answers(R.feed)
    profile(
      @CurrentPrincipal() p: Principal,
      @Param('userId') userId: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      return this.feed(p, { feed: 'profile', userId, cursor, limit });
    }

    @Get('groups/:id/feed')
    @ApiOperation({ summary: "A group's timeline (404 for a secret group you are not in)" })
    @TakesQuery(FeedPageQuery)
    @Answers(R.feed, { problems: { 403: 'Only members read a closed group' } })
    group(
      @CurrentPrincipal() p: Principal,
      @Param('id') groupId: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      return this.feed(p, { feed: 'group', groupId, cursor, limit });
    }
  }
  return named(tree, 'Feeds', FeedsController);
}

export const StaffFeedsController = feedsController('staff');
export const ClientFeedsController = feedsController('client');
