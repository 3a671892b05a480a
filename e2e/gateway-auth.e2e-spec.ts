import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { decodeJwt, fetchToken } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.close();
});

const get = (path: string, token?: string) =>
  fetch(`${system.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    code: expect.any(String),
  });
  expect(body).not.toHaveProperty('stack');
  return body;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('realm rules per route tree, with real Keycloak tokens', () => {
  it.each([
    ['staff.employee', ['employee']],
    ['staff.editor', ['editor', 'employee']],
    ['staff.admin', ['admin', 'employee']],
  ])('a staff token (%s) on /api/staff/v1/me → 200 with its roles', async (username, roles) => {
    const token = await fetchToken('staff', username);
    const res = await get('/api/staff/v1/me', token);
    expect(res.status).toBe(200);
    const me = (await res.json()) as Record<string, unknown>;
    expect(me).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      realm: 'staff',
      username,
      displayName: expect.any(String),
      roles,
    });
    expect(me['displayName']).not.toBe('');
  });

  it('a clients token on /api/staff/v1/me → 403', async () => {
    const body = await expectProblem(
      await get('/api/staff/v1/me', await fetchToken('clients', 'client.member')),
      403,
    );
    expect(body['code']).toBe('forbidden');
  });

  it('a clients token on /api/client/v1/me → 200 with realm clients and its roles', async () => {
    const res = await get('/api/client/v1/me', await fetchToken('clients', 'client.editor'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      realm: 'clients',
      username: 'client.editor',
      roles: ['client', 'client-editor'],
    });
  });

  it('a staff token on /api/client/v1/me → 200, the same person as on the staff tree', async () => {
    const token = await fetchToken('staff', 'staff.mentor');
    const onClient = (await (await get('/api/client/v1/me', token)).json()) as { id: string; realm: string };
    const onStaff = (await (await get('/api/staff/v1/me', token)).json()) as { id: string };
    expect(onClient.realm).toBe('staff');
    expect(onClient.id).toBe(onStaff.id);
  });

  it('a non-admin staff token on /api/admin/v1/... → 403; a clients token → 403; an admin → 200', async () => {
    for (const username of ['staff.employee', 'staff.editor', 'staff.moderator', 'staff.mentor']) {
      await expectProblem(await get('/api/admin/v1/users', await fetchToken('staff', username)), 403);
    }
    await expectProblem(await get('/api/admin/v1/users', await fetchToken('clients', 'client.member')), 403);
    const res = await get('/api/admin/v1/users?realm=staff', await fetchToken('staff', 'staff.admin'));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { username: string; realm: string; accountState: string }[] };
    expect(page.items.map((u) => u.username)).toContain('staff.admin');
    expect(page.items.find((u) => u.username === 'staff.admin')?.accountState).toBe('active');
    expect(page.items.every((u) => u.realm === 'staff')).toBe(true);
  });

  it('an admin list with a bad realm or a forged cursor → 400', async () => {
    const token = await fetchToken('staff', 'staff.admin');
    await expectProblem(await get('/api/admin/v1/users?realm=elsewhere', token), 400);
    await expectProblem(await get('/api/admin/v1/users?cursor=nonsense', token), 400);
  });
});

describe('tokens that must be refused → 401 problem+json', () => {
  it('no token', async () => {
    await expectProblem(await get('/api/staff/v1/me'), 401);
    await expectProblem(await get('/api/client/v1/me'), 401);
    await expectProblem(await get('/api/admin/v1/users'), 401);
  });

  it('a garbage token', async () => {
    await expectProblem(await get('/api/staff/v1/me', 'not-a-token'), 401);
    await expectProblem(await get('/api/staff/v1/me', 'aaa.bbb.ccc'), 401);
  });

  it('an expired token (a real one, from a client whose tokens live one second)', async () => {
    const token = await fetchToken('staff', 'staff.employee', { client: 'plein-tests-short', fresh: true });
    const claims = decodeJwt(token) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 2100));
    await expectProblem(await get('/api/staff/v1/me', token), 401);
  });

  it('a token whose payload was changed after signing', async () => {
    const token = await fetchToken('clients', 'client.member');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      realm_access: { roles: string[] };
    };
    claims.realm_access.roles.push('client-editor');
    await expectProblem(await get('/api/client/v1/me', `${header}.${b64(claims)}.${signature}`), 401);
    // and one flipped byte in the signature
    const sig = Buffer.from(signature, 'base64url');
    sig[10] = sig[10]! ^ 0xff;
    await expectProblem(
      await get('/api/client/v1/me', `${header}.${payload}.${sig.toString('base64url')}`),
      401,
    );
  });

  it('an alg: none token with real claims', async () => {
    const token = await fetchToken('staff', 'staff.admin');
    const payload = token.split('.')[1]!;
    await expectProblem(
      await get('/api/admin/v1/users', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`),
      401,
    );
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    await expectProblem(
      await get('/api/admin/v1/users', `${b64({ alg: 'none', typ: 'JWT', kid: header.kid })}.${payload}.`),
      401,
    );
  });

  it('a token signed by a key that is not the realm’s (same kid, same claims)', async () => {
    const token = await fetchToken('staff', 'staff.admin');
    const [headerPart, payloadPart] = token.split('.') as [string, string];
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as Record<string, string>;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(createPublicKey(privateKey).asymmetricKeyType).toBe('rsa');
    for (const kid of [header['kid'], 'not-a-realm-key']) {
      const signed = `${b64({ ...header, kid })}.${payloadPart}`;
      const signature = sign('RSA-SHA256', Buffer.from(signed), privateKey).toString('base64url');
      await expectProblem(await get('/api/admin/v1/users', `${signed}.${signature}`), 401);
    }
  });

  it('a token of the right realm but from another issuer host', async () => {
    const token = await fetchToken('staff', 'staff.employee');
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss: string };
    claims.iss = claims.iss.replace('localhost', 'evil.example');
    await expectProblem(await get('/api/staff/v1/me', `${h}.${b64(claims)}.${s}`), 401);
  });
});
