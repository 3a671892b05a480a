import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type Person, call, person } from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

/** Search over activities (fed by the activities service's events, through the gateway): the intranet decides. */
let system: RunningSystem;
let organiser: Person, client: Person;
const base = () => system.url;

interface Result {
  items: { type: string; id: string; title: string; snippet: string }[];
  total: number;
  facets: Record<string, number>;
}
const NOTHING = { items: [], total: 0, facets: {} };
const unique = (stem: string) => `${stem}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const search = async (who: Person, tree: 'staff' | 'client', q: string, type?: string): Promise<Result> => {
  const r = await call<Result>(
    base(),
    who,
    'GET',
    `/api/${tree}/v1/search?q=${encodeURIComponent(q)}${type ? `&type=${type}` : ''}`,
  );
  expect(r.status, r.text).toBe(200);
  return r.body;
};
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const DAY = 24 * 3600_000;

beforeAll(async () => {
  system = await startSystem();
  organiser = await person(base(), 'staff', 'staff.employee');
  client = await person(base(), 'clients', 'client.member');
}, 90_000);

afterAll(async () => {
  await system?.close();
});

async function organise(tree: 'staff' | 'client', title: string, description: string): Promise<string> {
  const res = await call(base(), organiser, 'POST', `/api/${tree}/v1/activities`, {
    title,
    description,
    location: 'Buurthuis De Brug',
    startsAt: at(5 * DAY),
    endsAt: at(5 * DAY + 7200_000),
    capacity: 8,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

describe('search over activities', () => {
  it('a client finds a client activity, and nothing of the staff intranet, not even a count', async () => {
    const staffWord = unique('Teamuitje');
    const clientWord = unique('Moestuindag');
    const staffId = await organise('staff', `${staffWord} voor het team`, 'Alleen voor medewerkers.');
    const clientId = await organise('client', `${clientWord} in de tuin`, 'We zaaien **bonen**.');

    const staffHit = await eventually(
      () => search(organiser, 'staff', staffWord, 'activity'),
      (r) => r.total > 0,
    );
    expect(staffHit.items.map((i) => [i.type, i.id])).toEqual([['activity', staffId]]);
    const clientHit = await eventually(
      () => search(client, 'client', clientWord),
      (r) => r.total > 0,
    );
    expect(clientHit.items.map((i) => [i.type, i.id])).toEqual([['activity', clientId]]);

    expect(await search(client, 'client', staffWord)).toEqual(NOTHING);
    expect(await search(client, 'client', staffWord, 'activity')).toEqual(NOTHING);
    expect(await search(organiser, 'client', staffWord)).toEqual(NOTHING);
    expect((await call(base(), client, 'GET', `/api/staff/v1/search?q=${staffWord}`)).status).toBe(403);

    // removed: gone from search
    const del = await call(base(), organiser, 'DELETE', `/api/client/v1/activities/${clientId}`);
    expect(del.status, del.text).toBe(204);
    await eventually(
      () => search(client, 'client', clientWord),
      (r) => r.total === 0,
    );
  });
});
