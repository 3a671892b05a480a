import type { AccountState, Realm, UserClaims } from '@plein/contracts';
import type { Logger } from 'pino';
import { decideAccountStates } from './account-state.decision.js';
import type { KnownAccount } from './account-state.service.js';
import type { KeycloakAdminClient } from './keycloak-admin.client.js';

export interface SyncReport {
  realm: Realm;
  /** Users Keycloak listed. */
  seen: number;
  /** Users that could not be provisioned, updated or given their account state (retried next pass). */
  failed: number;
  deactivated: number;
  reactivated: number;
  /** Whether Keycloak answered every page: only then may anyone be marked removed. */
  complete: boolean;
}

/** What the sync does to Plein's users (UserProvisioningService and AccountStateService, each call in its own context). */
export interface SyncTarget {
  /** Provisions or updates one enabled user, as a first login does. */
  ensure(claims: UserClaims): Promise<unknown>;
  known(realm: Realm): Promise<KnownAccount[]>;
  /** True when the state changed (its event is then in the outbox). */
  setState(realm: Realm, subject: string, state: AccountState): Promise<boolean>;
  /** Erases the users removed in Keycloak longer ago than the grace period (after a complete pass only). */
  eraseRemoved?(realm: Realm): Promise<number>;
}

/**
 * Everyone in the realms is in Plein from the start, not only those who have logged in: lists every user
 * from Keycloak and provisions each enabled one through the same `ensure` as a first login, so a new user
 * gives exactly one `plein.identity.user.provisioned` and a changed name or e-mail one
 * `plein.identity.user.updated`. It also follows accounts IT admins switch off: a known user Keycloak lists
 * with `enabled: false` becomes `disabled`, one enabled again `active`, and a known user a complete listing no
 * longer contains (and Keycloak confirms gone) `removed`; each change is one deactivated/reactivated event.
 * A user never seen who is disabled is not provisioned at all. Runs at start and then every interval; a
 * failed run is logged and retried at the next interval, and a failed listing removes nobody.
 */
export class KeycloakSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncReport[]> | undefined;

  constructor(
    private readonly keycloak: Pick<KeycloakAdminClient, 'users' | 'exists'>,
    private readonly target: SyncTarget,
    private readonly realms: readonly Realm[],
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.runOnce()
          .catch(() => undefined)
          .finally(tick);
      }, this.intervalMs);
    };
    void this.runOnce()
      .catch(() => undefined)
      .finally(tick);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every realm; concurrent callers share the pass in flight. */
  runOnce(): Promise<SyncReport[]> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<SyncReport[]> {
    const reports: SyncReport[] = [];
    for (const realm of this.realms) reports.push(await this.syncRealm(realm));
    return reports;
  }

  private async syncRealm(realm: Realm): Promise<SyncReport> {
    // Known before listing: a user provisioned just in time during the pass is never a removal candidate.
    const known = await this.target.known(realm);
    const listed = new Map<string, UserClaims>();
    const seen: { subject: string; enabled: boolean }[] = [];
    let listingError: unknown;
    try {
      for await (const { enabled, ...claims } of this.keycloak.users(realm)) {
        listed.set(claims.subject, claims);
        seen.push({ subject: claims.subject, enabled });
      }
    } catch (err) {
      listingError = err ?? new Error('Keycloak listing failed');
    }
    const complete = listingError === undefined;
    const decision = decideAccountStates(known, seen, complete);
    const report: SyncReport = {
      realm,
      seen: seen.length,
      failed: 0,
      deactivated: 0,
      reactivated: 0,
      complete,
    };
    const setState = async (subject: string, state: AccountState) => {
      try {
        if (await this.target.setState(realm, subject, state)) {
          if (state === 'active') report.reactivated++;
          else report.deactivated++;
        }
      } catch (err) {
        report.failed++;
        this.log.error({ err, realm, subject, state }, 'could not record a Keycloak account state');
      }
    };
    // Enabled again first, so `ensure` then accepts them and follows any change of name or roles.
    for (const c of decision.changes) if (c.state === 'active') await setState(c.subject, c.state);
    for (const subject of decision.provision) {
      try {
        await this.target.ensure(listed.get(subject)!);
      } catch (err) {
        report.failed++;
        this.log.error({ err, realm, subject }, 'could not provision a Keycloak user');
      }
    }
    for (const c of decision.changes) if (c.state !== 'active') await setState(c.subject, c.state);
    for (const subject of decision.removalCandidates) {
      let gone = false;
      try {
        gone = !(await this.keycloak.exists(realm, subject));
      } catch (err) {
        report.failed++;
        this.log.error({ err, realm, subject }, 'could not confirm a user is gone from Keycloak');
      }
      if (gone) await setState(subject, 'removed');
    }
    if (!complete) {
      this.log.error(
        { err: listingError, realm },
        'Keycloak sync failed; nobody removed, retrying at the next interval',
      );
      throw listingError;
    }
    if (this.target.eraseRemoved) {
      try {
        await this.target.eraseRemoved(realm);
      } catch (err) {
        report.failed++;
        this.log.error({ err, realm }, 'could not request the erasure of users removed in Keycloak');
      }
    }
    this.log.info(report, 'Keycloak sync done');
    return report;
  }
}
