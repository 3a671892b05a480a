import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Principal,
  type Realm,
  type Role,
  ROLES_BY_REALM,
  type User,
  type UserAccount,
  type UserClaims,
  UserProvisioned,
  UserUpdated,
  ListUsers,
  type UserPage,
  PleinError,
  forbidden,
  notFound,
} from '@plein/contracts';
import { z } from 'zod';
import { recordEvent } from '@plein/messaging';
import { cursorCodec } from '@plein/persistence';
import { SERVICE } from './identity.config.js';
import { UserRepository } from './repositories/user.repository.js';

const toUser = (user: {
  id: string;
  realm: Realm;
  username: string;
  displayName: string;
  roles: Role[];
}): User => ({
  id: user.id,
  realm: user.realm,
  username: user.username,
  displayName: user.displayName,
  roles: user.roles,
});

/** The same roles in the same order (roles are kept sorted). */
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((r, i) => r === b[i]);

/** Keeps only the roles that belong to the claimed realm. */
const realmRoles = (realm: Realm, roles: readonly Role[]): Role[] =>
  [...new Set(roles.filter((r) => ROLES_BY_REALM[realm].includes(r)))].sort();

/** The list's position: the last username and id it gave out. */
const cursor = cursorCodec(
  z.tuple([z.string(), z.string().regex(/^[0-9a-f-]{36}$/)]),
  'The cursor is not one this list gave out',
);

@Injectable()
export class UserProvisioningService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Finds or creates the user for verified token claims (or for a user listed by the Keycloak sync). The insert and its
   * `plein.identity.user.provisioned` event commit together, and only the request that actually
   * inserted the row records the event, so two first requests at the same moment give one event.
   *
   * A user whose account the Keycloak sync found disabled or removed is refused (403 `account_inactive`) and
   * nothing is written: a token that is still valid never brings the account back, only the sync does.
   */
  async ensure(claims: UserClaims): Promise<User> {
    const roles = realmRoles(claims.realm, claims.roles);
    return this.em.transactional(async (tx) => {
      const users = new UserRepository(tx);
      const fresh = {
        id: randomUUID(),
        realm: claims.realm,
        subject: claims.subject,
        username: claims.username,
        displayName: claims.displayName,
        email: claims.email ?? null,
        roles,
      };
      if (await users.insertIfNew(fresh)) {
        recordEvent(
          tx,
          UserProvisioned,
          {
            userId: fresh.id,
            realm: fresh.realm,
            subject: claims.subject,
            username: fresh.username,
            displayName: fresh.displayName,
            ...(fresh.email ? { email: fresh.email } : {}),
          },
          SERVICE,
        );
        return toUser(fresh);
      }
      // Locked, so two requests with the same new names give one update and one event.
      const existing = await users.findForUpdate(claims.realm, claims.subject);
      if (!existing) throw new Error(`user ${claims.realm}/${claims.subject} vanished while provisioning`);
      if (existing.accountState !== 'active') {
        throw new PleinError(403, 'account_inactive', 'This account is no longer active in Plein');
      }
      const same =
        existing.username === claims.username &&
        existing.displayName === claims.displayName &&
        (existing.email ?? '') === (claims.email ?? '') &&
        sameList(existing.roles, roles);
      if (!same) {
        Object.assign(existing, {
          username: claims.username,
          displayName: claims.displayName,
          email: claims.email ?? null,
          roles,
        });
        await users.flush();
        recordEvent(
          tx,
          UserUpdated,
          {
            userId: existing.id,
            realm: existing.realm,
            subject: claims.subject,
            username: existing.username,
            displayName: existing.displayName,
            ...(existing.email ? { email: existing.email } : {}),
            roles: existing.roles,
          },
          SERVICE,
        );
      }
      return toUser(existing);
    });
  }

  /** Users A–Z by username, then id; the cursor is the last (username, id) seen. Admins only. */
  async list(query: z.infer<typeof ListUsers>, principal: Principal): Promise<UserPage> {
    if (principal.realm !== 'staff' || !principal.roles.includes('admin'))
      throw forbidden('Administration needs the admin role');
    const after = query.cursor ? cursor.decode(query.cursor) : undefined;
    const rows = await new UserRepository(this.em).page(query.realm, after, query.limit + 1);
    const items = rows
      .slice(0, query.limit)
      .map((row) => ({ ...toUser(row), accountState: row.accountState }));
    const last = items[items.length - 1];
    return rows.length > query.limit && last
      ? { items, nextCursor: cursor.encode([last.username, last.id]) }
      : { items };
  }

  /**
   * One user by id with their account state, for services that meet an id before its provisioned event
   * (timelines, on a follow or mention of someone it has not learnt of). Internal: no gateway route.
   */
  async get(userId: string): Promise<UserAccount> {
    const row = await new UserRepository(this.em).find(userId);
    if (!row) throw notFound('No such person');
    return { ...toUser(row), accountState: row.accountState };
  }

  /** The caller as identity knows them, with the roles of their current token. */
  async me(principal: Principal): Promise<User> {
    const user = await new UserRepository(this.em).findInRealm(principal.userId, principal.realm);
    if (!user) throw notFound('This account is not known to Plein');
    return {
      id: user.id,
      realm: user.realm,
      username: user.username,
      displayName: user.displayName,
      roles: realmRoles(principal.realm, principal.roles),
    };
  }
}
