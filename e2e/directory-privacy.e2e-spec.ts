import { randomUUID } from 'node:crypto';
import type { ClientSharedField, Realm } from '@plein/contracts';
import { fetchToken } from '@plein/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * The smoelenboek's privacy matrix, through the gateway with real tokens:
 * viewer (every staff role, every clients role) × route tree × subject (a colleague; clients opted in with
 * all fields, opted in with the default, opted out) × every field. Expectations are written out here from
 * the issue, independently of the directory's projection.
 */
type Tree = 'staff' | 'client';
interface Subject {
  key: string;
  kind: 'staff' | 'client';
  optedIn: boolean;
  shared: ClientSharedField[];
  person?: TestPerson;
  id?: string;
  marker: string;
}
const tag = randomUUID().slice(0, 6);
const subjects: Subject[] = [
  { key: 'colleague', kind: 'staff', optedIn: false, shared: [], marker: `Mk${tag}a` },
  {
    key: 'client sharing everything',
    kind: 'client',
    optedIn: true,
    shared: ['photo', 'lastName', 'about', 'languages', 'skills', 'locations'],
    marker: `Mk${tag}b`,
  },
  { key: 'client with the default', kind: 'client', optedIn: true, shared: ['photo'], marker: `Mk${tag}c` },
  {
    key: 'client opted out',
    kind: 'client',
    optedIn: false,
    shared: ['photo', 'about', 'lastName'],
    marker: `Mk${tag}d`,
  },
];
const viewers: { username: string; realm: Realm; roles: string }[] = [
  { username: 'staff.employee', realm: 'staff', roles: 'employee' },
  { username: 'staff.mentor', realm: 'staff', roles: 'employee, mentor' },
  { username: 'staff.editor', realm: 'staff', roles: 'employee, editor' },
  { username: 'staff.moderator', realm: 'staff', roles: 'employee, moderator' },
  { username: 'staff.admin', realm: 'staff', roles: 'employee, admin' },
  { username: 'client.member', realm: 'clients', roles: 'client' },
  { username: 'client.editor', realm: 'clients', roles: 'client, client-editor' },
];

const STAFF_FULL = [
  'id',
  'kind',
  'displayName',
  'firstName',
  'lastName',
  'photo',
  'function',
  'teams',
  'locations',
  'phone',
  'email',
  'about',
  'skills',
  'languages',
  'startDate',
];
const CONTACT_PERSON = ['id', 'kind', 'displayName', 'photo', 'function', 'locations'];

/** What a viewer on a tree may see of a subject: the field names, or null for "not in the directory". */
function expectedFields(viewerRealm: Realm, tree: Tree, s: Subject): string[] | null {
  if (tree === 'staff') return s.kind === 'staff' ? STAFF_FULL : null;
  if (s.kind === 'staff') return CONTACT_PERSON;
  if (!s.optedIn) return null;
  return [
    'id',
    'kind',
    'displayName',
    'firstName',
    ...s.shared,
    ...(viewerRealm === 'staff' ? ['mentor'] : []),
  ];
}

let system: RunningSystem;
let mentorId: string;
let functionId: string;
let locationId: string;
let teamId: string;
const created: TestPerson[] = [];

const call = async (
  token: string,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
) => {
  const res = await fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
};

const treeOf = (s: Subject): Tree => (s.kind === 'staff' ? 'staff' : 'client');
const tokenOf = (s: Subject) => fetchToken(s.kind === 'staff' ? 'staff' : 'clients', s.person!.username);

beforeAll(async () => {
  system = await startSystem();
  const editor = await fetchToken('staff', 'staff.editor');
  const mentor = await fetchToken('staff', 'staff.mentor');
  mentorId = ((await call(mentor, 'GET', '/api/staff/v1/me')).json() as { id: string }).id;
  functionId = (await call(editor, 'POST', '/api/staff/v1/functions', { name: `Functie ${tag}` })).json()
    .id as string;
  locationId = (
    await call(editor, 'POST', '/api/staff/v1/locations', {
      name: `Locatie ${tag}`,
      kind: 'nachtopvang',
      address: { street: 'Teststraat 1', postalCode: '1234 AB', city: 'Zwolle' },
    })
  ).json().id as string;
  teamId = (
    await call(editor, 'POST', '/api/staff/v1/teams', { name: `Team ${tag}`, locations: [locationId] })
  ).json().id as string;
  const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();

  for (const s of subjects) {
    s.person = await createKeycloakUser(
      s.kind === 'staff' ? 'staff' : 'clients',
      s.marker,
      `Achternaam${s.marker}`,
    );
    created.push(s.person);
    const token = await tokenOf(s);
    const me = await eventually(
      () => call(token, 'GET', `/api/${treeOf(s)}/v1/people/me`),
      (r) => r.status === 200,
      15_000,
    );
    expect(me.status, me.text).toBe(200);
    s.id = me.json().id as string;
    const patch = await call(token, 'PATCH', `/api/${treeOf(s)}/v1/people/me`, {
      phone: '+31 6 1234 5678',
      about: `Over ${s.marker}`,
      skills: [`Vaardigheid${s.marker}`],
      languages: [`Taal${s.marker}`],
      ...(s.kind === 'client' ? { privacy: { optedIn: s.optedIn, sharedFields: s.shared } } : {}),
    });
    expect(patch.status, patch.text).toBe(200);
    const put = await call(token, 'PUT', `/api/${treeOf(s)}/v1/people/me/photo`, photo, 'image/png');
    expect(put.status, put.text).toBe(200);
    if (s.kind === 'staff') {
      const assign = await call(editor, 'PATCH', `/api/staff/v1/people/${s.id}`, {
        function: functionId,
        locations: [locationId],
        startDate: '2024-02-01',
      });
      expect(assign.status, assign.text).toBe(200);
      expect((await call(editor, 'PUT', `/api/staff/v1/teams/${teamId}/members/${s.id}`)).status).toBe(200);
    } else {
      const claim = await call(mentor, 'PUT', `/api/staff/v1/people/${s.id}/mentor`);
      expect(claim.status, claim.text).toBe(200);
    }
  }
}, 120_000);

afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p);
  await system?.close();
});

/** The value each field must have when it is shown. */
function expectedValue(s: Subject, field: string): unknown {
  switch (field) {
    case 'id':
      return s.id;
    case 'kind':
      return s.kind;
    case 'firstName':
      return s.marker;
    case 'lastName':
      return `Achternaam${s.marker}`;
    case 'displayName':
      return s.kind === 'staff' || s.shared.includes('lastName')
        ? `${s.marker} Achternaam${s.marker}`
        : s.marker;
    case 'phone':
      return '+31 6 1234 5678';
    case 'email':
      return `${s.person!.username}@plein.example`;
    case 'about':
      return `Over ${s.marker}`;
    case 'skills':
      return [`Vaardigheid${s.marker}`];
    case 'languages':
      return [`Taal${s.marker}`];
    case 'startDate':
      return '2024-02-01';
    case 'function':
      return { id: functionId, name: `Functie ${tag}` };
    case 'teams':
      return s.kind === 'staff' ? [{ id: teamId, name: `Team ${tag}` }] : [];
    case 'locations':
      return s.kind === 'staff' ? [{ id: locationId, name: `Locatie ${tag}` }] : [];
    case 'mentor':
      return { id: mentorId, displayName: expect.any(String) };
    case 'photo':
      return {
        thumb: expect.stringContaining(`/people/${s.id}/photo?size=thumb`),
        medium: expect.any(String),
      };
    default:
      throw new Error(`no expectation for ${field}`);
  }
}

/** Strings that must not appear in an answer unless their field is shown. */
function secrets(s: Subject): Record<string, string> {
  return {
    // a colleague's full name is their name everywhere; a client's last name is theirs to share
    ...(s.kind === 'client' ? { lastName: `Achternaam${s.marker}` } : {}),
    phone: '+31 6 1234 5678',
    email: `${s.person!.username}@plein.example`,
    about: `Over ${s.marker}`,
    skills: `Vaardigheid${s.marker}`,
    languages: `Taal${s.marker}`,
    mentor: mentorId,
    teams: teamId,
    startDate: '2024-02-01',
    photo: `/photo`,
  };
}

const cases = viewers.flatMap((v) =>
  (v.realm === 'staff' ? (['staff', 'client'] as Tree[]) : (['client'] as Tree[])).flatMap((tree) =>
    subjects.map((s) => [v.username, v.roles, tree, s.key, v, s] as const),
  ),
);

describe('privacy matrix: viewer roles × tree × subject × field', () => {
  it('covers every staff role on both trees and every clients role on the client tree, for each subject', () => {
    expect(cases).toHaveLength((5 * 2 + 2) * subjects.length);
  });

  it.each(cases)('%s (%s) on the %s tree looking at the %s', async (_u, _r, tree, _k, viewer, s) => {
    const token = await fetchToken(viewer.realm, viewer.username);
    const want = expectedFields(viewer.realm, tree, s);
    const one = await call(token, 'GET', `/api/${tree}/v1/people/${s.id}`);
    const list = await call(token, 'GET', `/api/${tree}/v1/people?q=${encodeURIComponent(s.marker)}`);
    expect(list.status, list.text).toBe(200);
    const listed = (list.json().items as Record<string, unknown>[]).filter((p) => p['id'] === s.id);
    const photo = await fetch(`${system.url}/api/${tree}/v1/people/${s.id}/photo?size=thumb`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (want === null) {
      expect(one.status, one.text).toBe(404);
      expect(listed).toEqual([]);
      expect(list.text).not.toContain(s.id!);
      expect(photo.status).toBe(404);
      return;
    }
    expect(one.status, one.text).toBe(200);
    for (const answer of [one.json(), listed[0]]) {
      expect(answer, 'listed as well').toBeDefined();
      expect(Object.keys(answer!).sort()).toEqual([...want].sort());
      for (const field of want) expect(answer![field], field).toEqual(expectedValue(s, field));
    }
    for (const [field, secret] of Object.entries(secrets(s))) {
      if (!want.includes(field)) {
        expect(one.text, `${field} leaked`).not.toContain(secret);
        expect(list.text, `${field} leaked in the list`).not.toContain(secret);
      }
    }
    expect(photo.status).toBe(want.includes('photo') ? 200 : 404);
  });

  it('filters never match on a field the viewer may not see', async () => {
    const colleague = subjects[0]!;
    const sharing = subjects[1]!;
    const defaults = subjects[2]!;
    const out = subjects[3]!;
    for (const viewer of viewers) {
      const token = await fetchToken(viewer.realm, viewer.username);
      const ids = async (query: string) =>
        ((await call(token, 'GET', `/api/client/v1/people?${query}`)).json().items as { id: string }[]).map(
          (p) => p.id,
        );
      // a colleague's skills and teams are not shown on the client intranet, so they cannot be searched there
      expect(await ids(`skill=Vaardigheid${colleague.marker}`)).toEqual([]);
      expect(await ids(`team=${teamId}`)).toEqual([]);
      // clients: only what they share
      expect(await ids(`skill=Vaardigheid${sharing.marker}`)).toEqual([sharing.id]);
      expect(await ids(`skill=Vaardigheid${defaults.marker}`)).toEqual([]);
      expect(await ids(`skill=Vaardigheid${out.marker}`)).toEqual([]);
      expect(await ids(`q=Achternaam${defaults.marker}`)).toEqual([]);
      expect(await ids(`q=Achternaam${sharing.marker}`)).toEqual([sharing.id]);
      // the location filter finds the colleague (location is a contact-person field)
      expect(await ids(`location=${locationId}`)).toEqual([colleague.id]);
    }
    // on the staff tree, the colleague is found by skill and team; clients are never there
    const staff = await fetchToken('staff', 'staff.employee');
    const staffIds = async (query: string) =>
      ((await call(staff, 'GET', `/api/staff/v1/people?${query}`)).json().items as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await staffIds(`skill=vaardigheid${colleague.marker.toLowerCase()}`)).toEqual([colleague.id]);
    expect(await staffIds(`team=${teamId}`)).toEqual([colleague.id]);
    expect(await staffIds(`skill=Vaardigheid${sharing.marker}`)).toEqual([]);
  });

  it('everyone sees all of their own profile; a client sees their choice and their mentor', async () => {
    for (const s of subjects) {
      const me = (await call(await tokenOf(s), 'GET', `/api/${treeOf(s)}/v1/people/me`)).json();
      expect(me).toMatchObject({
        id: s.id,
        phone: '+31 6 1234 5678',
        about: `Over ${s.marker}`,
        lastName: `Achternaam${s.marker}`,
      });
      if (s.kind === 'client') {
        expect(me['privacy']).toEqual({ optedIn: s.optedIn, sharedFields: s.shared });
        expect(me['mentor']).toMatchObject({ id: mentorId });
      }
    }
  });

  it('opting out hides a client at once; clients never reach the staff tree', async () => {
    const sharing = subjects[1]!;
    const viewer = await fetchToken('clients', 'client.member');
    expect((await call(viewer, 'GET', `/api/client/v1/people/${sharing.id}`)).status).toBe(200);
    const token = await tokenOf(sharing);
    expect(
      (
        await call(token, 'PATCH', '/api/client/v1/people/me', {
          privacy: { optedIn: false, sharedFields: sharing.shared },
        })
      ).status,
    ).toBe(200);
    expect((await call(viewer, 'GET', `/api/client/v1/people/${sharing.id}`)).status).toBe(404);
    expect(
      (await call(await fetchToken('staff', 'staff.mentor'), 'GET', `/api/client/v1/people/${sharing.id}`))
        .status,
    ).toBe(404);
    await call(token, 'PATCH', '/api/client/v1/people/me', {
      privacy: { optedIn: true, sharedFields: sharing.shared },
    });
    for (const path of [
      '/api/staff/v1/people',
      `/api/staff/v1/people/${sharing.id}`,
      '/api/staff/v1/locations',
    ]) {
      expect((await call(viewer, 'GET', path)).status).toBe(403);
    }
    // staff choose no client-intranet privacy; a patch with unknown fields is refused whole
    const staffToken = await tokenOf(subjects[0]!);
    expect(
      (
        await call(staffToken, 'PATCH', '/api/staff/v1/people/me', {
          privacy: { optedIn: true, sharedFields: [] },
        })
      ).status,
    ).toBe(400);
    const bad = await call(staffToken, 'PATCH', '/api/staff/v1/people/me', { about: 'x', email: 'a@b.c' });
    expect(bad.status).toBe(400);
    expect((await call(staffToken, 'GET', '/api/staff/v1/people/me')).json()['about']).toBe(
      `Over ${subjects[0]!.marker}`,
    );
  });
});
