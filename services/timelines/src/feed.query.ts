import { type SqlReader, uuidArrayLiteral, visibilitySql } from '@plein/auth';
import type { Intranet } from '@plein/contracts';
import { bindNamed, cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { postColumns, seesHiddenComments } from './post.rows.js';

/** What a feed page is built from: one or more candidate sets, each served by its own index. */
export type FeedSource =
  | { kind: 'organization' }
  | { kind: 'news' }
  | { kind: 'authors'; authorIds: readonly string[] }
  | { kind: 'groups'; groupIds: readonly string[] }
  | { kind: 'named' }
  | { kind: 'pinned' };

/**
 * One page of a feed, newest first, keyset-paginated on posts.seq (unique, and a later insert gets a larger
 * one, so posts written while someone pages land before their cursor, never inside the pages still to come).
 *
 * Every candidate set applies the one visibility rule (visibilitySql) BEFORE its own `limit`, so each set gives
 * its newest visible posts and the union's newest `limit` are exactly the feed's; then the page is decorated
 * (author, counts, the reader's reaction) in the same statement.
 *
 * - organization: posts_org_idx (intranet, seq desc) where audience = 'organization'
 * - news:         posts_news_idx (intranet, seq desc) where type = 'article'
 * - authors:      posts_author_idx (author_id, intranet, seq desc), one short index scan per author (lateral)
 * - groups:       posts_group_idx (group_id, seq desc), one per group (lateral)
 * - named:        posts_named_idx (gin on named_user_ids) for private posts naming the reader
 * - pinned:       posts_pinned_idx
 *
 * When the organisation is one of the sources, its candidate set is taken first: if it fills the page, its
 * oldest post is a floor under which no post of any other set can reach the page (the page is the newest
 * `limit` of the union, and the organisation alone already has `limit` newer ones). The other sets then scan
 * only above that floor, which in a busy organisation is a few posts per author or group instead of `limit`.
 *
 * Written with named parameters (the rule's own and this statement's: `:intranet`, `:before`, `:limit`,
 * `:reader`, one `:idsN` per id list) and bound by name into `?` placeholders, so the text is the same for every
 * reader of a feed's shape and PreparedReads plans it once.
 */
export function feedQuery(
  reader: SqlReader,
  intranet: Intranet,
  sources: readonly FeedSource[],
  beforeSeq: string | null,
  limit: number,
): { sql: string; params: unknown[] } {
  const vis = visibilitySql('p', reader);
  /** The statement's own values; the rule's (vis.params) keep their names, which these must not reuse. */
  const params: Record<string, unknown> = {
    intranet,
    before: beforeSeq ?? '9223372036854775807',
    limit,
    reader: reader.principal.userId,
  };
  const bounded = sources.some((s) => s.kind === 'organization');
  /** A candidate set: its from/where, the rule, the cursor (and the floor), newest first, limited. */
  const branch = (where: string, floor = bounded): string =>
    `select p.id, p.seq from timelines.posts p where ${where} and p.intranet = :intranet and ${vis.sql}
            and p.seq < :before::bigint${floor ? ' and p.seq >= (select s from org_floor)' : ''} order by p.seq desc limit :limit`;
  let org = '';
  if (bounded) {
    org = `org as materialized (${branch(`p.audience = 'organization'`, false)}),
      org_floor as (select case when count(*) >= :limit then min(seq) else 0 end as s from org), `;
  }
  const parts: string[] = [];
  sources.forEach((source, i) => {
    switch (source.kind) {
      case 'organization':
        parts.push('select id, seq from org');
        break;
      case 'news':
        parts.push(branch(`p.type = 'article'`));
        break;
      case 'pinned':
        parts.push(branch('p.pinned'));
        break;
      case 'named':
        parts.push(branch(`p.audience = 'private' and p.named_user_ids @> array[:reader::uuid]`));
        break;
      case 'authors':
      case 'groups': {
        const ids = source.kind === 'authors' ? source.authorIds : source.groupIds;
        if (ids.length === 0) break;
        const column = source.kind === 'authors' ? 'author_id' : 'group_id';
        // one name per source: nothing stops a feed from having two id lists
        const name = `ids${i}`;
        params[name] = uuidArrayLiteral(ids);
        const inner = branch(`p.${column} = k.id`);
        parts.push(
          `select x.id, x.seq from unnest(:${name}::uuid[]) as k(id) cross join lateral (${inner}) x`,
        );
        break;
      }
    }
  });
  if (parts.length === 0) parts.push('select null::uuid as id, null::bigint as seq where false');
  const union = parts.map((p) => `(${p})`).join(' union ');
  const sql = `with ${org}page as (select id, seq from (${union}) c order by seq desc limit :limit)
    select ${postColumns(':reader', seesHiddenComments(reader.principal))} from page join timelines.posts p on p.id = page.id order by p.seq desc`;
  for (const name of Object.keys(params)) {
    if (Object.hasOwn(vis.params, name)) throw new Error(`:${name} is a name of the visibility rule too`);
  }
  // Bound by name into `?` placeholders: the text depends on the feed's shape only, never on the reader's values.
  return bindNamed({ sql, params: { ...vis.params, ...params } });
}

/** A feed's position: the seq of the last post it gave out. */
export const feedCursor = cursorCodec(
  z.string().regex(/^[0-9]{1,19}$/),
  'The cursor is not one this feed gave out',
);
