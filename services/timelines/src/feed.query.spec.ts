import type { Role } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { feedQuery } from './feed.query.js';
import { postColumns } from './post.rows.js';

const READER = '00000000-0000-4000-8000-000000000001';
const reader = (roles: Role[], realm: 'staff' | 'clients' = 'staff') => ({
  principal: { realm, userId: READER, roles },
  groupIds: ['00000000-0000-4000-8000-000000000002'],
  followedAuthorIds: ['00000000-0000-4000-8000-000000000003'],
});
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('comments hidden by moderation in the post columns', () => {
  it('count only for their author, unless the reader is a moderator', () => {
    expect(postColumns('?', false)).toMatch(/not c\.hidden or c\.author_id = \?::uuid/);
    expect(postColumns('?', true)).not.toMatch(/c\.hidden/);
  });

  it.each([
    ['an employee', reader(['employee'])],
    ['a moderator', reader(['employee', 'moderator'])],
    ['a client', reader(['client'], 'clients')],
    ['a client who claims the moderator role', reader(['client', 'moderator'], 'clients')],
  ])('gives a feed query for %s exactly one value per placeholder, the reader last', (_n, r) => {
    const sources = [
      { kind: 'organization' as const },
      { kind: 'authors' as const, authorIds: r.followedAuthorIds },
      { kind: 'groups' as const, groupIds: r.groupIds },
      { kind: 'named' as const },
    ];
    const { sql, params } = feedQuery(r, 'staff', sources, null, 20);
    expect(placeholders(sql)).toBe(params.length);
    const seesHidden = r.principal.realm === 'staff' && r.principal.roles.includes('moderator');
    expect(params.slice(-3)).toEqual(seesHidden ? [20, READER, READER] : [READER, READER, READER]);
  });
});
