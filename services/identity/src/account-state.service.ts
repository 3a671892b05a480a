import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type AccountState, type Realm, UserDeactivated, UserReactivated } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { SERVICE } from './identity.config.js';
import { UserRepository } from './repositories/user.repository.js';

/** One user's account state as identity last recorded it. */
export interface KnownAccount {
  subject: string;
  state: AccountState;
}

/**
 * The account state of users as the Keycloak sync finds it (see keycloak-sync.service.ts). Each change and its
 * event (`plein.identity.user.deactivated` or `.reactivated`) commit together; setting the state a user
 * already has writes nothing.
 */
@Injectable()
export class AccountStateService {
  constructor(private readonly em: EntityManager) {}

  /** Every user of the realm Plein knows, with their account state. */
  async known(realm: Realm): Promise<KnownAccount[]> {
    const users = await new UserRepository(this.em).inRealm(realm);
    return users.map((u) => ({ subject: u.subject, state: u.accountState }));
  }

  /**
   * Moves one user to `state`; true when it changed (and its event is in the outbox). The row is locked first,
   * so of two syncs setting the same state at once only one sees a change and records the event.
   */
  async set(realm: Realm, subject: string, state: AccountState): Promise<boolean> {
    return this.em.transactional(async (tx) => {
      const users = new UserRepository(tx);
      const user = await users.findForUpdate(realm, subject);
      if (!user || user.accountState === state) return false;
      user.accountState = state;
      user.accountStateAt = new Date();
      await users.flush();
      if (state === 'active') {
        recordEvent(tx, UserReactivated, { userId: user.id, realm }, SERVICE);
      } else {
        recordEvent(tx, UserDeactivated, { userId: user.id, realm, reason: state }, SERVICE);
      }
      return true;
    });
  }
}
