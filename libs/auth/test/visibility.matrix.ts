import type { Intranet, Realm, Role } from '@plein/contracts';
import { type Audience, type Reader, type Visible, canRead } from '../src/visibility.rule.js';
import { type ReaderScope, readerScope } from '../src/visibility.scope.js';

/**
 * The matrix every rendering of the visibility rule is held to: roles × audiences × intranets × hidden ×
 * relations (member, follower, named, author). Each rendering must select from ITEMS exactly what `canRead`
 * admits, for every reader of READERS.
 */
export const AUTHOR = '00000000-0000-4000-8000-00000000000a';
export const READER = '00000000-0000-4000-8000-00000000000b';
export const GROUP = '00000000-0000-4000-8000-0000000000a1';
export const OTHER_GROUP = '00000000-0000-4000-8000-0000000000a2';

export const PEOPLE: { name: string; realm: Realm; roles: Role[] }[] = [
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

export interface Item extends Visible {
  n: number;
}

export const ITEMS: Item[] = [];
for (const intranet of ['staff', 'client'] as Intranet[])
  for (const audience of ['organization', 'followers', 'group', 'private'] as Audience[])
    for (const groupId of audience === 'group' ? [GROUP, OTHER_GROUP, null] : [null])
      for (const named of [false, true])
        for (const author of [false, true])
          for (const hidden of [false, true])
            ITEMS.push({
              n: ITEMS.length,
              intranet,
              audience,
              groupId,
              authorId: author ? READER : AUTHOR,
              hidden,
              namedUserIds: named ? [READER, AUTHOR] : [AUTHOR],
            });

export interface MatrixReader {
  label: string;
  reader: Reader;
  /** The reader's scope in one route tree's intranet (what search filters by). */
  scope: ReaderScope;
  tree: Intranet;
}

export const READERS: MatrixReader[] = PEOPLE.flatMap((who) =>
  [false, true].flatMap((member) =>
    [false, true].flatMap((follower) =>
      (['staff', 'client'] as Intranet[]).map((tree) => {
        const principal = {
          realm: who.realm,
          userId: READER,
          roles: who.roles,
          groupIds: member ? [GROUP] : [],
        };
        return {
          label: `${who.name} in the ${tree} tree (member ${member}, follower ${follower})`,
          reader: { principal, follows: (id: string) => follower && id === AUTHOR },
          scope: readerScope({ ...principal, intranet: tree }, follower ? [AUTHOR] : []),
          tree,
        };
      }),
    ),
  ),
);

/** What `canRead` admits of ITEMS, over the whole realm or within one route tree's intranet. */
export function admitted(r: MatrixReader, within: 'realm' | 'tree'): number[] {
  return ITEMS.filter((i) => canRead(r.reader, i) && (within === 'realm' || i.intranet === r.tree)).map(
    (i) => i.n,
  );
}
