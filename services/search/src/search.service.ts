import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type ReaderScope, readerScope } from '@plein/auth';
import {
  type Principal,
  type SearchQuery,
  type SearchResult,
  type SuggestResult,
  type ReaderRelations,
  badRequest,
  readerRelationsRpc,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';
import { SEARCH_NATS_CLIENT } from './nats-client.js';

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badRequest('The cursor is not one this search gave out');
  return Number(m[1]);
}

/** Permission-aware search: the reader's scope (the visibility rule as a filter) goes into the engine. */
@Injectable()
export class SearchService {
  private readonly logger = new Logger('SearchService');

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(SEARCH_NATS_CLIENT) private readonly nats: ClientProxy,
  ) {}

  /**
   * The reader's scope. Group membership and follows live in timelines and are asked for per query, so a
   * left group counts at once. When timelines does not answer, the scope holds no relations: the reader
   * then sees less (organisation-wide and their own content), never more.
   */
  async scopeOf(principal: Principal): Promise<ReaderScope> {
    let relations: ReaderRelations = { groupIds: [], followeeIds: [] };
    try {
      relations = await callRpc(this.nats, readerRelationsRpc, {}, principal, 2000);
    } catch (err) {
      this.logger.warn(`reader relations unavailable, searching without them: ${String(err)}`);
    }
    const groupIds = [...new Set([...principal.groupIds, ...relations.groupIds])];
    return readerScope({ ...principal, groupIds }, relations.followeeIds);
  }

  async search(query: SearchQuery, principal: Principal): Promise<SearchResult> {
    const offset = query.cursor ? decodeCursor(query.cursor) : 0;
    const scope = await this.scopeOf(principal);
    const result = await this.engine.search(
      { q: query.q, offset, limit: query.limit, ...(query.type ? { type: query.type } : {}) },
      scope,
    );
    const next = offset + result.items.length;
    return next < result.total && result.items.length > 0
      ? { ...result, nextCursor: encodeCursor(next) }
      : result;
  }

  async suggest(q: string, limit: number, principal: Principal): Promise<SuggestResult> {
    return this.engine.suggest(q, limit, await this.scopeOf(principal));
  }
}
