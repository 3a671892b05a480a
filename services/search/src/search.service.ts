import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type ReaderScope, readerScope } from '@plein/auth';
import {
  type Principal,
  type SearchQuery,
  type SearchResult,
  type SuggestResult,
  type ReaderRelations,
  readerRelationsRpc,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';
import { SEARCH_NATS_CLIENT } from './nats-client.js';

/** A search's position: how many results it gave out. */
const cursor = cursorCodec(
  z.number().int().min(0).max(999_999),
  'The cursor is not one this search gave out',
);

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
    const offset = query.cursor ? cursor.decode(query.cursor) : 0;
    const scope = await this.scopeOf(principal);
    const result = await this.engine.search(
      { q: query.q, offset, limit: query.limit, ...(query.type ? { type: query.type } : {}) },
      scope,
    );
    const next = offset + result.items.length;
    return next < result.total && result.items.length > 0
      ? { ...result, nextCursor: cursor.encode(next) }
      : result;
  }

  async suggest(q: string, limit: number, principal: Principal): Promise<SuggestResult> {
    return this.engine.suggest(q, limit, await this.scopeOf(principal));
  }
}
