import type { Realm } from '@plein/contracts';
import { DEMO_PASSWORD, testEnv } from '@plein/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';

/**
 * Logging in, as Keycloak is started for Plein (deploy/local/keycloak.sh, docker-compose.yml): brute-force
 * protection is on, yet a person who logs in twice at the same moment (two tabs, a phone and a laptop) gets in
 * twice. Keycloak 26 refuses such concurrent logins by default, as if they were an attack — which also made
 * test files signing in as the same demo person at once fail now and then.
 */
const people: TestPerson[] = [];
afterAll(async () => {
  for (const p of people) await deleteKeycloakUser(p);
});

const login = (realm: Realm, username: string, password: string) =>
  fetch(`${testEnv().keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'plein-tests', username, password }),
  });

describe.each(['staff', 'clients'] as const)('logging in to the %s realm', (realm) => {
  it('eight logins of one person at the same moment all succeed', async () => {
    const person = await createKeycloakUser(realm, 'Gelijktijdig', 'Inloggen');
    people.push(person);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => login(realm, person.username, DEMO_PASSWORD)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
  });

  it('ten wrong passwords still lock the account for a while: the right one is then refused too', async () => {
    const person = await createKeycloakUser(realm, 'Raden', 'Wachtwoord');
    people.push(person);
    for (let i = 0; i < 10; i++) {
      expect((await login(realm, person.username, `fout-${i}`)).status).toBe(401);
    }
    const locked = await login(realm, person.username, DEMO_PASSWORD);
    expect(locked.status).toBe(401);
    expect(((await locked.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
