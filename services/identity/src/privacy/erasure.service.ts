import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, EntityManager as Em } from '@mikro-orm/postgresql';
import {
  type ErasureConfirmation,
  type ErasureReport,
  ErasureRequested,
  type PersonalData,
  type Principal,
  type Realm,
  PleinError,
  erasureConfirmed,
  forbidden,
  notFound,
} from '@plein/contracts';
import { forgetPublishedEvents, recordEvent } from '@plein/messaging';
import type { Logger } from 'pino';
import { ADMIN_CONFIG, KEYCLOAK_ADMIN } from '../clients/client-accounts.service.js';
import { ErasureConfirmationEntity, ErasureEntity } from '../entities/erasure.entity.js';
import { StartCodeEntity } from '../entities/start-code.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { type IdentityConfig, SERVICE } from '../identity.config.js';
import type { KeycloakAdminClient } from '../keycloak-admin.client.js';

/**
 * The right to erasure (AVG), identity's part and the bookkeeping. An admin's request (or a user deleted in
 * Keycloak, after `KEYCLOAK_REMOVED_ERASE_AFTER_SECONDS`) records an erasure with one pending line per participant
 * (`ERASURE_PARTICIPANTS`) and publishes `plein.identity.erasure.requested` through the outbox, in one transaction.
 * Every participant confirms with `plein.<service>.erasure.confirmed`; the report flags a participant that has not
 * confirmed within `ERASURE_DEADLINE_SECONDS`. The erasure keeps no trace of whom it erased.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly em: Em,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient | null,
    @Inject(ADMIN_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** An admin erases a person: the Keycloak account goes first (so no sync brings them back), then the request. */
  async request(userId: string, admin: Principal, log?: Logger): Promise<{ id: string }> {
    if (admin.realm !== 'staff' || !admin.roles.includes('admin'))
      throw forbidden('Erasure needs the admin role');
    if (userId === admin.userId)
      throw new PleinError(422, 'cannot_erase_self', 'An administrator cannot erase their own account');
    const user = await this.em.findOne(UserEntity, { id: userId });
    if (!user) throw notFound('No such person');
    if (this.keycloak) await this.keycloak.deleteAccount(user.realm, user.subject);
    else log?.warn({ userId }, 'no Keycloak admin access: the Keycloak account was not deleted');
    return this.record(user.id, user.realm, admin.userId);
  }

  /** Records the erasure and its event (also used by the Keycloak sync for removed accounts). */
  async record(userId: string, realm: Realm, byUserId: string | null): Promise<{ id: string }> {
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      tx.create(ErasureEntity, { id, realm, byUserId });
      await tx.flush(); // the confirmation lines refer to it
      for (const service of this.config.ERASURE_PARTICIPANTS) {
        tx.create(ErasureConfirmationEntity, {
          erasureId: id,
          service,
          confirmedAt: null,
          removed: {},
          anonymised: {},
        });
      }
      recordEvent(
        tx,
        ErasureRequested,
        { erasureId: id, userId, realm, byUserId, requestedAt: new Date().toISOString() },
        SERVICE,
      );
    });
    return { id };
  }

  /** Users removed in Keycloak longer ago than the grace period are erased (the Keycloak sync calls this). */
  async eraseRemoved(realm: Realm): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.KEYCLOAK_REMOVED_ERASE_AFTER_SECONDS * 1000);
    const removed = await this.em.find(UserEntity, {
      realm,
      accountState: 'removed',
      accountStateAt: { $lte: cutoff },
    });
    for (const user of removed) {
      // the users row goes when identity handles its own request; until then it must not be requested again
      user.accountStateAt = new Date('9999-12-31T00:00:00Z');
      await this.em.flush();
      await this.record(user.id, realm, null);
    }
    return removed.length;
  }

  /** Identity's own part: the user row, start code and every trace of the id; confirmed in the same transaction. */
  async eraseOwn(tx: EntityManager, data: { erasureId: string; userId: string }): Promise<void> {
    const users = await tx.nativeDelete(UserEntity, { id: data.userId });
    const codes = await tx.nativeDelete(StartCodeEntity, { userId: data.userId });
    const issued = await tx.nativeUpdate(StartCodeEntity, { issuedBy: data.userId }, { issuedBy: null });
    const asked = await tx.nativeUpdate(ErasureEntity, { byUserId: data.userId }, { byUserId: null });
    const events = await forgetPublishedEvents(tx, SERVICE, data.userId);
    const confirmation: ErasureConfirmation = {
      erasureId: data.erasureId,
      userId: data.userId,
      service: 'identity',
      removed: { users: users, startCodes: codes, events },
      anonymised: { startCodesIssued: issued, erasuresRequested: asked },
      confirmedAt: new Date().toISOString(),
    };
    recordEvent(tx, erasureConfirmed('identity'), confirmation, SERVICE);
    await this.confirm(tx, confirmation);
  }

  /** A participant's confirmation (idempotent: the first one counts). */
  async confirm(tx: EntityManager, c: ErasureConfirmation): Promise<void> {
    await tx.nativeUpdate(
      ErasureConfirmationEntity,
      { erasureId: c.erasureId, service: c.service, confirmedAt: null },
      { confirmedAt: new Date(c.confirmedAt), removed: c.removed, anonymised: c.anonymised },
    );
  }

  async report(id: string, admin: Principal): Promise<ErasureReport> {
    if (admin.realm !== 'staff' || !admin.roles.includes('admin'))
      throw forbidden('Erasure needs the admin role');
    const erasure = await this.em.findOne(ErasureEntity, { id });
    if (!erasure) throw notFound('No such erasure');
    const lines = await this.em.find(
      ErasureConfirmationEntity,
      { erasureId: id },
      { orderBy: { service: 'asc' } },
    );
    const deadline = erasure.requestedAt.getTime() + this.config.ERASURE_DEADLINE_SECONDS * 1000;
    const services = lines.map((l) => ({
      service: l.service,
      ...(l.confirmedAt ? { confirmedAt: l.confirmedAt.toISOString() } : {}),
      removed: l.removed,
      anonymised: l.anonymised,
      overdue: !l.confirmedAt && Date.now() > deadline,
    }));
    const state = services.every((s) => s.confirmedAt)
      ? 'done'
      : services.some((s) => s.overdue)
        ? 'overdue'
        : 'pending';
    return {
      id,
      realm: erasure.realm,
      requestedAt: erasure.requestedAt.toISOString(),
      byUserId: erasure.byUserId ?? null,
      state,
      services,
    };
  }

  /** What identity holds of a person, for `GET /me/export`. */
  async export(userId: string): Promise<PersonalData> {
    const user = await this.em.findOne(UserEntity, { id: userId });
    if (!user) return { service: 'identity', sections: {} };
    return {
      service: 'identity',
      sections: {
        account: [
          {
            id: user.id,
            realm: user.realm,
            username: user.username,
            displayName: user.displayName,
            email: user.email ?? null,
            roles: user.roles,
            accountState: user.accountState,
            createdAt: user.createdAt.toISOString(),
          },
        ],
      },
    };
  }
}
