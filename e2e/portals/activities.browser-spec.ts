import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from '../support/system.js';
import { BASE, BROWSER_PORT, api, checkPage, launch, login, newContext, settled } from './support/browser.js';

let system: RunningSystem;
let browser: Browser;

const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3600_000).toISOString();
const suffix = Date.now().toString(36);
const cooking = `Samen koken ${suffix}`;
const garden = `Moestuin ${suffix}`;
let cookingId: string;
let staffActivityId: string;

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
  cookingId = (
    await api<{ id: string }>('staff', 'staff.employee', 'POST', '/api/client/v1/activities', {
      title: cooking,
      description: 'We maken **stamppot** met worst. Neem niets mee: alles is er.',
      location: 'De Kajuit, keuken',
      startsAt: at(48),
      endsAt: at(50),
      capacity: 6,
    })
  ).id;
  await api('staff', 'staff.employee', 'POST', '/api/client/v1/activities', {
    title: garden,
    description: 'Onkruid wieden en tomaten plukken.',
    location: 'Tuin achter de Kajuit',
    startsAt: at(72),
    endsAt: at(74),
    capacity: 1,
  });
  staffActivityId = (
    await api<{ id: string }>('staff', 'staff.employee', 'POST', '/api/staff/v1/activities', {
      title: `Teamlunch ${suffix}`,
      description: 'Voor alle collega’s van de Kajuit.',
      location: 'Kantine',
      startsAt: at(30),
      endsAt: at(31),
      capacity: 20,
    })
  ).id;
  await api('clients', 'client.member', 'PUT', `/api/client/v1/activities/${cookingId}/signup`, {});
  await api('staff', 'staff.mentor', 'PUT', `/api/staff/v1/activities/${staffActivityId}/signup`, {});
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('client portal: Activiteiten', () => {
  let page: Page;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('the activities page and one activity pass axe-core at 1280 and 390 px', async () => {
    await login(page, '/mijn/', 'client.member', 'clients');
    await page.goto(`${BASE}/mijn/activiteiten`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Activiteiten');
    // already signed up for cooking: it is among my activities, with "Je doet mee"
    const mine = page.locator('section', { has: page.getByRole('heading', { name: 'Mijn activiteiten' }) });
    expect(await mine.getByText(cooking).count()).toBe(1);
    expect(await mine.getByText('Je doet mee').count()).toBe(1);
    await checkPage(page, 'client', 'activiteiten');

    await page.getByRole('link', { name: cooking }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: cooking }).count()).toBe(1);
    expect(await page.locator('strong', { hasText: 'stamppot' }).count()).toBe(1);
    await checkPage(page, 'client', 'activiteit');
  });

  it('Ik doe mee and Ik doe niet meer mee, with the places left', async () => {
    await page.goto(`${BASE}/mijn/activiteiten`);
    await settled(page);
    const card = page.locator('article', { hasText: garden }).first();
    expect(await card.getByText('Nog 1 plek vrij').count()).toBe(1);
    await card.getByRole('button', { name: 'Ik doe mee' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Gelukt!');
    const mine = page.locator('section', { has: page.getByRole('heading', { name: 'Mijn activiteiten' }) });
    await expect.poll(() => mine.getByText(garden).count()).toBe(1);
    await checkPage(page, 'client', 'activiteiten-aangemeld');

    await mine
      .locator('article', { hasText: garden })
      .getByRole('button', { name: 'Ik doe niet meer mee' })
      .click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('niet meer mee');
    await expect.poll(() => mine.getByText(garden).count()).toBe(0);
  });

  it('shows the calendar link', async () => {
    await page.goto(`${BASE}/mijn/activiteiten`);
    await settled(page);
    await page.getByRole('button', { name: 'Toon mijn agenda-link' }).click();
    await expect
      .poll(() => page.getByLabel('Jouw agenda-link').inputValue())
      .toMatch(/\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await fetch(await page.getByLabel('Jouw agenda-link').inputValue());
    expect(await feed.text()).toContain(cooking);
  });
});

describe('staff portal: activities', () => {
  let page: Page;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('the list, a new activity and an activity with its participants pass axe-core at 1280 and 390 px', async () => {
    await login(page, '/', 'staff.employee', 'staff');
    await page.goto(`${BASE}/activiteiten`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Activiteiten');
    expect(await page.getByRole('link', { name: cooking }).count()).toBe(1);
    await checkPage(page, 'staff', 'activiteiten');

    // plan one through the form
    await page.getByText('Nieuwe activiteit').click();
    const day = new Date(Date.now() + 5 * 24 * 3600_000).toISOString().slice(0, 10);
    await page.getByLabel('Naam van de activiteit').fill(`Computerles ${suffix}`);
    await page.getByLabel('Beschrijving').fill('We leren e-mailen en videobellen.');
    await page.getByLabel('Plaats').fill('Leslokaal 1');
    await page.getByLabel('Datum').fill(day);
    await page.getByLabel('Begintijd').fill('10:00');
    await page.getByLabel('Eindtijd').fill('12:00');
    await page.getByLabel('Aantal plekken').fill('8');
    await page.getByRole('button', { name: 'Plaats activiteit' }).click();
    await expect.poll(() => page.getByRole('link', { name: `Computerles ${suffix}` }).count()).toBe(1);
    await checkPage(page, 'staff', 'activiteiten-nieuw');

    // the organiser sees who takes part, by name
    await page.goto(`${BASE}/activiteiten/client/${cookingId}`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe(cooking);
    const participants = page.locator('section', { has: page.getByRole('heading', { name: 'Deelnemers' }) });
    await expect.poll(() => participants.getByRole('listitem').count()).toBe(1);
    expect(await participants.getByText('Doet mee').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Meld cliënt aan' }).count()).toBe(1);
    await checkPage(page, 'staff', 'activiteit');
  });
});
