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
import { cursorCodec, textArray } from '@plein/persistence';
import { SERVICE } from './identity.config.js';
import { UserEntity } from './entities/user.entity.js';

interface UserRow {
  id: string;
  realm: Realm;
  username: string;
  display_name: string;
  email: string | null;
  roles: Role[];
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  realm: row.realm,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
});

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
      const inserted = await tx.execute<UserRow[]>(
        `insert into "identity"."users" (id, realm, subject, username, display_name, email, roles)
         values (?, ?, ?, ?, ?, ?, ?::text[])
         on conflict (realm, subject) do nothing
         returning id, realm, username, display_name, email, roles`,
        [
          randomUUID(),
          claims.realm,
          claims.subject,
          claims.username,
          claims.displayName,
          claims.email ?? null,
          textArray(roles),
        ],
      );
      const created = inserted[0];
      if (created) {
        recordEvent(
          tx,
          UserProvisioned,
          {
            userId: created.id,
            realm: created.realm,
            subject: claims.subject,
            username: created.username,
            displayName: created.display_name,
            ...(created.email ? { email: created.email } : {}),
          },
          SERVICE,
        );
        return toUser(created);
      }
      const updated = await tx.execute<UserRow[]>(
        `update "identity"."users" set username = ?, display_name = ?, email = ?, roles = ?::text[], updated_at = now()
         where realm = ? and subject = ? and account_state = 'active'
           and (username, display_name, coalesce(email, ''), roles) is distinct from (?, ?, ?, ?::text[])
         returning id, realm, username, display_name, email, roles`,
        [
          claims.username,
          claims.displayName,
          claims.email ?? null,
          textArray(roles),
          claims.realm,
          claims.subject,
          claims.username,
          claims.displayName,
          claims.email ?? '',
          textArray(roles),
        ],
      );
      const changed = updated[0];
      if (changed) {
        recordEvent(
          tx,
          UserUpdated,
          {
            userId: changed.id,
            realm: changed.realm,
            subject: claims.subject,
            username: changed.username,
            displayName: changed.display_name,
            ...(changed.email ? { email: changed.email } : {}),
            roles: changed.roles,
          },
          SERVICE,
        );
        return toUser(changed);
      }
      const existing = await tx.findOneOrFail(UserEntity, { realm: claims.realm, subject: claims.subject });
      if (existing.accountState !== 'active') {
        throw new PleinError(403, 'account_inactive', 'This account is no longer active in Plein');
      }
      return {
        id: existing.id,
        realm: existing.realm,
        username: existing.username,
        displayName: existing.displayName,
        roles: existing.roles,
      };
    });
  }

  /** Users A–Z by username, then id; the cursor is the last (username, id) seen. Admins only. */
  async list(query: z.infer<typeof ListUsers>, principal: Principal): Promise<UserPage> {
    if (principal.realm !== 'staff' || !principal.roles.includes('admin'))
      throw forbidden('Administration needs the admin role');
    const after = query.cursor ? cursor.decode(query.cursor) : undefined;
    const rows = await this.em
      .getConnection()
      .execute<(UserRow & { account_state: UserAccount['accountState'] })[]>(
        `select id, realm, username, display_name, email, roles, account_state from "identity"."users"
       where (?::text is null or realm = ?) and (?::text is null or (username, id) > (?, ?::uuid))
       order by username, id limit ?`,
        [
          query.realm ?? null,
          query.realm ?? null,
          after?.[0] ?? null,
          after?.[0] ?? null,
          after?.[1] ?? null,
          query.limit + 1,
        ],
      );
    const items = rows
      .slice(0, query.limit)
      .map((row) => ({ ...toUser(row), accountState: row.account_state }));
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
    const [row] = await this.em
      .getConnection()
      .execute<(UserRow & { account_state: UserAccount['accountState'] })[]>(
        `select id, realm, username, display_name, email, roles, account_state from "identity"."users" where id = ?`,
        [userId],
      );
    if (!row) throw notFound('No such person');
    return { ...toUser(row), accountState: row.account_state };
  }

  /** The caller as identity knows them, with the roles of their current token. */
  async me(principal: Principal): Promise<User> {
    const user = await this.em.findOne(UserEntity, { id: principal.userId, realm: principal.realm });
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
