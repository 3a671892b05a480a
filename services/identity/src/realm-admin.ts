import { type Realm, PleinError, type RealmDrift, type SyncResult } from '@plein/contracts';
import type { KeycloakAdminClient } from './keycloak-admin.client.js';
import type { KeycloakSync } from './keycloak-sync.service.js';
import { compareRealm, readRealmFile, realmDir } from './realm-drift.js';

export const REALM_ADMIN = Symbol('REALM_ADMIN');

/** The drift check against deploy/keycloak and the on-demand Keycloak sync. */
export class RealmAdmin {
  sync_: KeycloakSync | undefined;

  constructor(
    private readonly keycloak: KeycloakAdminClient | null,
    private readonly realms: readonly Realm[],
    private readonly dir: string | undefined,
    private readonly overlayDir?: string,
  ) {}

  private admin(): KeycloakAdminClient {
    if (!this.keycloak)
      throw new PleinError(503, 'keycloak_admin_unavailable', 'Identity has no Keycloak admin access');
    return this.keycloak;
  }

  async drift(): Promise<RealmDrift> {
    const keycloak = this.admin();
    const dir = realmDir(this.dir);
    const differences = [];
    for (const realm of this.realms) {
      differences.push(
        ...compareRealm(
          realm,
          readRealmFile(dir, realm, this.overlayDir),
          await keycloak.runningRealm(realm),
        ),
      );
    }
    return { checkedAt: new Date().toISOString(), inSync: differences.length === 0, differences };
  }

  async sync(): Promise<SyncResult> {
    if (!this.sync_)
      throw new PleinError(503, 'keycloak_admin_unavailable', 'Identity has no Keycloak admin access');
    try {
      return { realms: await this.sync_.runOnce() };
    } catch (err) {
      throw new PleinError(
        502,
        'keycloak_sync_failed',
        `The Keycloak sync failed: ${(err as Error).message}`,
      );
    }
  }
}
