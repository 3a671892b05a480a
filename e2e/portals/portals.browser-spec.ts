import { fetchToken } from '@plein/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../libs/ui/src/api/api-client.js';
import { intranetApi } from '../../libs/ui/src/api/endpoints.js';
import { type RunningSystem, startSystem } from '../support/system.js';
import {
  BASE,
  BROWSER_PORT,
  KEYCLOAK,
  captureToken,
  checkPage,
  launch,
  login,
  newContext,
  settled,
} from './support/browser.js';

let system: RunningSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

const api = async (realm: 'staff' | 'clients', user: string, path: string, init: RequestInit = {}) =>
  fetch(BASE + path, {
    ...init,
    headers: {
      authorization: `Bearer ${await fetchToken(realm, user)}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });

/**
 * Whether the gateway has this route (its service has landed), as the portals tell it apart: an unknown
 * route answers 404 "No route …" before any token is looked at; a known one answers 401 without a token.
 */
async function hasRoute(path: string, base = BASE): Promise<boolean> {
  const res = await fetch(base + path);
  if (res.status !== 404) return true;
  return !((await res.json()) as { detail?: string }).detail?.startsWith('No route');
}

/** Every call the staff portal's API module makes, as [method, path] (recorded, not sent). */
function staffPortalCalls(): [string, string][] {
  const calls: [string, string][] = [];
  const recorder = new ApiClient('', () => Promise.resolve(undefined));
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    (recorder as unknown as Record<string, unknown>)[method] = (path: string) => {
      calls.push([method.toUpperCase(), path.split('?')[0]!]);
      return Promise.resolve(undefined);
    };
  }
  const endpoints = intranetApi(recorder) as unknown as Record<
    string,
    (...args: string[]) => Promise<unknown>
  >;
  for (const call of Object.values(endpoints)) void call('00000000-0000-4000-8000-000000000000', 'x');
  return calls;
}

const STAFF_PAGES: { name: string; path: string; heading: RegExp }[] = [
  { name: 'tijdlijn', path: '/', heading: /^Tijdlijn$/ },
  { name: 'groepen', path: '/groepen', heading: /^Groepen en werkgroepen$/ },
  { name: 'groep', path: '/groepen/00000000-0000-4000-8000-00000000a001', heading: /./ },
  { name: 'smoelenboek', path: '/smoelenboek', heading: /^Smoelenboek$/ },
  { name: 'profiel', path: '/profiel', heading: /^Mijn profiel$/ },
  { name: 'zoeken', path: '/zoeken?q=rooster', heading: /^Zoeken$/ },
  { name: 'bericht', path: '/berichten/00000000-0000-4000-8000-00000000b001', heading: /^Bericht$/ },
];

describe('staff portal', () => {
  let page: Page;
  let meId: string;

  beforeAll(async () => {
    const me = (await (await api('staff', 'staff.employee', '/api/staff/v1/me')).json()) as { id: string };
    meId = me.id;
    page = await (await newContext(browser)).newPage();
  });

  it('shows a welcome page and logs in through the staff realm’s Keycloak login page', async () => {
    await page.goto(`${BASE}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('intranet voor medewerkers');
    await checkPage(page, 'staff', 'welkom');
    await login(page, '/', 'staff.employee', 'staff');
    await settled(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tijdlijn');
    expect(await page.getByRole('heading', { name: /^Hallo / }).textContent()).toMatch(/^Hallo .+/);
  });

  it('every page passes axe-core at 1280 and 390 px, with a screenshot of each', async () => {
    for (const p of [...STAFF_PAGES, { name: 'collega', path: `/mensen/${meId}`, heading: /./ }]) {
      await page.goto(BASE + p.path);
      await settled(page);
      expect(await page.locator('h1').first().textContent(), p.path).toMatch(p.heading);
      await checkPage(page, 'staff', p.name);
    }
  });

  it('the composer makes the audience choice obvious: followers, whole organisation or a group', async () => {
    await page.goto(`${BASE}/`);
    await settled(page);
    const audience = page.getByRole('group', { name: 'Wie mag dit lezen?' });
    await audience.getByRole('radio', { name: /Mijn volgers/ }).check();
    expect(await page.getByRole('button', { name: 'Plaats voor mijn volgers' }).count()).toBe(1);
    await audience.getByRole('radio', { name: /Hele organisatie/ }).check();
    expect(await page.getByRole('button', { name: 'Plaats voor de hele organisatie' }).count()).toBe(1);
    await audience.getByRole('radio', { name: /Een groep/ }).check();
    expect(await page.getByRole('button', { name: 'Plaats in de groep' }).count()).toBe(1);
    // groups have landed (timelines): the composer asks which group
    expect(await hasRoute('/api/staff/v1/groups')).toBe(true);
    expect(await page.getByLabel('Welke groep?').count()).toBe(1);
    expect(await page.getByText('Groepen komen binnenkort').count()).toBe(0);
  });

  it('each page shows its data, none says its part of Plein is not there yet', async () => {
    const checks: [string, string][] = [
      ['/', '/api/staff/v1/feed/home'],
      ['/groepen', '/api/staff/v1/groups'],
      ['/smoelenboek', '/api/staff/v1/people'],
      ['/zoeken?q=rooster', '/api/staff/v1/search?q=rooster'],
    ];
    for (const [path, endpoint] of checks) {
      await page.goto(BASE + path);
      await settled(page);
      // every one of these has landed (timelines, directory, search)
      expect(await hasRoute(endpoint), endpoint).toBe(true);
      expect(await page.getByText('Dit onderdeel komt binnenkort').count(), path).toBe(0);
      expect(await page.locator('.pl-state--error').count(), `${path} shows an error`).toBe(0);
    }
  });

  it('switches to English and back to Dutch', async () => {
    await page.goto(`${BASE}/groepen`);
    await settled(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Groups and workgroups');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Groepen en werkgroepen');
  });

  it('an administrator sees the users Plein knows (admin API), others do not get the page', async () => {
    const admin = await (await newContext(browser)).newPage();
    await login(admin, '/', 'staff.admin', 'staff');
    await admin.getByRole('link', { name: 'Beheer' }).click();
    await settled(admin);
    expect(await admin.locator('h1').textContent()).toBe('Beheer: gebruikers');
    await expect
      .poll(
        async () =>
          (await admin.getByRole('cell', { name: 'staff.admin', exact: true }).count()) ||
          (await admin.locator('main').innerText()),
      )
      .toBe(1);
    await checkPage(admin, 'staff', 'beheer');
    await admin.context().close();
    // staff.employee has no admin role: no menu item, and the page refuses.
    expect(await page.getByRole('link', { name: 'Beheer' }).count()).toBe(0);
    await page.goto(`${BASE}/beheer`);
    await settled(page);
    expect(await page.getByText('Hier heb je geen toegang toe').count()).toBe(1);
  });

  it('logs out through Keycloak and is back at the welcome page', async () => {
    await page.goto(`${BASE}/profiel`);
    await settled(page);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${BASE}/`);
    await expect.poll(() => page.getByRole('button', { name: 'Inloggen' }).count()).toBe(1);
  });

  it('a staff member posts to a group; a colleague in the group sees it, a non-member does not', async () => {
    const created = await api('staff', 'staff.editor', '/api/staff/v1/groups', {
      method: 'POST',
      body: JSON.stringify({
        name: `Werkgroep rooster ${Date.now()}`,
        description: 'Roosters',
        kind: 'open',
      }),
    });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string; name: string };
    // A colleague joins through the portal.
    const mentor = await (await newContext(browser)).newPage();
    await login(mentor, '/', 'staff.mentor', 'staff');
    await mentor.goto(`${BASE}/groepen/${group.id}`);
    await settled(mentor);
    await mentor.getByRole('button', { name: /Lid worden/ }).click();
    await expect.poll(() => mentor.getByText('Je bent lid').count()).toBeGreaterThan(0);
    // The editor writes to the group from the home composer.
    const editor = await (await newContext(browser)).newPage();
    await login(editor, '/', 'staff.editor', 'staff');
    await settled(editor);
    const text = `Nieuw rooster voor de nachtdienst ${Date.now()}`;
    await editor.getByLabel('Wat wil je delen?').fill(text);
    await editor.getByRole('radio', { name: /Een groep/ }).check();
    await editor.getByLabel('Welke groep?').selectOption({ label: group.name });
    await editor.getByRole('button', { name: 'Plaats in de groep' }).click();
    await expect.poll(() => editor.getByText('Je bericht is geplaatst.').count()).toBe(1);
    // The member sees it on the group's timeline.
    await mentor.goto(`${BASE}/groepen/${group.id}`);
    await settled(mentor);
    await expect.poll(() => mentor.getByText(text).count()).toBe(1);
    // A non-member does not, on the group page nor on the organisation timeline.
    const outsider = await (await newContext(browser)).newPage();
    await login(outsider, '/', 'staff.moderator', 'staff');
    await outsider.goto(`${BASE}/groepen/${group.id}`);
    await settled(outsider);
    expect(await outsider.getByText(text).count()).toBe(0);
    await outsider.goto(`${BASE}/`);
    await settled(outsider);
    await outsider.getByRole('button', { name: 'Hele organisatie', exact: true }).click();
    await settled(outsider);
    expect(await outsider.getByText(text).count()).toBe(0);
    for (const p of [mentor, editor, outsider]) await p.context().close();
  });

  it('finds a colleague in the smoelenboek by location and opens the profile', async () => {
    // The tests run on an empty organisation: an editor opens a location and says who works there
    // and as what, through the same API the redactie uses.
    const tag = Date.now().toString(36);
    const post = async (path: string, body: unknown) => {
      const res = await api('staff', 'staff.editor', path, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string; name: string };
    };
    const location = await post('/api/staff/v1/locations', {
      name: `Inloophuis De Brug ${tag}`,
      kind: 'inloophuis',
      address: { street: 'Brugstraat 1', postalCode: '8011 AA', city: 'Zwolle' },
    });
    const fn = await post('/api/staff/v1/functions', { name: `Trajectbegeleider ${tag}` });
    // A colleague's profile exists once they have signed in (the directory follows identity).
    let person: { id: string; displayName: string } | undefined;
    await expect
      .poll(
        async () => {
          const res = await api('staff', 'staff.mentor', '/api/staff/v1/people/me');
          if (res.ok) person = (await res.json()) as { id: string; displayName: string };
          return res.status;
        },
        { timeout: 15_000 },
      )
      .toBe(200);
    const assigned = await api('staff', 'staff.editor', `/api/staff/v1/people/${person!.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ function: fn.id, locations: [location.id] }),
    });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    const target = { location, person: person! };
    const p = await (await newContext(browser)).newPage();
    await login(p, '/', 'staff.employee', 'staff');
    await p.getByRole('link', { name: 'Smoelenboek' }).click();
    await settled(p);
    await p.getByLabel('Locatie').selectOption({ label: target.location.name });
    await settled(p);
    await p.getByRole('link', { name: target.person.displayName }).first().click();
    await settled(p);
    expect(await p.locator('h1').textContent()).toBe(target.person.displayName);
    expect(await p.getByText(target.location.name).count()).toBeGreaterThan(0);
    expect(await p.getByText(fn.name).count()).toBeGreaterThan(0);
    await p.context().close();
  });

  it('search finds a post by a word in it', async () => {
    const word = `zoekwoord${Date.now()}`;
    const posted = await api('staff', 'staff.editor', '/api/staff/v1/posts', {
      method: 'POST',
      body: JSON.stringify({ body: `Wie weet waar de ${word} ligt?`, audience: 'organization' }),
    });
    expect(posted.status).toBe(201);
    const p = await (await newContext(browser)).newPage();
    await login(p, '/', 'staff.employee', 'staff');
    await expect
      .poll(
        async () => {
          await p.goto(`${BASE}/zoeken?q=${word}`);
          await settled(p);
          return p.getByText(word).count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    await p.context().close();
  });

  it('a pinned announcement is on top of the home page, marked; “Gelezen” is remembered after a reload', async () => {
    const text = `Mededeling: het nieuwe rooster gaat in op maandag ${Date.now()}`;
    const created = await api('staff', 'staff.editor', '/api/staff/v1/posts', {
      method: 'POST',
      body: JSON.stringify({
        type: 'announcement',
        body: text,
        audience: 'organization',
        pinned: true,
        requiresConfirmation: true,
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const post = (await created.json()) as { id: string };
    const me = (await (await api('staff', 'staff.employee', '/api/staff/v1/me')).json()) as {
      displayName: string;
    };

    const p = await (await newContext(browser)).newPage();
    await login(p, '/', 'staff.employee', 'staff');
    await settled(p);
    const card = p
      .getByRole('region', { name: 'Mededelingen' })
      .getByRole('article')
      .filter({ hasText: text });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByText('Vastgepind', { exact: true }).count()).toBe(1);
    expect(await card.getByText('Mededeling', { exact: true }).count()).toBe(1);
    // Above the timeline, and not repeated in it.
    expect(await p.getByText(text).count()).toBe(1);
    await checkPage(p, 'staff', 'tijdlijn-mededeling');

    await card.getByRole('button', { name: 'Gelezen', exact: true }).click();
    const done = card.getByText('Je hebt laten weten dat je dit gelezen hebt.');
    await expect.poll(() => done.count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Gelezen', exact: true }).count()).toBe(0);
    await p.reload();
    await settled(p);
    await expect.poll(() => done.count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Gelezen', exact: true }).count()).toBe(0);
    const read = (await (await api('staff', 'staff.employee', `/api/staff/v1/posts/${post.id}`)).json()) as {
      confirmedByMe?: boolean;
    };
    expect(read.confirmedByMe).toBe(true);
    // Nobody but the editorial board sees who read it.
    expect(await card.getByText('Wie heeft het gelezen?').count()).toBe(0);
    await p.context().close();

    const editor = await (await newContext(browser)).newPage();
    await login(editor, '/', 'staff.editor', 'staff');
    await settled(editor);
    const editorCard = editor
      .getByRole('region', { name: 'Mededelingen' })
      .getByRole('article')
      .filter({ hasText: text });
    await editorCard.getByText('Wie heeft het gelezen?').click();
    const readers = editorCard.locator('.pl-readers__lists > div').first();
    await expect.poll(() => readers.getByRole('heading').textContent()).toMatch(/^Gelezen \(\d+\)$/);
    expect(await readers.getByText(me.displayName, { exact: true }).count()).toBe(1);
    await editor.context().close();
  });

  it('a member unfollows a group: new posts stay out of the home timeline but are on the group page; following again brings them', async () => {
    const author = (await (await api('staff', 'staff.moderator', '/api/staff/v1/me')).json()) as {
      id: string;
    };
    // Following a person brings all their posts one may read: make sure the reader does not follow the author.
    expect(
      (await api('staff', 'staff.employee', `/api/staff/v1/follows/${author.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    const created = await api('staff', 'staff.moderator', '/api/staff/v1/groups', {
      method: 'POST',
      body: JSON.stringify({ name: `Kookgroep ${Date.now()}`, description: 'Samen koken', kind: 'open' }),
    });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string };
    const joined = await api('staff', 'staff.employee', `/api/staff/v1/groups/${group.id}/members`, {
      method: 'POST',
      body: '{}',
    });
    expect(joined.ok, await joined.clone().text()).toBe(true);
    const write = async (body: string, inGroup: boolean) => {
      const res = await api('staff', 'staff.moderator', '/api/staff/v1/posts', {
        method: 'POST',
        body: JSON.stringify(
          inGroup ? { body, audience: 'group', groupId: group.id } : { body, audience: 'organization' },
        ),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };

    const p = await (await newContext(browser)).newPage();
    await login(p, '/', 'staff.employee', 'staff');
    await p.goto(`${BASE}/groepen/${group.id}`);
    await settled(p);
    expect(await p.getByText('Je volgt deze groep: nieuwe berichten komen op je tijdlijn.').count()).toBe(1);
    expect(await p.getByText(/Niet meer volgen\? Dan blijf je gewoon lid/).count()).toBe(1);
    await checkPage(p, 'staff', 'groep-lid');
    await p.getByRole('button', { name: 'Niet meer volgen in mijn tijdlijn' }).click();
    await expect.poll(() => p.getByText(/^Je volgt deze groep niet/).count()).toBe(1);
    expect(await p.getByRole('button', { name: 'Volgen', exact: true }).count()).toBe(1);
    // Still a member: the membership stays, only the timeline changes.
    expect(await p.getByText('Je bent lid').count()).toBe(1);
    await checkPage(p, 'staff', 'groep-niet-volgen');

    const first = `Wie kookt er vrijdag mee? ${Date.now()}`;
    const control = `Koffie staat klaar in de kantine ${Date.now()}`;
    await write(first, true);
    await write(control, false);
    await p.goto(`${BASE}/`);
    await settled(p);
    // The organisation post written after it is there, so the timeline is fresh; the group post is not.
    await expect.poll(() => p.getByText(control).count()).toBe(1);
    expect(await p.getByText(first).count()).toBe(0);
    await p.goto(`${BASE}/groepen/${group.id}`);
    await settled(p);
    await expect.poll(() => p.getByText(first).count()).toBe(1);

    await p.getByRole('button', { name: 'Volgen', exact: true }).click();
    await expect.poll(() => p.getByText(/^Je volgt deze groep: /).count()).toBe(1);
    const second = `Vrijdag koken we pasta ${Date.now()}`;
    await write(second, true);
    await p.goto(`${BASE}/`);
    await settled(p);
    await expect.poll(() => p.getByText(second).count()).toBe(1);
    expect(await p.getByText(first).count()).toBe(1);
    // After a reload the group page still says so.
    await p.goto(`${BASE}/groepen/${group.id}`);
    await settled(p);
    expect(await p.getByText(/^Je volgt deze groep: /).count()).toBe(1);
    await p.context().close();
  });

  it('a workgroup offers no join or leave: its membership follows the team in the smoelenboek', async () => {
    const tag = Date.now().toString(36);
    const team = await api('staff', 'staff.editor', '/api/staff/v1/teams', {
      method: 'POST',
      body: JSON.stringify({ name: `Team Nachtopvang ${tag}`, purpose: 'De nachtopvang' }),
    });
    expect(team.status, await team.clone().text()).toBe(201);
    const teamId = ((await team.json()) as { id: string }).id;
    const employee = (await (await api('staff', 'staff.employee', '/api/staff/v1/me')).json()) as {
      id: string;
    };
    await expect
      .poll(
        async () =>
          (
            await api('staff', 'staff.editor', `/api/staff/v1/teams/${teamId}/members/${employee.id}`, {
              method: 'PUT',
            })
          ).status,
        { timeout: 15_000 },
      )
      .toBe(200);
    let workgroupId: string | undefined;
    await expect
      .poll(async () => {
        const groups = (await (await api('staff', 'staff.employee', '/api/staff/v1/groups')).json()) as {
          items: { id: string; teamId?: string; membership: string }[];
        };
        const found = groups.items.find((g) => g.teamId === teamId && g.membership === 'member');
        workgroupId = found?.id;
        return Boolean(found);
      })
      .toBe(true);

    for (const [user, member] of [
      ['staff.employee', true],
      ['staff.mentor', false],
    ] as const) {
      const p = await (await newContext(browser)).newPage();
      await login(p, '/', user, 'staff');
      await p.goto(`${BASE}/groepen/${workgroupId}`);
      await settled(p);
      expect(await p.locator('h1').textContent()).toBe(`Team Nachtopvang ${tag}`);
      expect(await p.getByText(/volgt het team/).count(), user).toBe(1);
      expect(await p.getByRole('link', { name: 'smoelenboek', exact: true }).count(), user).toBe(1);
      expect(await p.getByRole('button', { name: /Lid worden|Vraag lidmaatschap aan/ }).count(), user).toBe(
        0,
      );
      expect(await p.getByRole('button', { name: 'Niet meer volgen in mijn tijdlijn' }).count(), user).toBe(
        member ? 1 : 0,
      );
      if (member) await checkPage(p, 'staff', 'werkgroep');
      await p.context().close();
    }
  });

  it('a post that cannot be shown says so and the rest stays; a broken page or a failing API gives a friendly message', async () => {
    // Fault injection in the browser: the real gateway's answers, one of them made malformed on the way.
    const stamp = Date.now();
    const intact = `Dit bericht is heel ${stamp}`;
    const broken = `Dit bericht gaat stuk ${stamp}`;
    for (const body of [broken, intact]) {
      const res = await api('staff', 'staff.editor', '/api/staff/v1/posts', {
        method: 'POST',
        body: JSON.stringify({ body, audience: 'organization' }),
      });
      expect(res.status).toBe(201);
    }
    const p = await (await newContext(browser)).newPage();
    await login(p, '/', 'staff.employee', 'staff');
    const homeFeed = (url: URL) => url.pathname === '/api/staff/v1/feed/home';
    await p.route(homeFeed, async (route) => {
      const response = await route.fetch();
      const page = (await response.json()) as { items: Record<string, unknown>[] };
      page.items = page.items.map((post) => (post['body'] === broken ? { ...post, author: null } : post));
      await route.fulfill({ response, json: page });
    });
    await p.goto(`${BASE}/`);
    await settled(p);
    await expect.poll(() => p.getByText(intact).count()).toBe(1);
    expect(await p.getByText('Dit bericht kan niet getoond worden.').count()).toBe(1);
    expect(await p.getByText(broken).count()).toBe(0);
    expect(await p.locator('h1').textContent()).toBe('Tijdlijn');
    await checkPage(p, 'staff', 'tijdlijn-bericht-kapot');
    await p.unroute(homeFeed);

    // A page that cannot render (a group whose name is no text) keeps the menu and says so.
    const created = await api('staff', 'staff.editor', '/api/staff/v1/groups', {
      method: 'POST',
      body: JSON.stringify({ name: `Groep ${stamp}`, kind: 'open' }),
    });
    const group = (await created.json()) as { id: string };
    const groupPath = (url: URL) => url.pathname === `/api/staff/v1/groups/${group.id}`;
    await p.route(groupPath, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), name: { nl: 'x' } } });
    });
    await p.goto(`${BASE}/groepen/${group.id}`);
    await expect.poll(() => p.locator('h1').textContent()).toBe('Deze pagina kan nu niet getoond worden');
    expect(await p.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(1);
    await checkPage(p, 'staff', 'pagina-kapot');
    await p.unroute(groupPath);
    // Another page works again.
    await p.getByRole('link', { name: 'Groepen', exact: true }).click();
    await expect.poll(() => p.locator('h1').textContent()).toBe('Groepen en werkgroepen');

    // The timelines service does not answer: a friendly sentence, no crash.
    await p.route(homeFeed, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, code: 'unavailable', detail: 'timelines does not answer' }),
      }),
    );
    await p.goto(`${BASE}/`);
    await settled(p);
    expect(await p.locator('h1').textContent()).toBe('Tijdlijn');
    expect(await p.getByText('Dit lukt nu even niet').count()).toBe(1);
    expect(await p.getByRole('button', { name: 'Probeer opnieuw' }).count()).toBe(1);
    await p.context().close();
  });
});

describe('client portal', () => {
  let page: Page;
  let token: () => string | undefined;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
    token = captureToken(page, '/api/client/v1/');
  });

  it('shows a calm welcome page and logs in through the clients realm’s Keycloak login page', async () => {
    await page.goto(`${BASE}/mijn/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welkom bij Plein');
    await checkPage(page, 'client', 'welkom');
    await login(page, '/mijn/', 'client.member', 'clients');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Berichten');
    // Few choices, each an icon with a word.
    const items = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
    expect(await items.allTextContents()).toEqual([
      'Berichten',
      'Activiteiten',
      'Mensen',
      'Zoeken',
      'Hoe werkt het?',
      'Papieren',
      'Stuur een stuk in',
      'Mijn profiel',
    ]);
  });

  it('every page passes axe-core at 1280 and 390 px, with a screenshot of each', async () => {
    const me = (await (await api('clients', 'client.member', '/api/client/v1/me')).json()) as { id: string };
    const pages = [
      { name: 'berichten', path: '/mijn/', heading: 'Berichten' },
      { name: 'mensen', path: '/mijn/mensen', heading: 'Mensen' },
      { name: 'persoon', path: `/mijn/mensen/${me.id}`, heading: undefined },
      { name: 'profiel', path: '/mijn/profiel', heading: 'Mijn profiel' },
      { name: 'zoeken', path: '/mijn/zoeken?q=koken', heading: 'Zoeken' },
    ];
    for (const p of pages) {
      await page.goto(BASE + p.path);
      await settled(page);
      if (p.heading) expect(await page.locator('h1').first().textContent(), p.path).toBe(p.heading);
      await checkPage(page, 'client', p.name);
    }
  });

  it('my profile explains the opt-in choices simply, each switch showing what I chose', async () => {
    await page.goto(`${BASE}/mijn/profiel`);
    await settled(page);
    // what the directory holds for me (the people routes have landed): the switches show exactly that
    expect(await hasRoute('/api/client/v1/people')).toBe(true);
    const token = await fetchToken('clients', 'client.member');
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const mine = (await (await fetch(`${BASE}/api/client/v1/people/me`, auth)).json()) as {
      privacy?: { optedIn: boolean; sharedFields: string[] };
    };
    expect(mine.privacy, 'a client sees their own choices').toBeDefined();
    const chosen = mine.privacy!;
    for (const [name, on] of [
      ['Andere cliënten mogen mij vinden', chosen.optedIn],
      ['Andere cliënten mogen mijn foto zien', chosen.optedIn && chosen.sharedFields.includes('photo')],
      [
        'Andere cliënten mogen lezen wat ik over mezelf schrijf',
        chosen.optedIn && chosen.sharedFields.includes('about'),
      ],
    ] as const) {
      const toggle = page.getByRole('switch', { name });
      expect(await toggle.count(), name).toBe(1);
      expect(await toggle.isChecked(), name).toBe(on);
    }
    expect(await page.getByText('Je kunt het altijd weer uitzetten.').count()).toBe(1);
  });

  it('staff can enter the client intranet with their own account, and see that they are looking in', async () => {
    const staff = await (await newContext(browser)).newPage();
    await login(staff, '/', 'staff.mentor', 'staff');
    await staff.getByRole('link', { name: 'Cliëntenintranet', exact: true }).click();
    await staff.waitForURL((url) => url.pathname === '/mijn/');
    await settled(staff);
    expect(await staff.locator('h1').textContent()).toBe('Berichten');
    expect(await staff.getByText('Je kijkt als medewerker mee').count()).toBe(1);
    await checkPage(staff, 'client', 'medewerker-kijkt-mee');
    await staff.context().close();
  });

  it('a client session reaches nothing of the staff intranet: not its pages, not its API', async () => {
    await page.goto(`${BASE}/mijn/`);
    await settled(page);
    const clientToken = token();
    expect(clientToken, 'the client portal sent its token to /api/client/v1').toBeDefined();

    // The staff portal's pages, in the same browser: each shows only the staff login, never content.
    const staffApiAnswers: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${BASE}/api/staff/`) || r.url().startsWith(`${BASE}/api/admin/`))
        staffApiAnswers.push(r.status());
    });
    for (const path of [
      '/',
      '/groepen',
      '/smoelenboek',
      '/profiel',
      '/zoeken?q=rooster',
      '/beheer',
      '/mensen/x',
    ]) {
      await page.goto(BASE + path);
      await expect
        .poll(() => page.getByRole('button', { name: 'Inloggen' }).count(), { message: path })
        .toBe(1);
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), path).toBe(0);
    }
    expect(staffApiAnswers.filter((s) => s < 400)).toEqual([]);

    // The staff realm's login page does not take a client's account.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/staff/`));
    await page.locator('#username').fill('client.member');
    await page.locator('#password').fill('plein-demo');
    await page.locator('#kc-login').click();
    await expect
      .poll(() => page.locator('#input-error, .kc-feedback-text, [id*="error"]').count())
      .toBeGreaterThan(0);
    expect(page.url().startsWith(`${KEYCLOAK}/realms/staff/`)).toBe(true);

    // Every call of the staff portal's API module, and the administration API, refuse the client's token.
    const calls = staffPortalCalls();
    expect(calls.length).toBeGreaterThan(20);
    for (const [method, path] of [...calls, ['GET', '/users'] as [string, string]]) {
      const url = (path === '/users' ? `${BASE}/api/admin/v1` : `${BASE}/api/staff/v1`) + path;
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${clientToken}`, 'content-type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      const body = await res.text();
      expect(res.headers.get('content-type'), `${method} ${url}`).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(body) as { status: number; detail: string };
      // 403 where the route exists; 404 "No route" only where that service has not landed yet.
      if (res.status === 404) expect(problem.detail, `${method} ${url}`).toMatch(/^No route/);
      else expect(res.status, `${method} ${url}`).toBe(403);
    }
    for (const path of ['/api/staff/v1/me', '/api/admin/v1/users']) {
      const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${clientToken}` } });
      expect(res.status, path).toBe(403);
    }
  });

  it('a client posts on the client timeline and another client comments', async () => {
    const text = `Vandaag hebben we samen soep gekookt ${Date.now()}`;
    const member = await (await newContext(browser)).newPage();
    await login(member, '/mijn/', 'client.member', 'clients');
    await member.getByLabel('Wat wil je vertellen?').fill(text);
    await member.getByRole('button', { name: 'Plaats bericht' }).click();
    await expect.poll(() => member.getByText('Gelukt! Je bericht staat op Plein.').count()).toBe(1);
    await expect.poll(() => member.getByText(text).count()).toBe(1);

    const other = await (await newContext(browser)).newPage();
    await login(other, '/mijn/', 'client.editor', 'clients');
    const post = other.getByRole('article').filter({ hasText: text });
    await expect.poll(() => post.count()).toBe(1);
    await post.getByRole('textbox').fill('Lekker! Welke soep was het?');
    await post.getByRole('button', { name: 'Plaats reactie' }).click();
    await expect.poll(() => post.getByText('Lekker! Welke soep was het?').count()).toBe(1);

    await member.reload();
    await settled(member);
    await expect
      .poll(() =>
        member
          .getByRole('article')
          .filter({ hasText: text })
          .getByText('Lekker! Welke soep was het?')
          .count(),
      )
      .toBe(1);
    for (const p of [member, other]) await p.context().close();
  });

  it('a client sees the organisation’s pinned announcement on top and says “Gelezen”; it stays read', async () => {
    const text = `Mededeling: de inloop is maandag dicht ${Date.now()}`;
    const created = await api('staff', 'staff.editor', '/api/client/v1/posts', {
      method: 'POST',
      body: JSON.stringify({
        type: 'announcement',
        body: text,
        audience: 'organization',
        pinned: true,
        requiresConfirmation: true,
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const member = await (await newContext(browser)).newPage();
    await login(member, '/mijn/', 'client.member', 'clients');
    await settled(member);
    const card = member
      .getByRole('region', { name: 'Mededelingen' })
      .getByRole('article')
      .filter({ hasText: text });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByText('Vastgepind', { exact: true }).count()).toBe(1);
    expect(await member.getByText(text).count()).toBe(1);
    await checkPage(member, 'client', 'berichten-mededeling');
    await card.getByRole('button', { name: 'Gelezen', exact: true }).click();
    await expect.poll(() => card.getByText('Je hebt laten weten dat je dit gelezen hebt.').count()).toBe(1);
    await member.reload();
    await settled(member);
    await expect.poll(() => card.getByText('Je hebt laten weten dat je dit gelezen hebt.').count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Gelezen', exact: true }).count()).toBe(0);
    await member.context().close();
  });

  it('a staff author is marked “Medewerker” in the client intranet; a client author is not', async () => {
    const staffText = `Morgen staat de koffie om tien uur klaar ${Date.now()}`;
    const clientText = `Ik neem koekjes mee ${Date.now()}`;
    const post = (realm: 'staff' | 'clients', user: string, body: string) =>
      api(realm, user, '/api/client/v1/posts', {
        method: 'POST',
        body: JSON.stringify({ body, audience: 'organization' }),
      });
    const byStaff = await post('staff', 'staff.mentor', staffText);
    expect(byStaff.status, await byStaff.clone().text()).toBe(201);
    const byClient = await post('clients', 'client.editor', clientText);
    expect(byClient.status, await byClient.clone().text()).toBe(201);
    const member = await (await newContext(browser)).newPage();
    await login(member, '/mijn/', 'client.member', 'clients');
    await settled(member);
    const staffCard = member.getByRole('article').filter({ hasText: staffText });
    const clientCard = member.getByRole('article').filter({ hasText: clientText });
    await expect.poll(() => staffCard.count()).toBe(1);
    await expect.poll(() => clientCard.count()).toBe(1);
    expect(await staffCard.getByText('Medewerker', { exact: true }).count()).toBe(1);
    expect(await clientCard.getByText('Medewerker', { exact: true }).count()).toBe(0);
    await member.context().close();
  });
});
