import type { Intranet, Principal, Realm, Role } from '@plein/contracts';

export const hasRole = (principal: Pick<Principal, 'roles'>, role: Role): boolean =>
  principal.roles.includes(role);

export const hasAnyRole = (principal: Pick<Principal, 'roles'>, roles: readonly Role[]): boolean =>
  roles.some((role) => principal.roles.includes(role));

/** The intranets a realm may enter: staff → both, clients → the client intranet only. */
export const intranetsOf = (realm: Realm): readonly Intranet[] =>
  realm === 'staff' ? ['staff', 'client'] : ['client'];

/** Route trees and the realm rule of each (ARCHITECTURE.md, "Realms, intranets, principals"). */
export type RouteTree = 'staff' | 'client' | 'admin';

export type RealmRuleResult = { allowed: true; intranet: Intranet } | { allowed: false; reason: string };

export function realmRule(tree: RouteTree, realm: Realm, roles: readonly Role[]): RealmRuleResult {
  switch (tree) {
    case 'staff':
      return realm === 'staff'
        ? { allowed: true, intranet: 'staff' }
        : { allowed: false, reason: 'The staff intranet is only for staff accounts' };
    case 'client':
      return { allowed: true, intranet: 'client' };
    case 'admin':
      if (realm !== 'staff') return { allowed: false, reason: 'Administration is only for staff accounts' };
      return roles.includes('admin')
        ? { allowed: true, intranet: 'staff' }
        : { allowed: false, reason: 'Administration needs the admin role' };
  }
}
