import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type RebuildResult, type SearchResult, SearchRpc, type SuggestResult } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { RebuildService } from './rebuild.service.js';
import { SearchService } from './search.service.js';

@Controller()
export class SearchHandler {
  constructor(
    private readonly search: SearchService,
    private readonly rebuilds: RebuildService,
  ) {}

  @MessagePattern(SearchRpc.query.pattern)
  query(@Payload() raw: unknown): Promise<SearchResult> {
    return handleRpc(SearchRpc.query, raw, (q, principal) => this.search.search(q, principal!));
  }

  @MessagePattern(SearchRpc.suggest.pattern)
  suggest(@Payload() raw: unknown): Promise<SuggestResult> {
    return handleRpc(SearchRpc.suggest, raw, (q, principal) => this.search.suggest(q.q, q.limit, principal!));
  }

  @MessagePattern(SearchRpc.rebuild.pattern)
  rebuild(@Payload() raw: unknown): Promise<RebuildResult> {
    return handleRpc(SearchRpc.rebuild, raw, (_q, principal) => this.rebuilds.rebuild(principal!));
  }
}
