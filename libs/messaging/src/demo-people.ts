import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { IdentityRpc, type Intranet, type Principal, ROLES_BY_REALM, type Role } from '@plein/contracts';
import type { ClientProxy } from '@nestjs/microservices';
import { callRpc } from './rpc.js';

interface OverlayUser {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  realmRoles?: string[];
}

/** The demo organisation's people, as the principals a live seed acts as. */
export interface DemoPeople {
  /** The person with this username, acting in `intranet` (by default their realm's own intranet). */
  as(username: string, intranet?: Intranet): Principal;
  /** Every demo person, in their realm's own intranet. */
  all(): Principal[];
}

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Reads the demo people from the realms' demo overlays (deploy/seed/keycloak) and makes each known to identity
 * (`ensureUser`, idempotent), as their first login would. Every service's live seed starts here, so they act as
 * the same people with the same ids.
 */
export async function demoPeople(nats: ClientProxy): Promise<DemoPeople> {
  const people = new Map<string, Principal>();
  for (const realm of ['staff', 'clients'] as const) {
    const overlay = JSON.parse(
      await readFile(resolve(ROOT, `deploy/seed/keycloak/${realm}-overlay.json`), 'utf8'),
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
    as(username, intranet) {
      const p = people.get(username);
      if (!p) throw new Error(`seed: unknown demo user ${username}`);
      return intranet ? { ...p, intranet } : p;
    },
    all: () => [...people.values()],
  };
}
