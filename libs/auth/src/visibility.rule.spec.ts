import type { Intranet, Principal, Realm, Role } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { realmRule } from './roles.js';
import { type Audience, type Visible, canRead, visibility } from './visibility.rule.js';
import { readerScope, scopeAdmits } from './visibility.scope.js';
import { AUTHOR, GROUP, PEOPLE, READER } from '../test/visibility.matrix.js';

interface Who {
  name: string;
  realm: Realm;
  roles: Role[];
}
/** The matrix's people (test/visibility.matrix.ts), the forged clients-realm moderator included. */
const people: Who[] = PEOPLE;
const audiences: Audience[] = ['organization', 'followers', 'group', 'private'];
const intranets: Intranet[] = ['staff', 'client'];

/** The expected answer, written out independently of the implementation. */
function expected(
  who: Who,
  intranet: Intranet,
  audience: Audience,
  rel: { member: boolean; follower: boolean; named: boolean; author: boolean },
  hidden: boolean,
): boolean {
  if (who.realm === 'clients' && intranet === 'staff') return false;
  if (!rel.author) {
    if (audience === 'group' && !rel.member) return false;
    if (audience === 'followers' && !rel.follower) return false;
    if (audience === 'private' && !rel.named) return false;
  }
  if (hidden && !rel.author && !(who.realm === 'staff' && who.roles.includes('moderator'))) return false;
  return true;
}

describe('visibility rule: roles × audiences × intranets × relations × hidden', () => {
  const cases: [string, Who, Intranet, Audience, boolean, boolean, boolean, boolean, boolean][] = [];
  for (const who of people)
    for (const intranet of intranets)
      for (const audience of audiences)
        for (const member of [false, true])
          for (const follower of [false, true])
            for (const named of [false, true])
              for (const author of [false, true])
                for (const hidden of [false, true])
                  cases.push([who.name, who, intranet, audience, member, follower, named, author, hidden]);

  it('covers the whole matrix', () => {
    expect(cases).toHaveLength(8 * 2 * 4 * 2 * 2 * 2 * 2 * 2);
  });

  it.each(cases)(
    '%s reads %s/%s (member %s, follower %s, named %s, author %s, hidden %s)',
    (_n, who, intranet, audience, member, follower, named, author, hidden) => {
      const principal: Pick<Principal, 'realm' | 'userId' | 'roles' | 'groupIds'> = {
        realm: who.realm,
        userId: READER,
        roles: who.roles,
        groupIds: member ? [GROUP] : [],
      };
      const content: Visible = {
        intranet,
        audience,
        groupId: audience === 'group' ? GROUP : null,
        authorId: author ? READER : AUTHOR,
        hidden,
        namedUserIds: named ? [READER] : [],
      };
      const reader = { principal, follows: (id: string) => follower && id === AUTHOR };
      const want = expected(who, intranet, audience, { member, follower, named, author }, hidden);
      expect(canRead(reader, content)).toBe(want);
      const v = visibility(reader, content);
      if (v.readable) expect(v.markedHidden).toBe(hidden);
      // the filter form agrees with the rule in the tree of the content's intranet, and admits nothing of the other
      for (const tree of intranets) {
        const scope = readerScope({ ...principal, intranet: tree }, follower ? [AUTHOR] : []);
        expect(scopeAdmits(scope, content)).toBe(tree === intranet && want);
      }
    },
  );

  it('a group post without a group id is readable by nobody but its author', () => {
    const reader = {
      principal: { realm: 'staff' as const, userId: READER, roles: ['employee' as const], groupIds: [GROUP] },
      follows: () => true,
    };
    expect(canRead(reader, { intranet: 'staff', audience: 'group', authorId: AUTHOR, hidden: false })).toBe(
      false,
    );
  });
});

describe('realm rule per route tree', () => {
  it.each([
    ['staff', 'staff', ['employee'], true],
    ['staff', 'clients', ['client'], false],
    ['client', 'clients', ['client'], true],
    ['client', 'staff', ['employee'], true],
    ['admin', 'staff', ['employee'], false],
    ['admin', 'staff', ['employee', 'admin'], true],
    ['admin', 'clients', ['client'], false],
  ] as const)('%s tree, %s realm with %j → %s', (tree, realm, roles, allowed) => {
    expect(realmRule(tree, realm, [...roles]).allowed).toBe(allowed);
  });
  it('the client tree puts staff in the client intranet', () => {
    expect(realmRule('client', 'staff', ['employee'])).toEqual({ allowed: true, intranet: 'client' });
  });
});
