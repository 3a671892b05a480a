import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Realm } from '@plein/contracts';
import { AccountStateEntity, FollowEntity, UserEntity } from '../entities/person.entity.js';

export interface UserData {
  id: string;
  realm: Realm;
  username: string;
  displayName: string;
}

/**
 * The people timelines knows (identity's users), their account state and whom they follow: the one place that
 * knows how these are stored. Construct it with the `em` of the transaction (or request context) in use.
 */
export class PeopleRepository {
  constructor(private readonly em: EntityManager) {}

  async find(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.em.find(UserEntity, { id: { $in: [...new Set(ids)] } });
  }

  /**
   * Inserts or renames a person. A new row takes the account state already recorded for them (a deactivation can
   * arrive before the person is known); an existing row's state is left to the account-state consumers.
   */
  async upsert(user: UserData): Promise<void> {
    const current = await this.em.findOne(UserEntity, { id: user.id });
    if (current) {
      if (current.username === user.username && current.displayName === user.displayName) return;
      current.username = user.username;
      current.displayName = user.displayName;
      await this.em.flush();
      return;
    }
    const state = await this.em.findOne(AccountStateEntity, { userId: user.id });
    // an upsert: the same person remembered by two requests at once is one row
    await this.em.upsert(
      UserEntity,
      { ...user, active: state?.active ?? true, updatedAt: new Date() },
      { onConflictFields: ['id'], onConflictMergeFields: ['username', 'displayName', 'updatedAt'] },
    );
  }

  /**
   * Records an account state unless a newer one is recorded (`at`: the event's time), and copies the newest to
   * the person when timelines knows them.
   */
  async followAccountState(userId: string, active: boolean, at: Date): Promise<void> {
    const current = await this.em.findOne(
      AccountStateEntity,
      { userId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (current) {
      if (current.changedAt >= at) return;
      current.active = active;
      current.changedAt = at;
      await this.em.flush();
    } else
      // the other consumer may insert at the same moment: the newer of the two wins in the database
      await this.em.upsert(
        AccountStateEntity,
        { userId, active, changedAt: at },
        {
          onConflictFields: ['userId'],
          onConflictAction: 'merge',
          onConflictWhere: { changedAt: { $lt: at } },
        },
      );
    const newest = await this.em.findOne(AccountStateEntity, { userId }, { refresh: true });
    if (!newest) return;
    await this.em.nativeUpdate(
      UserEntity,
      { id: userId, active: { $ne: newest.active } },
      { active: newest.active, updatedAt: new Date() },
    );
  }

  /** The ids a person follows. */
  async followees(followerId: string): Promise<string[]> {
    const rows = await this.em.find(FollowEntity, { followerId });
    return rows.map((r) => r.followeeId);
  }

  async follow(followerId: string, followeeId: string): Promise<void> {
    await this.em.upsert(
      FollowEntity,
      { followerId, followeeId },
      { onConflictFields: ['followerId', 'followeeId'], onConflictAction: 'ignore' },
    );
  }

  async unfollow(followerId: string, followeeId: string): Promise<void> {
    await this.em.nativeDelete(FollowEntity, { followerId, followeeId });
  }
}
