import { fetchToken } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.close();
});

const get = async (path: string, realm: 'staff' | 'clients', user: string) =>
  fetch(`${system.url}${path}`, { headers: { authorization: `Bearer ${await fetchToken(realm, user)}` } });

describe('search through the gateway', () => {
  it('answers in both trees with the documented shape', async () => {
    for (const [path, realm, user] of [
      ['/api/staff/v1/search?q=opvang', 'staff', 'staff.employee'],
      ['/api/client/v1/search?q=opvang', 'clients', 'client.member'],
      ['/api/client/v1/search?q=opvang', 'staff', 'staff.employee'],
    ] as const) {
      const res = await get(path, realm, user);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: unknown[]; total: number; facets: object };
      expect(body).toEqual({
        items: expect.any(Array),
        total: expect.any(Number),
        facets: expect.any(Object),
      });
    }
    const suggest = await get('/api/staff/v1/search/suggest?q=opv', 'staff', 'staff.employee');
    expect(suggest.status).toBe(200);
    expect(await suggest.json()).toEqual({ items: expect.any(Array) });
  });

  it('refuses bad queries with 400 and a clients token on the staff tree with 403', async () => {
    for (const q of [
      '',
      '?q=',
      `?q=${'a'.repeat(201)}`,
      '?q=x&type=secret',
      '?q=x&cursor=bogus',
      '?q=x&limit=500',
    ]) {
      const res = await get(`/api/staff/v1/search${q}`, 'staff', 'staff.employee');
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await get('/api/staff/v1/search?q=opvang', 'clients', 'client.member')).status).toBe(403);
  });

  it('rebuild is for admins only', async () => {
    const post = async (user: string) =>
      fetch(`${system.url}/api/admin/v1/search/rebuild`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await fetchToken('staff', user)}` },
      });
    expect((await post('staff.editor')).status).toBe(403);
    const res = await post('staff.admin');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ indexed: expect.any(Number), sources: expect.any(Object) });
  });
});
