import { describe, expect, it } from 'vitest';
import { meiliFilterAdmits, parseMeiliFilter } from '../test/meili-filter.evaluator.js';
import { AUTHOR, ITEMS, READER, READERS, admitted } from '../test/visibility.matrix.js';
import { visibilityFilter, visibilityFilterMeili, visibilityFilterSql } from './visibility.filter.js';
import { readerScope, scopeAdmits } from './visibility.scope.js';

/**
 * The Meilisearch form of the visibility rule against `canRead`, over the whole matrix. No Meilisearch runs
 * here (none can be had where the tests run), so the rendered filter string is evaluated by a small evaluator
 * of the part of Meilisearch's filter grammar it uses (test/meili-filter.evaluator.ts). The SQL form runs
 * against the real PostgreSQL in test/visibility-sql.int-spec.ts.
 */
describe('the Meilisearch filter agrees with canRead (evaluated, not run on a Meilisearch)', () => {
  it.each(READERS.map((r) => [r.label, r] as const))('%s', (_label, r) => {
    const filter = visibilityFilterMeili(visibilityFilter(r.scope));
    const found = ITEMS.filter((i) => meiliFilterAdmits(filter, i)).map((i) => i.n);
    expect(found).toEqual(admitted(r, 'tree'));
    // and the reference evaluation of the scope says the same
    expect(ITEMS.filter((i) => scopeAdmits(r.scope, i)).map((i) => i.n)).toEqual(found);
  });

  it('the matrix is the whole matrix, and every reader reads something in their own intranet', () => {
    expect(READERS).toHaveLength(8 * 2 * 2 * 2);
    expect(ITEMS).toHaveLength(2 * 6 * 8);
    for (const r of READERS.filter((r) => r.scope.intranets.length > 0))
      expect(admitted(r, 'tree').length).toBeGreaterThan(0);
  });

  it('renders a moderator without the hidden clause, a reader without groups without the group clause', () => {
    const moderator = readerScope(
      { realm: 'staff', intranet: 'staff', userId: READER, roles: ['moderator'], groupIds: [] },
      [AUTHOR],
    );
    expect(visibilityFilterMeili(visibilityFilter(moderator))).toBe(
      `intranet IN ["staff"] AND (authorId = "${READER}" OR audience = "organization" OR ` +
        `(audience = "followers" AND authorId IN ["${AUTHOR}"]) OR (audience = "private" AND namedUserIds = "${READER}"))`,
    );
  });

  it('admits nothing (false) where the reader has no intranet in the tree', () => {
    const client = readerScope(
      { realm: 'clients', intranet: 'staff', userId: READER, roles: ['client'], groupIds: [] },
      [],
    );
    expect(visibilityFilterMeili(visibilityFilter(client))).toBe(false);
  });

  it('quotes values, so an id cannot change the filter', () => {
    const scope = readerScope(
      { realm: 'staff', intranet: 'staff', userId: 'x" OR audience = "private', roles: [], groupIds: [] },
      [],
    );
    const filter = visibilityFilterMeili(visibilityFilter(scope));
    expect(meiliFilterAdmits(filter, { ...ITEMS[0], audience: 'private', namedUserIds: [] })).toBe(false);
  });
});

describe('the SQL rendering', () => {
  it('has one text for every reader (prepared once), only the values differ', () => {
    const texts = new Set(READERS.map((r) => visibilityFilterSql(visibilityFilter(r.scope), 'd').sql));
    expect(texts.size).toBe(1);
    expect([...texts][0]).toContain('d.group_id = any(:groupIds::uuid[])');
  });

  it('refuses an alias or an id that could change the SQL', () => {
    const scope = READERS[0]!.scope;
    expect(() => visibilityFilterSql(visibilityFilter(scope), 'd; drop')).toThrow(/invalid alias/);
    expect(() =>
      visibilityFilterSql(visibilityFilter({ ...scope, groupIds: ["x'}); drop table d; --"] }), 'd'),
    ).toThrow(/not a uuid/);
  });
});

describe('the evaluator of the Meilisearch filter grammar', () => {
  it('binds AND tighter than OR, NOT tighter than AND, and reads arrays as contains', () => {
    expect(meiliFilterAdmits('a = "1" OR b = "2" AND c = "3"', { a: '1' })).toBe(true);
    expect(meiliFilterAdmits('(a = "1" OR b = "2") AND c = "3"', { a: '1' })).toBe(false);
    expect(meiliFilterAdmits('NOT a = "1" AND b = "2"', { a: '0', b: '2' })).toBe(true);
    expect(meiliFilterAdmits('tags = "x"', { tags: ['y', 'x'] })).toBe(true);
    expect(meiliFilterAdmits('g IN ["1", "2"]', { g: null })).toBe(false);
    expect(meiliFilterAdmits('hidden = false', { hidden: false })).toBe(true);
  });

  it('refuses grammar it does not know', () => {
    expect(() => parseMeiliFilter('a > 1')).toThrow();
    expect(() => parseMeiliFilter('(a = "1"')).toThrow();
  });
});
