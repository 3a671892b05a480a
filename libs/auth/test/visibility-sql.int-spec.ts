import type { Intranet, Realm, Role } from '@plein/contracts';
import { testEnv } from '@plein/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Audience, type Visible, canRead } from '../src/visibility.rule.js';
import { toNumbered, visibilitySql } from '../src/visibility.sql.js';

/** The SQL form of the rule and `canRead()` must agree on every case of the matrix. */
const AUTHOR = '00000000-0000-4000-8000-00000000000a';
const READER = '00000000-0000-4000-8000-00000000000b';
const GROUP = '00000000-0000-4000-8000-0000000000a1';
const OTHER_GROUP = '00000000-0000-4000-8000-0000000000a2';

const people: { name: string; realm: Realm; roles: Role[] }[] = [
  { name: 'employee', realm: 'staff', roles: ['employee'] },
  { name: 'mentor', realm: 'staff', roles: ['employee', 'mentor'] },
  { name: 'editor', realm: 'staff', roles: ['employee', 'editor'] },
  { name: 'moderator', realm: 'staff', roles: ['employee', 'moderator'] },
  { name: 'admin', realm: 'staff', roles: ['employee', 'admin'] },
  { name: 'client', realm: 'clients', roles: ['client'] },
  { name: 'client-editor', realm: 'clients', roles: ['client', 'client-editor'] },
  // a clients-realm token can never carry a staff role, but the rule must not depend on that
  { name: 'client with a forged moderator role', realm: 'clients', roles: ['client', 'moderator'] },
];

interface Row extends Visible {
  n: number;
}
const rows: Row[] = [];
for (const intranet of ['staff', 'client'] as Intranet[])
  for (const audience of ['organization', 'followers', 'group', 'private'] as Audience[])
    for (const groupId of audience === 'group' ? [GROUP, OTHER_GROUP, null] : [null])
      for (const named of [false, true])
        for (const author of [false, true])
          for (const hidden of [false, true])
            rows.push({
              n: rows.length,
              intranet,
              audience,
              groupId,
              authorId: author ? READER : AUTHOR,
              hidden,
              namedUserIds: named ? [READER, AUTHOR] : [AUTHOR],
            });

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
  await db.query(
    'create temporary table content (n int primary key, intranet text, audience text, group_id uuid, author_id uuid, hidden boolean, named_user_ids uuid[])',
  );
  for (const r of rows) {
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

describe('visibilitySql agrees with canRead', () => {
  const readers = people.flatMap((who) =>
    [false, true].flatMap((member) => [false, true].map((follower) => ({ who, member, follower }))),
  );
  it.each(readers.map((r) => [r.who.name, r.member, r.follower, r] as const))(
    '%s (member %s, follower %s)',
    async (_name, _member, _follower, { who, member, follower }) => {
      const principal = { realm: who.realm, userId: READER, roles: who.roles };
      const groupIds = member ? [GROUP] : [];
      const followedAuthorIds = follower ? [AUTHOR] : [];
      const { sql, params } = visibilitySql('c', { principal, groupIds, followedAuthorIds });
      const found = await db.query<{ n: number }>(
        `select n from content c where ${toNumbered(sql)} order by n`,
        params,
      );
      const want = rows
        .filter((r) =>
          canRead({ principal: { ...principal, groupIds }, follows: (id) => follower && id === AUTHOR }, r),
        )
        .map((r) => r.n);
      expect(found.rows.map((r) => r.n)).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    },
  );

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
