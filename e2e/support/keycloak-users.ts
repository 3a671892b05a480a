import { randomUUID } from 'node:crypto';
import type { Realm, Role } from '@plein/contracts';
import { DEMO_PASSWORD, testEnv } from '@plein/testing';

/** The identity service's service account (manage-users), as the local overlay configures it. */
export const SYNC_CLIENT = { id: 'plein-identity', secret: 'plein-identity-local-secret' };

async function adminToken(realm: Realm): Promise<string> {
  const res = await fetch(`${testEnv().keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: SYNC_CLIENT.id,
      client_secret: SYNC_CLIENT.secret,
    }),
  });
  if (!res.ok) throw new Error(`no service-account token for ${realm}: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function keycloakAdmin(realm: Realm, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${testEnv().keycloakUrl}/admin/realms/${realm}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${await adminToken(realm)}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
}

export interface TestPerson {
  realm: Realm;
  subject: string;
  username: string;
  firstName: string;
  lastName: string;
}

/**
 * A fresh person in a realm of the running Keycloak (whichever overlay it imported), with the demo password
 * and the given realm roles, so tests do not depend on demo users beyond the eight everyone has.
 */
export async function createKeycloakUser(
  realm: Realm,
  firstName: string,
  lastName: string,
  roles: Role[] = [],
): Promise<TestPerson> {
  const username = `t.${firstName.toLowerCase()}.${randomUUID().slice(0, 8)}`;
  const created = await keycloakAdmin(realm, '/users', {
    method: 'POST',
    body: JSON.stringify({
      username,
      enabled: true,
      emailVerified: true,
      firstName,
      lastName,
      email: `${username}@plein.example`,
      credentials: [{ type: 'password', value: DEMO_PASSWORD, temporary: false }],
    }),
  });
  if (created.status !== 201) throw new Error(`Keycloak did not create ${username}: ${created.status}`);
  const subject = created.headers.get('location')!.split('/').pop()!;
  if (roles.length > 0) {
    const available = (await (
      await keycloakAdmin(realm, `/users/${subject}/role-mappings/realm/available`)
    ).json()) as { id: string; name: string }[];
    const wanted = available.filter((r) => roles.includes(r.name as Role));
    if (wanted.length !== roles.length)
      throw new Error(`roles ${roles.join(', ')} not all available in ${realm}`);
    const mapped = await keycloakAdmin(realm, `/users/${subject}/role-mappings/realm`, {
      method: 'POST',
      body: JSON.stringify(wanted),
    });
    if (!mapped.ok) throw new Error(`could not map roles for ${username}: ${mapped.status}`);
  }
  return { realm, subject, username, firstName, lastName };
}

export async function deleteKeycloakUser(person: TestPerson): Promise<void> {
  await keycloakAdmin(person.realm, `/users/${person.subject}`, { method: 'DELETE' });
}
