import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import { IdentityRpc, type Intranet, type Principal, ROLES_BY_REALM, type Role } from '@plein/contracts';
import { callRpc } from './rpc.js';

interface OverlayUser {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  realmRoles?: string[];
}

/** The demo people, for a service's live seed: it writes as them through the RPCs the gateway would call. */
export interface DemoPeople {
  /** The demo person as a principal in `intranet` (by default their realm's own); an unknown name throws. */
  as(username: string, intranet?: Intranet): Principal;
  /** Every demo person, in their realm's own intranet. */
  all(): Principal[];
}

/**
 * The demo people of deploy/seed/keycloak (both realms' overlays, under `root`, the repository) with their
 * Plein ids: identity ensures each as at a first login (idempotent), with the roles of their realm.
 */
export async function demoPeople(nats: ClientProxy, root: string): Promise<DemoPeople> {
  const people = new Map<string, Principal>();
  for (const realm of ['staff', 'clients'] as const) {
    const overlay = JSON.parse(
      await readFile(resolve(root, `deploy/seed/keycloak/${realm}-overlay.json`), 'utf8'),
    ) as { users?: OverlayUser[] };
    for (const user of overlay.users ?? []) {
      const roles = (user.realmRoles ?? []).filter((r): r is Role =>
        ROLES_BY_REALM[realm].includes(r as Role),
      );
      const ensured = await callRpc(nats, IdentityRpc.ensureUser, {
        realm,
        subject: user.id,
        username: user.username,
        displayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username,
        ...(user.email ? { email: user.email } : {}),
        roles,
      });
      people.set(user.username, {
        realm,
        intranet: realm === 'staff' ? 'staff' : 'client',
        userId: ensured.id,
        subject: user.id,
        username: ensured.username,
        displayName: ensured.displayName,
        roles: ensured.roles,
        groupIds: [],
      });
    }
  }
  return {
    as: (username, intranet) => {
      const p = people.get(username);
      if (!p) throw new Error(`seed: unknown demo user ${username}`);
      return intranet ? { ...p, intranet } : p;
    },
    all: () => [...people.values()],
  };
}
