import KcAdminClient from '@keycloak/keycloak-admin-client';
import { type Realm, type UserClaims, toUserClaims } from '@plein/contracts';

export interface KeycloakAdminOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  pageSize?: number;
  timeoutMs?: number;
}

/** What the drift check compares of a running realm (see realm-drift.ts). */
export interface RunningRealm {
  roles: { name: string; description?: string; composite: boolean }[];
  defaultRoles: string[];
  clients: Record<string, unknown>[];
  userProfile: unknown;
}

/**
 * The Keycloak admin API (`@keycloak/keycloak-admin-client`) as the identity service's service account: client
 * credentials of the confidential client `plein-identity`, which holds only the realm-management roles it needs
 * in each realm (deploy/keycloak: view-users, query-users, manage-users for the sync, the client accounts and
 * erasure; view-realm and view-clients for the drift check).
 */
export class KeycloakAdminClient {
  private readonly clients = new Map<Realm, KcAdminClient>();

  constructor(private readonly options: KeycloakAdminOptions) {}

  /** The admin client of one realm, with a valid service-account token. */
  private async kc(realm: Realm): Promise<KcAdminClient> {
    let kc = this.clients.get(realm);
    if (!kc) {
      kc = new KcAdminClient({
        baseUrl: this.options.baseUrl.replace(/\/+$/, ''),
        realmName: realm,
        timeout: this.options.timeoutMs ?? 10_000,
      });
      this.clients.set(realm, kc);
    }
    if (!kc.accessToken || kc.isTokenExpired()) {
      try {
        await kc.auth({
          grantType: 'client_credentials',
          clientId: this.options.clientId,
          clientSecret: this.options.clientSecret,
        });
      } catch (err) {
        throw new Error(`Keycloak refused the service account ${this.options.clientId} in realm ${realm}`, {
          cause: err,
        });
      }
    }
    return kc;
  }

  /** Every person in the realm (service accounts left out) as the claims a token of theirs would carry. */
  async *users(realm: Realm): AsyncGenerator<UserClaims & { enabled: boolean }> {
    const size = this.options.pageSize ?? 100;
    for (let first = 0; ; first += size) {
      const kc = await this.kc(realm);
      const page = await kc.users.find({ first, max: size, briefRepresentation: false });
      for (const user of page) {
        if (!user.id || !user.username) continue;
        if (user.serviceAccountClientId || user.username.startsWith('service-account-')) continue;
        yield {
          ...toUserClaims(realm, {
            subject: user.id,
            username: user.username,
            // the same display name a token of theirs carries (name = first + last)
            displayName: [user.firstName?.trim(), user.lastName?.trim()].filter(Boolean).join(' '),
            ...(user.email ? { email: user.email } : {}),
            roles: await this.roles(realm, user.id),
          }),
          enabled: user.enabled ?? true,
        };
      }
      if (page.length < size) return;
    }
  }

  /**
   * Whether the user still exists in the realm, asked one by one before the sync marks anyone removed (a
   * paged listing can skip a user when others are deleted meanwhile). Only a 404 says no; any other failure
   * throws, and the user stays.
   */
  async exists(realm: Realm, id: string): Promise<boolean> {
    const kc = await this.kc(realm);
    const user = await kc.users.findOne({ id });
    return user !== undefined && user !== null;
  }

  /** One user's claims, or null when Keycloak does not know the id. */
  async user(realm: Realm, id: string): Promise<(UserClaims & { enabled: boolean }) | null> {
    const kc = await this.kc(realm);
    const user = await kc.users.findOne({ id });
    if (!user?.id || !user.username) return null;
    return {
      ...toUserClaims(realm, {
        subject: user.id,
        username: user.username,
        displayName: [user.firstName?.trim(), user.lastName?.trim()].filter(Boolean).join(' '),
        ...(user.email ? { email: user.email } : {}),
        roles: await this.roles(realm, user.id),
      }),
      enabled: user.enabled ?? true,
    };
  }

  /** Whether a username is taken in the realm (exact match). */
  async usernameTaken(realm: Realm, username: string): Promise<boolean> {
    const kc = await this.kc(realm);
    const found = await kc.users.find({ username, exact: true, max: 1 });
    return found.length > 0;
  }

  /**
   * A new account with a one-time start code as its temporary password: Keycloak makes the person choose their
   * own password at the first login (required action UPDATE_PASSWORD). Returns the Keycloak id.
   */
  async createAccount(
    realm: Realm,
    account: { username: string; firstName: string; lastName?: string; startCode: string },
  ): Promise<string> {
    const kc = await this.kc(realm);
    const { id } = await kc.users.create({
      username: account.username,
      firstName: account.firstName,
      ...(account.lastName ? { lastName: account.lastName } : {}),
      enabled: true,
      requiredActions: ['UPDATE_PASSWORD'],
      credentials: [{ type: 'password', value: account.startCode, temporary: true }],
    });
    return id;
  }

  /** A new start code: the old password stops working, and the person must choose a new one at login. */
  async resetStartCode(realm: Realm, id: string, startCode: string): Promise<void> {
    const kc = await this.kc(realm);
    await kc.users.resetPassword({ id, credential: { type: 'password', value: startCode, temporary: true } });
    await kc.users.update({ id }, { requiredActions: ['UPDATE_PASSWORD'] });
  }

  /** Deletes the account (erasure); a 404 counts as done. */
  async deleteAccount(realm: Realm, id: string): Promise<void> {
    const kc = await this.kc(realm);
    const user = await kc.users.findOne({ id });
    if (user) await kc.users.del({ id });
  }

  /** The parts of the running realm that deploy/keycloak defines: roles, default roles, clients, user profile. */
  async runningRealm(realm: Realm): Promise<RunningRealm> {
    const kc = await this.kc(realm);
    const roles = await kc.roles.find({ briefRepresentation: false });
    const defaults = await kc.roles.findOneByName({ name: `default-roles-${realm}` });
    const defaultComposites = defaults?.id
      ? await kc.roles.getCompositeRolesForRealm({ id: defaults.id })
      : [];
    const clients = await kc.clients.find();
    const userProfile = await kc.users.getProfile();
    return {
      roles: roles.map((r) => ({
        name: r.name ?? '',
        ...(r.description ? { description: r.description } : {}),
        composite: r.composite ?? false,
      })),
      defaultRoles: defaultComposites.map((r) => r.name ?? '').sort(),
      clients: clients as Record<string, unknown>[],
      userProfile,
    };
  }

  /** The effective realm roles (composites expanded, as in realm_access.roles); toUserClaims keeps Plein's. */
  private async roles(realm: Realm, id: string): Promise<string[]> {
    const kc = await this.kc(realm);
    const mapped = await kc.users.listCompositeRealmRoleMappings({ id });
    return mapped.map((r) => r.name ?? '').filter(Boolean);
  }
}
