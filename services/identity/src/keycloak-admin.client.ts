import { type Realm, type UserClaims, toUserClaims } from '@plein/contracts';
import { z } from 'zod';

/** The fields of Keycloak's UserRepresentation the sync uses. */
const KeycloakUser = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  enabled: z.boolean().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  serviceAccountClientId: z.string().optional(),
});
type KeycloakUser = z.infer<typeof KeycloakUser>;
const RoleMapping = z.array(z.object({ name: z.string() }));
const TokenAnswer = z.object({ access_token: z.string(), expires_in: z.number() });

export interface KeycloakAdminOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  pageSize?: number;
  timeoutMs?: number;
}

/**
 * The Keycloak admin API as the identity service's service account (client credentials of the confidential
 * client `plein-identity`, which holds realm-management view-users/query-users/manage-users in each realm).
 */
export class KeycloakAdminClient {
  private readonly tokens = new Map<Realm, { token: string; until: number }>();

  constructor(private readonly options: KeycloakAdminOptions) {}

  /** Every person in the realm (service accounts left out) as the claims a token of theirs would carry. */
  async *users(realm: Realm): AsyncGenerator<UserClaims & { enabled: boolean }> {
    const size = this.options.pageSize ?? 100;
    for (let first = 0; ; first += size) {
      const page = z
        .array(KeycloakUser)
        .parse(await this.get(realm, `/users?briefRepresentation=false&first=${first}&max=${size}`));
      for (const user of page) {
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
    const response = await this.fetch(realm, `/users/${encodeURIComponent(id)}`);
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`Keycloak admin API ${realm}/users/{id} answered ${response.status}`);
    return true;
  }

  /** The user's effective realm roles (composites expanded, as in realm_access.roles); toUserClaims keeps Plein's. */
  private async roles(realm: Realm, id: string): Promise<string[]> {
    const mapped = RoleMapping.parse(
      await this.get(realm, `/users/${encodeURIComponent(id)}/role-mappings/realm/composite`),
    );
    return mapped.map((r) => r.name);
  }

  private async fetch(realm: Realm, path: string): Promise<Response> {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    return fetch(`${base}/admin/realms/${realm}${path}`, {
      headers: { authorization: `Bearer ${await this.token(realm)}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
  }

  private async get(realm: Realm, path: string): Promise<unknown> {
    const response = await this.fetch(realm, path);
    if (!response.ok) {
      throw new Error(`Keycloak admin API ${realm}${path.split('?')[0]} answered ${response.status}`);
    }
    return response.json();
  }

  private async token(realm: Realm): Promise<string> {
    const hit = this.tokens.get(realm);
    if (hit && hit.until > Date.now()) return hit.token;
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const response = await fetch(`${base}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      throw new Error(
        `Keycloak refused the service account ${this.options.clientId} in realm ${realm}: ${response.status}`,
      );
    }
    const answer = TokenAnswer.parse(await response.json());
    this.tokens.set(realm, {
      token: answer.access_token,
      until: Date.now() + Math.max(0, answer.expires_in - 30) * 1000,
    });
    return answer.access_token;
  }
}
