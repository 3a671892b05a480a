import type { Realm } from '@plein/contracts';
import type { Logger } from 'pino';
import type { KeycloakAdminClient } from './keycloak-admin.client.js';
import type { UserClaims } from '@plein/contracts';

export interface SyncReport {
  realm: Realm;
  seen: number;
  failed: number;
}

/**
 * Everyone in the realms is in Plein from the start, not only those who have logged in: lists every user
 * from Keycloak and provisions each through the same `ensure` as a first login, so a new user gives exactly
 * one `plein.identity.user.provisioned` and a changed name or e-mail one `plein.identity.user.updated`.
 * Runs at start and then every interval; a failed run is logged and retried at the next interval.
 */
export class KeycloakSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncReport[]> | undefined;

  constructor(
    private readonly keycloak: KeycloakAdminClient,
    /** Provisions one user (UserProvisioningService.ensure in its own request context). */
    private readonly ensure: (claims: UserClaims) => Promise<unknown>,
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
    for (const realm of this.realms) {
      const report: SyncReport = { realm, seen: 0, failed: 0 };
      try {
        for await (const user of this.keycloak.users(realm)) {
          report.seen++;
          const { enabled: _enabled, ...claims } = user;
          try {
            await this.ensure(claims);
          } catch (err) {
            report.failed++;
            this.log.error({ err, realm, subject: claims.subject }, 'could not provision a Keycloak user');
          }
        }
      } catch (err) {
        this.log.error({ err, realm }, 'Keycloak sync failed; retrying at the next interval');
        throw err;
      }
      this.log.info(report, 'Keycloak sync done');
      reports.push(report);
    }
    return reports;
  }
}
