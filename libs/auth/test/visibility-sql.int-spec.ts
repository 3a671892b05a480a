import { bindNamed, toPositional } from '@plein/persistence';
import { testEnv } from '@plein/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibilityFilter, visibilityFilterSql } from '../src/visibility.filter.js';
import { visibilitySql } from '../src/visibility.sql.js';
import { AUTHOR, ITEMS, type MatrixReader, READER, READERS, admitted } from './visibility.matrix.js';

/**
 * The SQL forms of the rule and `canRead()` must agree on every case of the matrix, run on the real
 * PostgreSQL: timelines' form (every intranet of the reader's realm) and search's form (the reader's scope in
 * one route tree), both rendered from the one filter description (visibility.filter.ts).
 */
let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
  await db.query(
    'create temporary table content (n int primary key, intranet text, audience text, group_id uuid, author_id uuid, hidden boolean, named_user_ids uuid[])',
  );
  for (const r of ITEMS) {
    await db.query('insert into content values ($1, $2, $3, $4, $5, $6, $7)', [
      r.n,
      r.intranet,
      r.audience,
      r.groupId,
      r.authorId,
      r.hidden,
      r.namedUserIds,
    ]);
  }
});
afterAll(async () => {
  await db?.end();
});

async function select(fragment: { sql: string; params: Record<string, unknown> }): Promise<number[]> {
  const { sql, params } = bindNamed(fragment);
  const found = await db.query<{ n: number }>(
    `select n from content c where ${toPositional(sql)} order by n`,
    params,
  );
  return found.rows.map((r) => r.n);
}

const cases = READERS.map((r) => [r.label, r] as const);

describe('visibilitySql (timelines: the whole realm) agrees with canRead', () => {
  it.each(cases)('%s', async (_label, r: MatrixReader) => {
    const { principal } = r.reader;
    const found = await select(
      visibilitySql('c', {
        principal,
        groupIds: principal.groupIds,
        followedAuthorIds: r.reader.follows(AUTHOR) ? [AUTHOR] : [],
      }),
    );
    expect(found).toEqual(admitted(r, 'realm'));
    expect(found.length).toBeGreaterThan(0);
  });
});

describe("search's SQL filter (the reader's scope in one tree) agrees with canRead", () => {
  it.each(cases)('%s', async (_label, r: MatrixReader) => {
    const found = await select(visibilityFilterSql(visibilityFilter(r.scope), 'c'));
    expect(found).toEqual(admitted(r, 'tree'));
  });
});

describe('what reaches the SQL', () => {
  it('rejects anything but uuids in the arrays', () => {
    expect(() =>
      visibilitySql('c', {
        principal: { realm: 'staff', userId: READER, roles: [] },
        groupIds: ["x'}); drop table content; --"],
        followedAuthorIds: [],
      }),
    ).toThrow(/not a uuid/);
  });
});
