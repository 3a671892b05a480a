import { fetchToken } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.close();
});

type Realm = 'staff' | 'clients';
const call = async (realm: Realm, user: string, method: string, path: string, body?: unknown) =>
  fetch(`${system.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await fetchToken(realm, user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface Result {
  items: { type: string; id: string; title: string; snippet: string }[];
  total: number;
  facets: Record<string, number>;
}
const search = async (realm: Realm, user: string, tree: 'staff' | 'client', q: string): Promise<Result> => {
  const res = await call(realm, user, 'GET', `/api/${tree}/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Result;
};
const me = async (realm: Realm, user: string, tree: 'staff' | 'client') =>
  (await (await call(realm, user, 'GET', `/api/${tree}/v1/me`)).json()) as {
    id: string;
    displayName: string;
  };

/** PATCH /people/me once the directory has the profile (it arrives by event after the first request). */
async function patchOwnProfile(
  realm: Realm,
  user: string,
  tree: 'staff' | 'client',
  patch: object,
): Promise<void> {
  const res = await eventually(
    () => call(realm, user, 'PATCH', `/api/${tree}/v1/people/me`, patch),
    (r) => r.status === 200,
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

const unique = (stem: string) => `${stem}${Date.now().toString(36)}`;

describe('search over the smoelenboek, fed by directory events', () => {
  it('finds a colleague by skill in the staff intranet; clients find the contact person by name only', async () => {
    const skill = unique('gebarentaal');
    const moderator = await me('staff', 'staff.moderator', 'staff');
    await patchOwnProfile('staff', 'staff.moderator', 'staff', {
      skills: [skill],
      about: 'Ik help bij conflicten.',
    });
    const found = await eventually(
      () => search('staff', 'staff.employee', 'staff', skill),
      (r) => r.total > 0,
    );
    expect(found.items).toEqual([expect.objectContaining({ type: 'person', id: moderator.id })]);
    expect(found.items[0]!.snippet).toContain(`<mark>${skill}</mark>`);
    // the skill is not among what clients may see of staff: nothing, not even a count
    expect(await search('clients', 'client.member', 'client', skill)).toEqual({
      items: [],
      total: 0,
      facets: {},
    });
    const byName = await search('clients', 'client.member', 'client', moderator.displayName);
    expect(byName.items.map((i) => i.id)).toContain(moderator.id);
    expect(byName.items.find((i) => i.id === moderator.id)!.snippet).not.toContain('conflicten');
  });

  it('a client is findable only in the client intranet, only while opted in, only with the fields they chose', async () => {
    const word = unique('aquarel');
    const client = await me('clients', 'client.editor', 'client');
    await patchOwnProfile('clients', 'client.editor', 'client', {
      about: `Ik schilder graag ${word}.`,
      privacy: { optedIn: true, sharedFields: ['about'] },
    });
    const found = await eventually(
      () => search('clients', 'client.member', 'client', word),
      (r) => r.total > 0,
    );
    expect(found.items.map((i) => i.id)).toEqual([client.id]);
    // the first name only (the last name was not shared)
    expect(found.items[0]!.title).not.toContain(' ');
    expect((await search('staff', 'staff.employee', 'client', word)).total).toBe(1);
    expect(await search('staff', 'staff.employee', 'staff', word)).toEqual({
      items: [],
      total: 0,
      facets: {},
    });

    await patchOwnProfile('clients', 'client.editor', 'client', {
      privacy: { optedIn: false, sharedFields: ['about'] },
    });
    const gone = await eventually(
      () => search('clients', 'client.member', 'client', word),
      (r) => r.total === 0,
    );
    expect(gone).toEqual({ items: [], total: 0, facets: {} });
    expect((await search('staff', 'staff.employee', 'client', word)).total).toBe(0);
  });

  it('a rebuild after throwing the index away gives the same results', async () => {
    const skill = unique('reanimatie');
    await patchOwnProfile('staff', 'staff.editor', 'staff', { skills: [skill] });
    await eventually(
      () => search('staff', 'staff.employee', 'staff', skill),
      (r) => r.total > 0,
    );
    const queries: [Realm, string, 'staff' | 'client', string][] = [
      ['staff', 'staff.employee', 'staff', skill],
      ['staff', 'staff.employee', 'staff', 'staff'],
      ['clients', 'client.member', 'client', (await me('staff', 'staff.editor', 'staff')).displayName],
    ];
    const before = await Promise.all(queries.map((q) => search(...q)));
    const rebuilt = await call('staff', 'staff.admin', 'POST', '/api/admin/v1/search/rebuild');
    expect(rebuilt.status).toBe(201);
    const summary = (await rebuilt.json()) as { indexed: number; sources: Record<string, number> };
    expect(summary.sources['directory']).toBeGreaterThan(0);
    const after = await Promise.all(queries.map((q) => search(...q)));
    const ids = (r: Result) => r.items.map((i) => `${i.type}/${i.id}`).sort();
    for (let i = 0; i < queries.length; i++) {
      expect(ids(after[i]!)).toEqual(ids(before[i]!));
      expect(after[i]!.total).toBe(before[i]!.total);
      expect(after[i]!.facets).toEqual(before[i]!.facets);
    }
  });
});
