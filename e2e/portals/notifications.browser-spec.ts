import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { SignupPromoted } from '@plein/contracts';
import { connectTestNats, fetchToken } from '@plein/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, untilKnown } from '../support/api.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from '../support/keycloak-users.js';
import { type RunningSystem, startSystem } from '../support/system.js';
import { BASE, BROWSER_PORT, checkPage, launch, login, newContext, settled } from './support/browser.js';

/**
 * The bell, the notifications page and the preferences in a real browser, through the real login. Fresh people
 * (made in Keycloak here), so the counts are theirs alone: a staff member mentioned by a colleague, and a client
 * who got a place at an activity from the waiting list.
 */
let system: RunningSystem;
let browser: Browser;
let staffPerson: TestPerson;
let clientPerson: TestPerson;
let staffId: string;

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(BASE + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

const mention = async (body: string) =>
  api(await fetchToken('staff', 'staff.editor'), 'POST', '/api/staff/v1/posts', {
    body,
    audience: 'organization',
    mentions: [staffId],
  });

const bell = (page: Page) => page.locator('header .pl-bell');

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
  staffPerson = await createKeycloakUser('staff', 'Mila', `Bel${Date.now().toString(36)}`, ['employee']);
  clientPerson = await createKeycloakUser('clients', 'Jesse', `Bel${Date.now().toString(36)}`);
  staffId = (
    await api<{ id: string }>(await fetchToken('staff', staffPerson.username), 'GET', '/api/staff/v1/me')
  ).id;
  const clientId = (
    await api<{ id: string }>(await fetchToken('clients', clientPerson.username), 'GET', '/api/client/v1/me')
  ).id;
  const editorId = (
    await api<{ id: string }>(await fetchToken('staff', 'staff.editor'), 'GET', '/api/staff/v1/me')
  ).id;
  const db = await database();
  await untilKnown(db, [staffId, editorId]);
  await db.end();
  // announcements asking everyone to confirm (made by other test files) are theirs too: start from none unread
  await api(await fetchToken('staff', staffPerson.username), 'POST', '/api/staff/v1/notifications/read-all');
  await api(
    await fetchToken('clients', clientPerson.username),
    'POST',
    '/api/client/v1/notifications/read-all',
  );
  await mention('Welkom in het team! Kijk je even naar het rooster?');
  await mention('De teamdag is verplaatst naar vrijdag.');
  // activities is another service: its promotion event, as it publishes it
  const nc = await connectTestNats();
  const envelope = {
    id: randomUUID(),
    type: SignupPromoted.type,
    occurredAt: new Date().toISOString(),
    source: 'activities',
    version: 1,
    data: {
      activityId: randomUUID(),
      userId: clientId,
      intranet: 'client',
      title: 'Samen koken',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    },
  };
  await jetstream(nc).publish(SignupPromoted.type, JSON.stringify(envelope), { msgID: envelope.id });
  await nc.drain();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  for (const p of [staffPerson, clientPerson]) if (p) await deleteKeycloakUser(p);
});

describe('staff portal: the bell, the list, preferences', () => {
  let page: Page;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('the bell counts unread notifications, live', async () => {
    await login(page, '/', staffPerson.username, 'staff');
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Meldingen, 2 nieuw');
    // a new mention while the page is open arrives through the stream
    await mention('Nog één ding: neem je badge mee.');
    await expect
      .poll(() => bell(page).getAttribute('aria-label'), { timeout: 10_000 })
      .toBe('Meldingen, 3 nieuw');
    expect(await bell(page).locator('.pl-bell__count').textContent()).toBe('3');
  });

  it('the list shows them; mark one read, then all', async () => {
    await bell(page).click();
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Meldingen');
    const items = page.locator('.pl-notification');
    await expect.poll(() => page.locator('.pl-notification--unread').count()).toBe(3);
    expect(await items.first().textContent()).toMatch(/noemde je in een bericht/);
    await checkPage(page, 'staff', 'meldingen');
    await page
      .getByRole('button', { name: /^Gelezen:/ })
      .first()
      .click();
    await expect.poll(() => page.locator('.pl-notification--unread').count()).toBe(2);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Meldingen, 2 nieuw');
    await page.getByRole('button', { name: 'Alles gelezen' }).click();
    await expect.poll(() => page.locator('.pl-notification--unread').count()).toBe(0);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Meldingen, niets nieuws');
    // a notification leads to its post
    await items.first().getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/berichten\/[0-9a-f-]{36}$/);
  });

  it('preferences: per kind in Plein, digest or off', async () => {
    await page.goto(`${BASE}/meldingen/instellingen`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Meldingen instellen');
    await checkPage(page, 'staff', 'meldingen-instellingen');
    await page.getByLabel('Iemand noemt je').selectOption('off');
    await page.getByLabel('Reacties op je berichten').selectOption('digest');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Je keuzes zijn opgeslagen.');
    const prefs = await api<{ kinds: Record<string, string> }>(
      await fetchToken('staff', staffPerson.username),
      'GET',
      '/api/staff/v1/notification-preferences',
    );
    expect(prefs.kinds).toMatchObject({ mention: 'off', comment: 'digest', reaction: 'app' });
  });
});

describe('client portal: plain words', () => {
  it('"1 nieuw bericht voor jou" in the header, and the list', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, '/mijn/', clientPerson.username, 'clients');
    await expect.poll(() => bell(page).textContent(), { timeout: 15_000 }).toBe('1 nieuw bericht voor jou');
    await checkPage(page, 'client', 'bel');
    await bell(page).click();
    await settled(page);
    // the one new item is the promotion (announcements of other test files to every client may be listed, read)
    await expect.poll(() => page.locator('.pl-notification--unread').count()).toBe(1);
    expect(await page.locator('.pl-notification--unread').textContent()).toMatch(
      /Er is plek: je doet mee met “Samen koken”/,
    );
    await checkPage(page, 'client', 'meldingen');
    await page.getByRole('button', { name: 'Alles gelezen' }).click();
    await expect.poll(() => bell(page).textContent()).toBe('Geen nieuwe berichten');
  });
});
