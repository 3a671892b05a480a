import { Controller, Get, Inject, Post, Query, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import {
  type Principal,
  type RebuildResult,
  type SearchResult,
  SearchRpc,
  type SuggestResult,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';

/** `GET /search` and `GET /search/suggest` in a route tree: only what the caller may read, in that intranet. */
function searchController(tree: Extract<RouteTree, 'staff' | 'client'>): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/search`)
  class SearchController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({
      summary:
        'Search everything the caller may read: { items: [{ type, id, title, snippet }], total, facets }',
    })
    @TakesQuery(SearchRpc.query)
    @Answers(SearchRpc.query)
    search(
      @CurrentPrincipal() principal: Principal,
      @Query('q') q?: string,
      @Query('type') type?: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ): Promise<SearchResult> {
      const query = parseOrBadRequest(SearchRpc.query.request, { q, type, cursor, limit }, 'query');
      return callRpc(this.nats, SearchRpc.query, query, principal);
    }

    @Get('suggest')
    @ApiOperation({ summary: 'Search as you type: titles starting with what was typed' })
    @TakesQuery(SearchRpc.suggest.request.pick({ q: true }))
    @Answers(SearchRpc.suggest)
    suggest(@CurrentPrincipal() principal: Principal, @Query('q') q?: string): Promise<SuggestResult> {
      const query = parseOrBadRequest(SearchRpc.suggest.request, { q }, 'query');
      return callRpc(this.nats, SearchRpc.suggest, query, principal);
    }
  }
  Object.defineProperty(SearchController, 'name', {
    value: `${tree === 'staff' ? 'Staff' : 'Client'}SearchController`,
  });
  return SearchController;
}

export const StaffSearchController = searchController('staff');
export const ClientSearchController = searchController('client');

/** Administration: rebuild the search index from the owning services. */
@ApiTags('administration')
@InTree('admin')
@Controller('api/admin/v1/search')
export class AdminSearchController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Post('rebuild')
  @ApiOperation({ summary: 'Throw the index away and rebuild it from the owning services' })
  @Answers(SearchRpc.rebuild)
  rebuild(@CurrentPrincipal() principal: Principal): Promise<RebuildResult> {
    return callRpc(this.nats, SearchRpc.rebuild, {}, principal, 600_000);
  }
}
