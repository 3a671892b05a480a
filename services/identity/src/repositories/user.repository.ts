import { type EntityManager, LockMode, type QueryResult } from '@mikro-orm/postgresql';
import type { Realm, Role } from '@plein/contracts';
import { type UserRecord, UserEntity } from '../entities/user.entity.js';

/** What identity stores of a newly seen user. */
export interface NewUser {
  id: string;
  realm: Realm;
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
}

/**
 * Identity's users: the one place that knows how they are stored. Construct it with the `em` in use:
 * the transaction's (`new UserRepository(tx)`) or the request context's.
 */
export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Inserts the user unless (realm, subject) is already taken; true only when this call inserted it. Two first
   * requests at the same moment give one row and one `true`: the loser waits for the winner's commit and inserts
   * nothing (`on conflict do nothing`).
   */
  async insertIfNew(user: NewUser): Promise<boolean> {
    const now = new Date();
    const res = await this.em
      .createQueryBuilder(UserEntity)
      .insert({ ...user, accountState: 'active', createdAt: now, updatedAt: now })
      .onConflict(['realm', 'subject'])
      .ignore()
      .execute<QueryResult>('run');
    return res.affectedRows > 0;
  }

  /** The user by their key in Keycloak, locked until the transaction ends (and read afresh). */
  findForUpdate(realm: Realm, subject: string): Promise<UserRecord | null> {
    return this.em.findOne(
      UserEntity,
      { realm, subject },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  find(id: string): Promise<UserRecord | null> {
    return this.em.findOne(UserEntity, { id });
  }

  findInRealm(id: string, realm: Realm): Promise<UserRecord | null> {
    return this.em.findOne(UserEntity, { id, realm });
  }

  /** Every user of the realm by subject, with their account state. */
  inRealm(realm: Realm): Promise<UserRecord[]> {
    return this.em.find(UserEntity, { realm }, { orderBy: { subject: 'asc' } });
  }

  /** Users A–Z by username, then id, after the cursor's (username, id); `limit` rows. */
  page(realm: Realm | undefined, after: readonly [string, string] | undefined, limit: number) {
    return this.em.find(
      UserEntity,
      {
        ...(realm ? { realm } : {}),
        ...(after
          ? { $or: [{ username: { $gt: after[0] } }, { username: after[0], id: { $gt: after[1] } }] }
          : {}),
      },
      { orderBy: [{ username: 'asc' }, { id: 'asc' }], limit },
    );
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}
