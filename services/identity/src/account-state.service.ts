import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type AccountState, type Realm, UserDeactivated, UserReactivated } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { SERVICE } from './identity.config.js';

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
    return this.em
      .getConnection()
      .execute<KnownAccount[]>(
        `select subject, account_state as state from "identity"."users" where realm = ? order by subject`,
        [realm],
      );
  }

  /** Moves one user to `state`; true when it changed (and its event is in the outbox). */
  async set(realm: Realm, subject: string, state: AccountState): Promise<boolean> {
    return this.em.transactional(async (tx) => {
      const [changed] = await tx.execute<{ id: string }[]>(
        `update "identity"."users" set account_state = ?, account_state_at = now(), updated_at = now()
          where realm = ? and subject = ? and account_state <> ?
          returning id`,
        [state, realm, subject, state],
      );
      if (!changed) return false;
      if (state === 'active') {
        recordEvent(tx, UserReactivated, { userId: changed.id, realm }, SERVICE);
      } else {
        recordEvent(tx, UserDeactivated, { userId: changed.id, realm, reason: state }, SERVICE);
      }
      return true;
    });
  }
}
