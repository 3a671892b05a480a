import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SEARCH_ENGINE, type SearchEngine } from '../engine/search-engine.js';
import type { IndexChange } from './mappers.js';

/** Applies index changes: documents to the engine, reader relations to PostgreSQL. */
@Injectable()
export class IndexWriter {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly em: EntityManager,
  ) {}

  async apply(changes: IndexChange[]): Promise<void> {
    for (const change of changes) {
      switch (change.kind) {
        case 'upsert':
          await this.engine.upsert(change.documents);
          break;
        case 'replace':
          await this.engine.replace(change.ref, change.documents, change.updatedAt);
          break;
        case 'remove':
          await this.engine.remove(change.refs);
          break;
        case 'hide':
          await this.engine.setHidden(change.ref, change.hidden);
          break;
        case 'follow':
          await this.em.execute(
            change.following
              ? 'insert into "search"."follows" (follower_id, followee_id) values (?, ?) on conflict do nothing'
              : 'delete from "search"."follows" where follower_id = ? and followee_id = ?',
            [change.followerId, change.followeeId],
          );
          break;
        case 'membership':
          await this.em.execute(
            change.member
              ? 'insert into "search"."memberships" (user_id, group_id) values (?, ?) on conflict do nothing'
              : 'delete from "search"."memberships" where user_id = ? and group_id = ?',
            [change.userId, change.groupId],
          );
          break;
      }
    }
  }
}
