import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from '../support/system.js';
import { BASE, BROWSER_PORT, api, checkPage, launch, login, newContext, settled } from './support/browser.js';

let system: RunningSystem;
let browser: Browser;

const stamp = Date.now().toString(36);
const queuedTitle = `Het buurtfeest ${stamp}`;
const postBody = `Wie helpt er zaterdag met opruimen ${stamp}?`;

async function as(portal: '/' | '/mijn/', user: string, realm: 'staff' | 'clients'): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await login(page, portal, user, realm);
  return page;
}

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
  await api('clients', 'client.member', 'POST', '/api/client/v1/submissions', {
    title: queuedTitle,
    body: 'Zaterdag was het buurtfeest. Er waren **veertig** mensen.',
    series: 'Uit de buurt',
  });
  await api('clients', 'client.member', 'POST', '/api/client/v1/posts', {
    body: postBody,
    audience: 'organization',
  });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('client portal', () => {
  it('"Stuur een stuk in": write, meet the guard, confirm, see the status', async () => {
    const page = await as('/mijn/', 'client.member', 'clients');
    await page.getByRole('link', { name: 'Stuur een stuk in' }).first().click();
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Stuur een stuk in');
    await checkPage(page, 'client', 'insturen');
    const title = `Mijn moestuin ${stamp}`;
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Je stuk').fill('Bel me op 06-12345678 als je wilt helpen in de tuin.');
    await page.getByRole('button', { name: 'Insturen' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('persoonlijks');
    await checkPage(page, 'client', 'insturen-persoonsgegevens');
    await page.getByLabel('Ik weet het, stuur het toch in').check();
    await page.getByRole('button', { name: 'Insturen' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('ingestuurd');
    await expect.poll(() => page.getByRole('heading', { name: title }).count()).toBe(1);
    await checkPage(page, 'client', 'insturen-verstuurd');
  });

  it('client editors read the queue and comment; "Melden" on a post', async () => {
    const page = await as('/mijn/', 'client.editor', 'clients');
    await page.goto(`${BASE}/mijn/redactie`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Redactie: ingestuurde stukken');
    await page.getByRole('button', { name: queuedTitle }).click();
    await page.getByLabel('Je reactie voor de redactie').fill('Leuk, graag met een foto.');
    await page.getByRole('button', { name: 'Reageren' }).click();
    await expect.poll(() => page.getByText('Leuk, graag met een foto.').count()).toBe(1);
    // no decisions for client editors
    expect(await page.getByRole('button', { name: 'Plaatsen' }).count()).toBe(0);
    await checkPage(page, 'client', 'redactie');

    await page.goto(`${BASE}/mijn/`);
    await settled(page);
    const post = page.locator('article', { hasText: postBody });
    await post.getByRole('button', { name: 'Melden' }).first().click();
    await post.getByLabel('Waarom meld je dit?').fill('Dit hoort hier niet.');
    await checkPage(page, 'client', 'melden');
    await post.getByRole('button', { name: 'Melding versturen' }).click();
    await expect.poll(() => post.getByRole('status').first().textContent()).toContain('Bedankt');
  });
});

describe('staff portal', () => {
  it('editors decide on the client queue with a note', async () => {
    const page = await as('/', 'staff.editor', 'staff');
    await page.getByRole('link', { name: 'Redactie' }).first().click();
    await settled(page);
    await page.getByLabel('Welk intranet?').selectOption('client');
    await page.getByRole('button', { name: queuedTitle }).click();
    await expect.poll(() => page.getByText('Leuk, graag met een foto.').count()).toBe(1);
    await checkPage(page, 'staff', 'redactie');
    await page.getByLabel('Toelichting voor de schrijver').fill('Mooi! Voeg nog toe wie er geholpen hebben.');
    await page.getByRole('button', { name: 'Terugsturen' }).click();
    await expect.poll(() => page.getByRole('button', { name: queuedTitle }).count()).toBe(0);
  });

  it('moderators work the report queue', async () => {
    const page = await as('/', 'staff.moderator', 'staff');
    await page.getByRole('link', { name: 'Moderatie' }).first().click();
    await settled(page);
    await page.getByLabel('Welk intranet?').selectOption('client');
    const item = page.locator('li', { hasText: 'Dit hoort hier niet.' }).first();
    await item.waitFor();
    await checkPage(page, 'staff', 'moderatie');
    await item.getByLabel('Notitie (alleen voor moderatoren)').fill('Geen reden om te verbergen');
    await item.getByRole('button', { name: 'Afsluiten' }).click();
    await expect.poll(() => page.locator('li', { hasText: 'Dit hoort hier niet.' }).count()).toBe(0);
  });

  it('admins read the audit log with filters', async () => {
    const page = await as('/', 'staff.admin', 'staff');
    await page.getByRole('link', { name: 'Logboek' }).first().click();
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Logboek');
    await page.getByLabel('Actie').fill('report.dismiss');
    await page.getByRole('button', { name: 'Filteren' }).click();
    // the unfiltered list (shown until the filtered answer arrives) has both: wait for the filtered one
    await expect
      .poll(async () => ({
        dismissals: (await page.locator('li', { hasText: 'report.dismiss' }).count()) > 0,
        returns: await page.locator('li', { hasText: 'submission.return' }).count(),
      }))
      .toEqual({ dismissals: true, returns: 0 });
    await checkPage(page, 'staff', 'logboek');
  });
});
