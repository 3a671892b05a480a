import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { IdentityRpc, PleinError, type Principal, type Realm } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { PeopleRepository } from './repositories/people.repository.js';

export interface KnownUser {
  id: string;
  realm: Realm;
  username: string;
  display_name: string;
  /** Whether their account still stands in Keycloak (identity's user.deactivated / user.reactivated). */
  active: boolean;
}

/** The NATS client timelines asks identity with (only for people it has not learnt of yet). */
export const IDENTITY_RPC = Symbol('IDENTITY_RPC');

/** A deactivated person cannot be newly followed, mentioned or named; what they wrote stays. */
export const personInactive = (userIds: string[], what: string): PleinError =>
  new PleinError(
    422,
    'person_inactive',
    `This person's account is no longer active in Plein, so they cannot be ${what}`,
    { userIds },
  );

/**
 * The people timelines knows: mirrored from `plein.identity.user.provisioned` (users.consumer.ts) and
 * from the principal of everyone who writes here, so authors always have a name. Their account state follows
 * identity's deactivated/reactivated events (account-state.consumer.ts).
 */
@Injectable()
export class People {
  constructor(
    private readonly em: EntityManager,
    @Inject(IDENTITY_RPC) private readonly identity: ClientProxy,
  ) {}

  async remember(principal: Principal, em: EntityManager = this.em): Promise<void> {
    await upsertUser(em, {
      id: principal.userId,
      realm: principal.realm,
      username: principal.username,
      display_name: principal.displayName || principal.username,
    });
  }

  async find(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, KnownUser>> {
    if (ids.length === 0) return new Map();
    const rows = await new PeopleRepository(em).find(ids);
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, realm: r.realm, username: r.username, display_name: r.displayName, active: r.active },
      ]),
    );
  }

  /**
   * Like `find`, but someone timelines does not know (their provisioned event not consumed yet, or a NATS store
   * replaced while the database stayed) is asked of identity, once each, and remembered when identity knows them
   * and their account is active. Someone identity knows as inactive is answered (`active: false`) but not
   * remembered; an id identity does not know stays out of the map. Only misses cost an RPC.
   */
  async resolve(
    ids: readonly string[],
    principal: Principal,
    em: EntityManager = this.em,
  ): Promise<Map<string, KnownUser>> {
    const known = await this.find(ids, em);
    const missing = [...new Set(ids.filter((id) => !known.has(id)))];
    if (missing.length === 0) return known;
    const answers = await Promise.all(missing.map((userId) => this.ask(userId, principal)));
    for (const user of answers) {
      if (!user) continue;
      if (user.active) await upsertUser(em, user);
      known.set(user.id, user);
    }
    if (answers.some((u) => u?.active)) {
      // a deactivation consumed before the person was known applies to the row just written
      for (const [id, user] of await this.find(
        answers.filter((u) => u?.active).map((u) => u!.id),
        em,
      ))
        known.set(id, user);
    }
    return known;
  }

  private async ask(userId: string, principal: Principal): Promise<KnownUser | undefined> {
    try {
      const user = await callRpc(this.identity, IdentityRpc.getUser, { userId }, principal, 3000);
      return {
        id: user.id,
        realm: user.realm,
        username: user.username,
        display_name: user.displayName || user.username,
        active: user.accountState === 'active',
      };
    } catch (err) {
      if (err instanceof PleinError && err.status === 404) return undefined;
      throw err;
    }
  }
}

/**
 * Inserts or renames a person. A new row takes the account state already recorded for them (a deactivation can
 * arrive before the person is known); an existing row's state is left to the account-state consumers.
 */
export async function upsertUser(em: EntityManager, user: Omit<KnownUser, 'active'>): Promise<void> {
  await new PeopleRepository(em).upsert({
    id: user.id,
    realm: user.realm,
    username: user.username,
    displayName: user.display_name,
  });
}

/**
 * Applies identity's user.deactivated / user.reactivated: the newest event per person wins, whichever of the two
 * consumers sees its event first (`account_states.changed_at` = the event's `occurredAt`); the winner is copied to
 * `users.active` when timelines knows the person (else `upsertUser` takes it when they arrive).
 */
export async function followAccountState(
  tx: EntityManager,
  userId: string,
  active: boolean,
  occurredAt: string,
): Promise<void> {
  await new PeopleRepository(tx).followAccountState(userId, active, new Date(occurredAt));
}
