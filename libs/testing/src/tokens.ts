import type { Realm } from '@plein/contracts';
import { testEnv } from './test-env.js';

export const DEMO_PASSWORD = process.env['PLEIN_DEMO_PASSWORD'] ?? 'plein-demo';

export const DEMO_USERS = {
  staff: ['staff.employee', 'staff.mentor', 'staff.editor', 'staff.moderator', 'staff.admin'],
  clients: ['client.member', 'client.other', 'client.editor'],
} as const satisfies Record<Realm, readonly string[]>;

export type DemoUser = (typeof DEMO_USERS)[Realm][number];

const cache = new Map<string, { token: string; until: number }>();

/**
 * A real access token from Keycloak for a demo user (password grant through the test-only client
 * `plein-tests`; `plein-tests-short` gives tokens that live one second).
 */
export async function fetchToken(
  realm: Realm,
  username: string,
  options: { client?: 'plein-tests' | 'plein-tests-short'; fresh?: boolean } = {},
): Promise<string> {
  const client = options.client ?? 'plein-tests';
  const key = `${realm}/${username}/${client}`;
  const hit = cache.get(key);
  if (!options.fresh && hit && hit.until > Date.now()) return hit.token;
  const response = await fetch(`${testEnv().keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: client,
      username,
      password: DEMO_PASSWORD,
      scope: 'openid',
    }),
  });
  if (!response.ok)
    throw new Error(
      `Keycloak refused a token for ${realm}/${username}: ${response.status} ${await response.text()}`,
    );
  const body = (await response.json()) as { access_token: string; expires_in: number };
  cache.set(key, { token: body.access_token, until: Date.now() + Math.max(0, body.expires_in - 30) * 1000 });
  return body.access_token;
}

/** The claims of a JWT, without verifying it (tests only): jose's decoder. */
export { decodeJwt } from 'jose';
