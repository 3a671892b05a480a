import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedReads } from '@plein/persistence';
import { type Reader, type SqlReader, canRead, visibility } from '@plein/auth';
import type { Principal, Realm } from '@plein/contracts';
import { type PostRow, visibleOf } from './post.rows.js';
import { type RelationsRow, relationsQuery } from './reader.query.js';

/** Everything the visibility rule needs to know about one reader. */
export interface ReaderContext {
  principal: Principal;
  groupIds: string[];
  followedAuthorIds: string[];
  /** Groups the reader is a member of but whose posts they keep out of their home feed (usually none). */
  unfollowedGroupIds: string[];
  reader: Reader;
  sql: SqlReader;
}

/**
 * Group membership and follows live here, in timelines, so the reader's `groupIds` are resolved here:
 * the gateway's principal carries `groupIds: []` (it knows no groups), and asking timelines for them
 * on every gateway request would cost an extra RPC per call to every service. Timelines ignores the
 * principal's `groupIds` and uses its own membership table, read once per request.
 */
@Injectable()
export class ReaderContexts {
  constructor(
    private readonly em: EntityManager,
    private readonly reads: PreparedReads,
  ) {}

  /** The reader's relations as of now, inside `em`'s transaction when one is given. */
  async of(principal: Principal, em: EntityManager = this.em): Promise<ReaderContext> {
    const q = relationsQuery(principal.userId);
    const [row] = await em.execute<RelationsRow[]>(q.sql, q.params);
    return contextOf(principal, row?.group_ids ?? [], row?.followed ?? [], row?.unfollowed_group_ids);
  }

  /** The same for a read outside any transaction (a feed), on the prepared read path. */
  async ofReader(principal: Principal): Promise<ReaderContext> {
    const q = relationsQuery(principal.userId);
    const [row] = await this.reads.query<RelationsRow>(q.sql, q.params);
    return contextOf(principal, row?.group_ids ?? [], row?.followed ?? [], row?.unfollowed_group_ids);
  }

  /** The context of someone else (a mentioned person), with no roles: only their relations count. */
  async ofUser(
    user: { id: string; realm: Realm; username: string },
    intranet: Principal['intranet'],
    em?: EntityManager,
  ) {
    const principal: Principal = {
      realm: user.realm,
      intranet,
      userId: user.id,
      subject: user.id,
      username: user.username,
      displayName: user.username,
      roles: [],
      groupIds: [],
    };
    return this.of(principal, em);
  }
}

export function contextOf(
  principal: Principal,
  groupIds: string[],
  followedAuthorIds: string[],
  unfollowedGroupIds: string[] = [],
): ReaderContext {
  const followed = new Set(followedAuthorIds);
  return {
    principal,
    groupIds,
    followedAuthorIds,
    unfollowedGroupIds,
    reader: { principal: { ...principal, groupIds }, follows: (id) => followed.has(id) },
    sql: { principal, groupIds, followedAuthorIds },
  };
}

/**
 * Whether the reader may see this post in the tree they came through: the post's intranet must be the
 * tree's (a staff member in the client tree sees client-intranet content there), and the one rule must agree.
 */
export function readable(
  ctx: ReaderContext,
  row: Pick<PostRow, 'intranet' | 'audience' | 'group_id' | 'author_id' | 'hidden' | 'named_user_ids'>,
): boolean {
  return row.intranet === ctx.principal.intranet && canRead(ctx.reader, visibleOf(row));
}

export function markedHidden(ctx: ReaderContext, row: PostRow): boolean {
  const v = visibility(ctx.reader, visibleOf(row));
  return v.readable && v.markedHidden;
}
