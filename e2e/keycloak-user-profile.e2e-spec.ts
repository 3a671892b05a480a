import type { Realm } from '@plein/contracts';
import { decodeJwt, fetchToken, testEnv } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';

/**
 * Names come from Plein, not from what a user types into Keycloak: the realms' declarative user profile
 * (deploy/keycloak/*-realm.json) makes username, e-mail, first and last name read-only for the user, in both
 * realms, and leaves them editable by administrators (identity's service account, the admin console).
 * Tried against the real Keycloak's account API, the one the account console uses.
 */
interface Account {
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
  userProfileMetadata?: { attributes: { name: string; readOnly: boolean }[] };
}
interface AccountErrors {
  errors?: { field: string; errorMessage: string }[];
}

const accountUrl = (realm: Realm) => `${testEnv().keycloakUrl}/realms/${realm}/account/`;

async function account(realm: Realm, token: string): Promise<Account> {
  const res = await fetch(accountUrl(realm), {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Account;
}

const update = (realm: Realm, token: string, method: 'POST' | 'PUT', body: unknown) =>
  fetch(accountUrl(realm), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  });

const readOnlyFields = (a: Account) =>
  (a.userProfileMetadata?.attributes ?? [])
    .filter((x) => x.readOnly)
    .map((x) => x.name)
    .sort();

let client: TestPerson;
let colleague: TestPerson;

beforeAll(async () => {
  client = await createKeycloakUser('clients', 'Kees', 'Naamvast');
  colleague = await createKeycloakUser('staff', 'Petra', 'Naamvast', ['employee']);
});

afterAll(async () => {
  for (const p of [client, colleague]) if (p) await deleteKeycloakUser(p);
});

describe.each([
  ['clients' as const, () => client],
  ['staff' as const, () => colleague],
])('the %s realm: a user cannot rename themselves through Keycloak', (realm, person) => {
  it('the account console is told username, e-mail and names are read-only', async () => {
    const token = await fetchToken(realm, person().username, { fresh: true });
    const me = await account(realm, token);
    expect(me).toMatchObject({ username: person().username, firstName: person().firstName });
    expect(readOnlyFields(me)).toEqual(['email', 'firstName', 'lastName', 'username']);
  });

  it('POST /account with the name of a real mentor is refused (400) and the name stays', async () => {
    const token = await fetchToken(realm, person().username, { fresh: true });
    const me = await account(realm, token);
    const res = await update(realm, token, 'POST', { ...me, firstName: 'Joost', lastName: 'Bakker' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as AccountErrors;
    expect(body.errors?.map((e) => [e.field, e.errorMessage]).sort()).toEqual([
      ['firstName', 'error-user-attribute-read-only'],
      ['lastName', 'error-user-attribute-read-only'],
    ]);
    expect(await account(realm, token)).toMatchObject({
      firstName: person().firstName,
      lastName: person().lastName,
    });
    // and a new token still carries the name Plein knows
    const fresh = decodeJwt(await fetchToken(realm, person().username, { fresh: true }));
    expect(fresh['name']).toBe(`${person().firstName} ${person().lastName}`);
  });

  it('a new username or e-mail address is refused too, and PUT is no way around it', async () => {
    const token = await fetchToken(realm, person().username, { fresh: true });
    const me = await account(realm, token);
    const renamed = await update(realm, token, 'POST', {
      ...me,
      username: 'joost.bakker',
      email: 'joost.bakker@plein.example',
    });
    expect(renamed.status).toBe(400);
    const fields = ((await renamed.json()) as AccountErrors).errors?.map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'email']));
    const put = await update(realm, token, 'PUT', { ...me, firstName: 'Joost', lastName: 'Bakker' });
    expect(put.ok).toBe(false);
    expect(await account(realm, token)).toMatchObject({
      username: person().username,
      email: `${person().username}@plein.example`,
      firstName: person().firstName,
      lastName: person().lastName,
    });
  });

  it('what a user may still change (their language) is saved', async () => {
    const token = await fetchToken(realm, person().username, { fresh: true });
    const me = await account(realm, token);
    const res = await update(realm, token, 'POST', {
      ...me,
      attributes: { ...me.attributes, locale: ['en'] },
    });
    expect(res.status).toBe(204);
    expect((await account(realm, token)).attributes?.['locale']).toEqual(['en']);
  });

  it('an administrator (identity, the admin console) still sets the name', async () => {
    const res = await keycloakAdmin(realm, `/users/${person().subject}`, {
      method: 'PUT',
      body: JSON.stringify({ firstName: 'Karel', lastName: 'Naamvast' }),
    });
    expect(res.status).toBe(204);
    const token = await fetchToken(realm, person().username, { fresh: true });
    expect(decodeJwt(token)['name']).toBe('Karel Naamvast');
    // back to the name the other tests of this file expect
    const back = await keycloakAdmin(realm, `/users/${person().subject}`, {
      method: 'PUT',
      body: JSON.stringify({ firstName: person().firstName, lastName: person().lastName }),
    });
    expect(back.status).toBe(204);
  });
});
