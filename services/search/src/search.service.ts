import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type ReaderScope, readerScope } from '@plein/auth';
import {
  type Principal,
  type SearchQuery,
  type SearchResult,
  type SuggestResult,
  badRequest,
} from '@plein/contracts';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badRequest('The cursor is not one this search gave out');
  return Number(m[1]);
}

/** Permission-aware search: the reader's scope (the visibility rule as a filter) goes into the engine. */
@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly em: EntityManager,
  ) {}

  async scopeOf(principal: Principal): Promise<ReaderScope> {
    const [row] = await this.em.execute<{ followees: string[] | null; groups: string[] | null }[]>(
      `select (select array_agg(followee_id) from "search"."follows" where follower_id = ?) as followees,
              (select array_agg(group_id) from "search"."memberships" where user_id = ?) as groups`,
      [principal.userId, principal.userId],
    );
    const groupIds = [...new Set([...principal.groupIds, ...(row?.groups ?? [])])];
    return readerScope({ ...principal, groupIds }, row?.followees ?? []);
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
