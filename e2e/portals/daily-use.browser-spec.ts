import { fetchToken, testEnv } from '@plein/testing';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/events.js';
import { type RunningSystem, startSystem } from '../support/system.js';
import {
  BASE,
  BROWSER_PORT,
  WIDTHS,
  checkPage,
  launch,
  login,
  newContext,
  pageWidths,
  settled,
} from './support/browser.js';

/**
 * The portals in daily use, as three people live it: a staff member back from holiday, a client with a
 * coach, and an administrator. Every page they pass is checked with axe-core at 1280 and 390 px and must not
 * scroll sideways (checkPage).
 */
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
      ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Waits until the directory has the person's profile (it follows identity's events). */
async function profileOf(
  realm: 'staff' | 'clients',
  user: string,
): Promise<{ id: string; displayName: string }> {
  const tree = realm === 'staff' ? 'staff' : 'client';
  const res = await eventually(
    () => api(realm, user, `/api/${tree}/v1/people/me`),
    (r) => r.status === 200,
    20_000,
  );
  return (await res.json()) as { id: string; displayName: string };
}

const photo = (colour: string) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** The visible text of what the selector matches, as people read it. */
const text = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe('a staff member back from holiday', () => {
  let page: Page;
  let me: { id: string; displayName: string };
  let colleague: { id: string; displayName: string };

  beforeAll(async () => {
    me = await profileOf('staff', 'staff.employee');
    colleague = await profileOf('staff', 'staff.mentor');
    page = await (await newContext(browser)).newPage();
    // Leaving a post asks "are you sure?": say yes.
    page.on('dialog', (dialog) => void dialog.accept());
  });

  it('logs in; the previous visit was two weeks ago', async () => {
    await login(page, '/', 'staff.employee', 'staff');
    await settled(page);
    // This browser keeps when the previous visit was (under a hash of the account, never the name).
    const keys = await page.evaluate(
      (weeksAgo) => {
        const found: string[] = [];
        for (let i = 0; i < localStorage.length; i++) {
          const key = localStorage.key(i)!;
          if (key.startsWith('plein.visit.')) {
            found.push(key);
            localStorage.setItem(key, JSON.stringify({ last: weeksAgo }));
          }
        }
        return found;
      },
      Date.now() - 14 * 86_400_000,
    );
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('staff.employee');
  });

  it('sees what is new since the last visit, Markdown shown as text with safe links, and counts said right', async () => {
    const stamp = Date.now();
    const body = [
      `**Nieuwe werkwijze overdracht ${stamp}** vanaf maandag.`,
      '',
      'Lees het [overdrachtsformulier](https://plein.example/handboek/overdracht) en klik op *gelezen*.',
      '',
      '- eerst de sleutels',
      '- dan het logboek',
      '',
      'Niet klikken: [dit](javascript:alert(1)) <img src=x onerror="alert(1)"> <script>alert(2)</script>',
    ].join('\n');
    const post = await json<{ id: string }>(
      api('staff', 'staff.editor', '/api/staff/v1/posts', {
        method: 'POST',
        body: JSON.stringify({ body, audience: 'organization' }),
      }),
      201,
    );
    await json(
      api('staff', 'staff.mentor', `/api/staff/v1/posts/${post.id}/comments`, {
        method: 'POST',
        body: JSON.stringify({ body: 'Dank je, **duidelijk**!' }),
      }),
      201,
    );
    let alerted = false;
    page.on('dialog', (d) => {
      if (d.type() === 'alert') alerted = true;
    });
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: 'Hele organisatie', exact: true }).click();
    await settled(page);
    const card = page.getByRole('article').filter({ hasText: `Nieuwe werkwijze overdracht ${stamp}` });
    await expect.poll(() => card.count()).toBe(1);
    // Bold is bold, the list is a list, and no Markdown syntax is left to read.
    expect(await card.locator('.pl-post__body strong').first().textContent()).toBe(
      `Nieuwe werkwijze overdracht ${stamp}`,
    );
    expect(await card.locator('.pl-post__body li').allTextContents()).toEqual([
      'eerst de sleutels',
      'dan het logboek',
    ]);
    expect(await card.locator('.pl-post__body').innerText()).not.toContain('**');
    // Links: the web link opens safely; javascript: is no link at all; raw HTML is shown as text, never run.
    const link = card.getByRole('link', { name: 'overdrachtsformulier' });
    expect(await link.getAttribute('href')).toBe('https://plein.example/handboek/overdracht');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await card.locator('.pl-post__body a[href^="javascript"]').count()).toBe(0);
    expect(await card.locator('.pl-post__body img, .pl-post__body script').count()).toBe(0);
    expect(await card.locator('.pl-post__body').innerText()).toContain('<img src=x');
    expect(alerted).toBe(false);
    // The comment renders Markdown too; one comment is "1 reactie".
    expect(await card.locator('.pl-comment__body strong').textContent()).toBe('duidelijk');
    expect(await card.getByText('1 reactie', { exact: true }).count()).toBe(1);
    expect((await text(page, 'main')).join()).not.toMatch(/\b1 reacties\b/);
    // New since the previous visit: marked, and counted above the timeline.
    expect(await card.getByText('Nieuw', { exact: true }).count()).toBe(1);
    expect(await page.locator('.pl-since').first().textContent()).toMatch(
      /^\d+ nieuwe? berichte?n? sinds je vorige bezoek/,
    );
    await checkPage(page, 'staff', 'terug-van-vakantie');

    // Search shows the words, not the Markdown, and the hit opens the post.
    await expect
      .poll(
        async () => {
          await page.goto(`${BASE}/zoeken?q=${stamp}`);
          await settled(page);
          return page.locator('.pl-results li').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    const results = (await text(page, '.pl-results')).join('\n');
    expect(results).toContain(`Nieuwe werkwijze overdracht ${stamp}`);
    expect(results).not.toContain('**');
    expect(await page.getByRole('status').first().textContent()).toMatch(/^1 resultaat voor “/);
    await checkPage(page, 'staff', 'zoeken-markdown');
    await page.locator('.pl-results li a').first().click();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Bericht');

    // Dutch compounds: the post says "overdrachtsformulier"; searching for "formulier" finds it, and so does
    // the word still being typed ("formul").
    for (const q of [`${stamp} formulier`, `${stamp} formul`]) {
      await page.goto(`${BASE}/zoeken?q=${encodeURIComponent(q)}`);
      await settled(page);
      expect((await text(page, '.pl-results')).join('\n'), q).toContain(
        `Nieuwe werkwijze overdracht ${stamp}`,
      );
    }
    await checkPage(page, 'staff', 'zoeken-samenstelling');
  });

  it('a colleague’s profile fits its card at 1280 and 390 px (long e-mail address), and following can be undone', async () => {
    // A real-world long address and function, put in the colleague's profile as the API answers it.
    const long =
      'trajectbegeleider.nachtopvang.zwolle-zuid@stichting-maatschappelijke-opvang-overijssel.example.nl';
    await page.route(
      (url) => url.pathname === `/api/staff/v1/people/${colleague.id}`,
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...((await response.json()) as object), email: long } });
      },
    );
    await page.goto(`${BASE}/mensen/${colleague.id}`);
    await settled(page);
    expect(await page.getByRole('link', { name: long }).count()).toBe(1);
    for (const px of Object.values(WIDTHS)) {
      await page.setViewportSize({ width: px, height: 900 });
      const widths = await pageWidths(page);
      expect(widths.document, `${px}px`).toBe(widths.viewport);
    }
    await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
    // Follow, then stop following: both from the same button, and the server agrees each time.
    const follows = async () =>
      (
        await json<{ items: { id: string }[] }>(api('staff', 'staff.employee', '/api/staff/v1/follows'))
      ).items.some((f) => f.id === colleague.id);
    if (await follows()) {
      await page.getByRole('button', { name: 'Niet meer volgen' }).click();
      await expect.poll(follows).toBe(false);
    }
    await page.getByRole('button', { name: 'Volgen', exact: true }).click();
    await expect
      .poll(() => page.getByText(/^Je volgt .+: nieuwe berichten komen op je tijdlijn\.$/).count())
      .toBe(1);
    expect(await follows()).toBe(true);
    await checkPage(page, 'staff', 'collega-lang-adres');
    await page.getByRole('button', { name: 'Niet meer volgen' }).click();
    await expect.poll(() => page.getByText(/^Volg .+ om nieuwe berichten/).count()).toBe(1);
    expect(await follows()).toBe(false);
    await page.unroute((url) => url.pathname === `/api/staff/v1/people/${colleague.id}`);
  });

  it('uploads a photo with a description (required), and sees faces in the smoelenboek', async () => {
    await page.goto(`${BASE}/profiel`);
    await settled(page);
    await page.getByLabel('Kies een foto').setInputFiles({
      name: 'ik.png',
      mimeType: 'image/png',
      buffer: await photo('#3a8'),
    });
    await page.getByRole('button', { name: 'Bewaar mijn foto' }).click();
    // Without saying what is on it, nothing is uploaded.
    await expect
      .poll(() => page.getByText('Schrijf eerst kort wat er op de foto te zien is.').count())
      .toBe(1);
    const alt = `${me.displayName} lacht, voor een groene muur`;
    await page.getByLabel('Wat is er op de foto te zien?').fill(alt);
    await page.getByRole('button', { name: 'Bewaar mijn foto' }).click();
    await expect.poll(() => page.getByText('Je foto is bewaard.').count()).toBe(1);
    const stored = await json<{ photo: { alt?: string } | null }>(
      api('staff', 'staff.employee', '/api/staff/v1/people/me'),
    );
    expect(stored.photo?.alt).toBe(alt);
    await checkPage(page, 'staff', 'profiel-foto');
    // Colleagues see the face in the list (a photo, not initials) and on the profile, described.
    await page.goto(`${BASE}/smoelenboek?q=${encodeURIComponent(me.displayName)}`);
    await settled(page);
    const cardOfMe = page.locator('.pl-person-card').filter({ hasText: me.displayName });
    await expect.poll(() => cardOfMe.locator('img.pl-avatar').count()).toBe(1);
    expect(await cardOfMe.locator('img.pl-avatar').getAttribute('src')).toMatch(/^blob:/);
    await checkPage(page, 'staff', 'smoelenboek-fotos');
    await page.goto(`${BASE}/mensen/${me.id}`);
    await settled(page);
    await expect.poll(() => page.getByRole('img', { name: alt }).count()).toBe(1);
  });

  it('creates a group (“1 lid”), writes in it, edits and deletes their own post', async () => {
    const name = `Werkgroep overdracht ${Date.now()}`;
    await page.goto(`${BASE}/groepen`);
    await settled(page);
    await page.getByText('Nieuwe groep maken').click();
    await page.getByLabel('Naam van de groep').fill(name);
    await page.getByLabel('Waar is de groep voor?').fill('Afspraken over de **overdracht**.');
    await page.getByRole('radio', { name: /Op verzoek/ }).check();
    await page.getByRole('button', { name: 'Maak de groep' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(name);
    await settled(page);
    expect(await page.getByText('1 lid', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Besloten', { exact: true }).count()).toBe(1);
    // The description was written in Markdown: the words, not the asterisks.
    expect(await page.locator('.pl-page-header__intro').textContent()).toBe('Afspraken over de overdracht.');

    const first = `Wie neemt de sleutels mee ${Date.now()}`;
    await page.getByLabel('Wat wil je delen?').fill(first);
    await page.getByRole('button', { name: 'Plaats in de groep' }).click();
    const mine = page.getByRole('article').filter({ hasText: first });
    await expect.poll(() => mine.count()).toBe(1);
    // Only one's own posts offer "Bewerk" and "Verwijder".
    await mine.getByRole('button', { name: 'Bewerk' }).click();
    const edited = `${first} — ik neem ze mee`;
    await mine.getByLabel('Je bericht').fill(edited);
    await mine.getByRole('button', { name: 'Bewaar' }).click();
    const editedCard = page.getByRole('article').filter({ hasText: edited });
    await expect.poll(() => editedCard.count()).toBe(1);
    await checkPage(page, 'staff', 'groep-eigen-bericht');
    const groupPosts = await json<{ items: { id: string; body: string }[] }>(
      api('staff', 'staff.employee', `/api/staff/v1/groups/${page.url().split('/').pop()}/feed`),
    );
    const postId = groupPosts.items.find((p) => p.body === edited)!.id;
    await editedCard.getByRole('button', { name: 'Verwijder' }).click();
    await expect.poll(() => page.getByText('Je bericht is verwijderd.').count()).toBe(1);
    expect((await api('staff', 'staff.employee', `/api/staff/v1/posts/${postId}`)).status).toBe(404);

    await page.goto(`${BASE}/groepen`);
    await settled(page);
    const item = page.locator('.pl-grid > li').filter({ hasText: name });
    expect(await item.getByText('1 lid', { exact: true }).count()).toBe(1);
    expect((await text(page, 'main')).join()).not.toMatch(/\b1 leden\b/);
    await checkPage(page, 'staff', 'groepen-nieuw');
  });

  it('on a phone the header is compact and stays on top; a page that does not exist says so with a way back', async () => {
    await page.setViewportSize({ width: WIDTHS.phone, height: 844 });
    await page.goto(`${BASE}/smoelenboek`);
    await settled(page);
    const header = page.locator('.pl-header');
    const height = (await header.boundingBox())!.height;
    expect(height, 'header height at 390 × 844').toBeLessThan(150);
    await page.mouse.wheel(0, 2000);
    await expect.poll(async () => (await header.boundingBox())!.y).toBe(0);
    // Every menu item is there on the phone, search included.
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
    expect(await menu.allInnerTexts()).toEqual([
      'Tijdlijn',
      'Groepen',
      'Smoelenboek',
      'Activiteiten',
      'Kennisbank',
      'Handboek',
      'Documenten',
      'Zoeken',
      'Mijn profiel',
      'Stuur een stuk in',
    ]);
    await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });

    await page.goto(`${BASE}/bestaat-niet`);
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Niet gevonden');
    expect(await page.getByText('Deze pagina bestaat niet').count()).toBe(1);
    await checkPage(page, 'staff', 'niet-gevonden');
    await page.getByRole('link', { name: 'Naar het begin' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tijdlijn');
  });
});

describe('a client with a coach', () => {
  let client: { id: string; displayName: string };
  let mentor: { id: string; displayName: string };
  const stamp = Date.now().toString(36);
  const mentorAlt = 'De begeleider lacht, met een blauwe achtergrond';

  beforeAll(async () => {
    client = await profileOf('clients', 'client.member');
    mentor = await profileOf('staff', 'staff.mentor');
    // The mentor takes the client on, works at the client's location, and has a photo.
    const post = async (path: string, body: unknown) =>
      json<{ id: string; name: string }>(
        api('staff', 'staff.editor', path, { method: 'POST', body: JSON.stringify(body) }),
        201,
      );
    const location = await post('/api/staff/v1/locations', {
      name: `Dagbesteding De Werf ${stamp}`,
      kind: 'dagbesteding',
      address: { street: 'Werfstraat 2', postalCode: '8011 BB', city: 'Zwolle' },
    });
    const fn = await post('/api/staff/v1/functions', { name: `Persoonlijk begeleider ${stamp}` });
    await json(
      api('staff', 'staff.editor', `/api/staff/v1/people/${mentor.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ function: fn.id, locations: [location.id] }),
      }),
    );
    await json(api('staff', 'staff.mentor', `/api/staff/v1/people/${client.id}/mentor`, { method: 'PUT' }));
    await json(
      api('staff', 'staff.mentor', `/api/staff/v1/people/me/photo?alt=${encodeURIComponent(mentorAlt)}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(await photo('#36c')),
      }),
    );
  });

  it('writes first, sees Mijn begeleider with face and function, finds the mentor first in Mensen', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, '/mijn/', 'client.member', 'clients');
    await settled(page);
    // The first text box on the page is the one to write a post in, not a reaction box.
    const firstBox = page.getByRole('textbox').first();
    expect(await firstBox.getAttribute('id')).toBe(
      await page.getByLabel('Wat wil je vertellen?').getAttribute('id'),
    );
    const card = page.getByRole('region', { name: 'Mijn begeleider' });
    await expect.poll(() => card.getByText(mentor.displayName, { exact: true }).count()).toBe(1);
    expect(await card.getByText(`Persoonlijk begeleider ${stamp}`).count()).toBe(1);
    expect(await card.getByText(`Werkt bij Dagbesteding De Werf ${stamp}`).count()).toBe(1);
    await expect.poll(() => card.getByRole('img', { name: mentorAlt }).count()).toBe(1);
    await checkPage(page, 'client', 'berichten-begeleider');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mensen' }).click();
    await settled(page);
    // Mijn begeleider comes with the client's own profile: wait for it before reading the order.
    await expect.poll(() => page.getByRole('region', { name: 'Mijn begeleider' }).count()).toBe(1);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.indexOf('Mijn begeleider')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('Mijn begeleider')).toBeLessThan(headings.indexOf('Andere mensen op Plein'));
    await checkPage(page, 'client', 'mensen-begeleider');

    // The mentor's page: photo, function, where; no bare "Nog geen berichten".
    await page
      .getByRole('region', { name: 'Mijn begeleider' })
      .getByRole('link', { name: mentor.displayName })
      .click();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe(mentor.displayName);
    await expect.poll(() => page.getByRole('img', { name: mentorAlt }).count()).toBe(1);
    expect(await page.getByText('Medewerker van de stichting').count()).toBe(1);
    expect(await page.getByText('Nog geen berichten', { exact: true }).count()).toBe(0);
    await checkPage(page, 'client', 'begeleider');

    // The client's own photo, with what is on it; who sees it stays the client's choice (the switches below).
    await page.goto(`${BASE}/mijn/profiel`);
    await settled(page);
    await page.getByLabel('Kies een foto').setInputFiles({
      name: 'ik.png',
      mimeType: 'image/png',
      buffer: await photo('#c63'),
    });
    await page.getByLabel('Wat is er op de foto te zien?').fill('Ik, met mijn hond in het park');
    await page.getByRole('button', { name: 'Bewaar mijn foto' }).click();
    await expect.poll(() => page.getByText('Je foto is bewaard.').count()).toBe(1);
    expect(await page.getByText(/Andere cliënten zien hem alleen als je dat hieronder aanzet/).count()).toBe(
      1,
    );
    await checkPage(page, 'client', 'profiel-foto');
    await page.context().close();
  });

  it('search results open; counts are said right; a page that does not exist offers the way back', async () => {
    const word = `soepmiddag${stamp}`;
    const created = await json<{ id: string }>(
      api('staff', 'staff.editor', '/api/client/v1/posts', {
        method: 'POST',
        body: JSON.stringify({
          body: `**Op vrijdag** is er een ${word} in De Werf.`,
          audience: 'organization',
        }),
      }),
      201,
    );
    const page = await (await newContext(browser)).newPage();
    await login(page, '/mijn/', 'client.member', 'clients');
    await expect
      .poll(
        async () => {
          await page.goto(`${BASE}/mijn/zoeken?q=${word}`);
          await settled(page);
          return page.locator('.pl-results li').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(1);
    expect(await page.getByRole('status').first().textContent()).toBe(`We vonden 1 ding voor “${word}”`);
    expect((await text(page, '.pl-results')).join()).not.toContain('**');
    await checkPage(page, 'client', 'zoeken-resultaat');
    await page.locator('.pl-results li').getByRole('link').click();
    await page.waitForURL(`${BASE}/mijn/berichten/${created.id}`);
    await settled(page);
    expect(await page.getByRole('article').getByText(word, { exact: false }).count()).toBe(1);
    expect(await page.locator('.pl-post__body strong').textContent()).toBe('Op vrijdag');
    await checkPage(page, 'client', 'bericht');

    await page.goto(`${BASE}/mijn/bestaat-niet`);
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Niet gevonden');
    await checkPage(page, 'client', 'niet-gevonden');
    await page.getByRole('link', { name: 'Naar de berichten' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Berichten');
    // The menu offers only what exists.
    const items = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
    const hrefs: string[] = [];
    for (const link of await items.all()) hrefs.push((await link.getAttribute('href')) ?? '');
    expect(hrefs).toEqual([
      '/mijn/',
      '/mijn/activiteiten',
      '/mijn/mensen',
      '/mijn/zoeken',
      '/mijn/hoe-werkt-het',
      '/mijn/papieren',
      '/mijn/insturen',
      '/mijn/profiel',
    ]);
    for (const href of hrefs) {
      await page.goto(BASE + href);
      await settled(page);
      expect(await page.locator('h1').textContent(), href).not.toBe('Niet gevonden');
      expect(await page.getByText('Dit onderdeel komt binnenkort').count(), href).toBe(0);
    }
    await page.context().close();
  });
});

describe('an administrator', () => {
  it('filters the user list by realm (no old rows), reads roles in Dutch, reaches Keycloak, and uses it on a phone', async () => {
    // Both realms have someone Plein knows.
    await json(api('clients', 'client.other', '/api/client/v1/me'));
    await json(api('staff', 'staff.admin', '/api/admin/v1/users'));
    const page = await (await newContext(browser)).newPage();
    await login(page, '/', 'staff.admin', 'staff');
    await page.getByRole('link', { name: 'Beheer' }).click();
    await settled(page);
    const cell = (name: string) => page.getByRole('cell', { name, exact: true });
    await expect.poll(() => cell('staff.admin').count()).toBe(1);
    // Roles are words, not codes.
    const adminRow = page.getByRole('row').filter({ has: cell('staff.admin') });
    expect(await adminRow.getByText('Beheerder', { exact: true }).count()).toBe(1);
    expect(await adminRow.getByText('admin', { exact: true }).count()).toBe(0);
    const console = page.getByRole('link', { name: 'Open de beheeromgeving van Keycloak' });
    // the Keycloak this run logs in at (KEYCLOAK_URL), its admin console on the staff realm's users
    expect(await console.getAttribute('href')).toBe(
      `${testEnv().keycloakUrl}/admin/master/console/#/staff/users`,
    );

    await page.getByLabel('Realm').selectOption('clients');
    await expect.poll(() => cell('staff.admin').count()).toBe(0);
    await expect.poll(() => cell('client.other').count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Cliënten (clients)' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Medewerkers (staff)' }).count()).toBe(0);
    expect(await console.getAttribute('href')).toMatch(/#\/clients\/users$/);
    await checkPage(page, 'staff', 'beheer-clients');
    await page.getByLabel('Realm').selectOption('staff');
    await expect.poll(() => cell('client.other').count()).toBe(0);
    await expect.poll(() => cell('staff.admin').count()).toBe(1);
    await checkPage(page, 'staff', 'beheer-staff');
    await page.context().close();
  });
});
