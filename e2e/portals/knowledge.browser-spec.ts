import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from '../support/system.js';
import { BASE, BROWSER_PORT, api, checkPage, launch, login, newContext, settled } from './support/browser.js';

let system: RunningSystem;
let browser: Browser;

let questionId: string;
let answerId: string;
let articleId: string;
let howtoId: string;

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
  // what the pages show: a question with an answer, an article with three versions, a how-to page
  const q = await api<{ id: string }>('staff', 'staff.employee', 'POST', '/api/staff/v1/questions', {
    title: 'Hoe regel ik vervoer naar de huisarts voor een cliënt?',
    body: 'Een cliënt moet morgen naar de huisarts maar kan niet zelf reizen.',
    tags: ['vervoer', 'zorg'],
  });
  questionId = q.id;
  answerId = (
    await api<{ id: string }>('staff', 'staff.mentor', 'POST', `/api/staff/v1/questions/${q.id}/answers`, {
      body: 'Vraag de regiotaxi aan via het locatiekantoor; de pas ligt in de kluis.',
    })
  ).id;
  const chapter = await api<{ id: string }>(
    'staff',
    'staff.editor',
    'POST',
    '/api/staff/v1/handbook/chapters',
    {
      slug: `huisregels-${Date.now()}`,
      title: 'Huisregels',
    },
  );
  const article = await api<{ id: string }>(
    'staff',
    'staff.editor',
    'POST',
    '/api/staff/v1/handbook/articles',
    {
      chapterId: chapter.id,
      title: 'Bezoek op de locatie',
      body: 'Bezoek is welkom tot 21.00 uur.',
      state: 'published',
      reviewBy: '2025-01-01',
    },
  );
  articleId = article.id;
  await api('staff', 'staff.editor', 'PATCH', `/api/staff/v1/handbook/articles/${articleId}`, {
    body: 'Bezoek is welkom tot 22.00 uur.\n\nMeld bezoek bij de balie.',
    changeNote: 'Later bezoek',
  });
  howtoId = (
    await api<{ id: string }>('staff', 'staff.mentor', 'POST', '/api/client/v1/howtos', {
      title: 'Hoe stel ik een vraag aan mijn begeleider?',
      body: 'Stuur een bericht op je tijdlijn, of vraag het bij de balie.\n\nJe begeleider helpt je graag.',
    })
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('staff portal: Kennisbank and Handboek', () => {
  let page: Page;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('every knowledge page passes axe-core at 1280 and 390 px', async () => {
    await login(page, '/', 'staff.editor', 'staff');
    const pages: [string, string, RegExp][] = [
      ['kennisbank', '/kennisbank', /^Kennisbank$/],
      ['kennisbank-onbeantwoord', '/kennisbank?filter=onbeantwoord', /^Kennisbank$/],
      ['vraag', `/kennisbank/${questionId}`, /vervoer naar de huisarts/],
      ['handboek', '/handboek', /^Kwaliteitshandboek$/],
      ['artikel', `/handboek/${articleId}`, /^Bezoek op de locatie$/],
      ['geschiedenis', `/handboek/${articleId}/geschiedenis`, /^Geschiedenis van het artikel$/],
      ['bewerken', `/handboek/${articleId}/bewerken`, /bewerken/],
      ['herzien', '/handboek/herzien', /^Te herzien$/],
    ];
    for (const [name, path, heading] of pages) {
      await page.goto(BASE + path);
      await settled(page);
      expect(await page.locator('h1').first().textContent(), path).toMatch(heading);
      await checkPage(page, 'staff', name);
    }
  });

  it('votes once on an answer and accepts it; the page shows it', async () => {
    await page.goto(`${BASE}/kennisbank/${questionId}`);
    await settled(page);
    await page.getByRole('button', { name: 'Nuttig', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Score 1');
    expect(await page.getByRole('button', { name: 'Nuttig', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // the editor may accept any answer
    await page.getByRole('button', { name: 'Dit antwoord accepteren' }).click();
    await expect.poll(() => page.getByText('Geaccepteerd antwoord').count()).toBe(1);
    const q = await api<{ acceptedAnswerId: string; answers: { score: number }[] }>(
      'staff',
      'staff.editor',
      'GET',
      `/api/staff/v1/questions/${questionId}`,
    );
    expect(q.acceptedAnswerId).toBe(answerId);
    expect(q.answers[0]?.score).toBe(1);
  });

  it('asks a question through the form and lands on its page', async () => {
    await page.goto(`${BASE}/kennisbank`);
    await settled(page);
    await page.getByLabel('Je vraag in één zin').fill('Mag een cliënt een huisdier meenemen naar de opvang?');
    await page.getByLabel('Onderwerpen').fill('huisregels, dieren');
    await page.getByRole('button', { name: 'Vraag stellen' }).click();
    await expect
      .poll(() => page.locator('h1').first().textContent())
      .toBe('Mag een cliënt een huisdier meenemen naar de opvang?');
    await checkPage(page, 'staff', 'vraag-nieuw');
  });

  it('shows the difference between two versions of an article', async () => {
    await page.goto(`${BASE}/handboek/${articleId}/geschiedenis`);
    await settled(page);
    expect(await page.getByRole('listitem').filter({ hasText: 'Later bezoek' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Verschil tonen' }).click();
    await expect.poll(() => page.locator('.pl-diff del').first().textContent()).toContain('21.00');
    expect(await page.locator('.pl-diff ins').first().textContent()).toContain('22.00');
    await checkPage(page, 'staff', 'geschiedenis-verschil');
  });
});

describe('client portal: Hoe werkt het?', () => {
  let page: Page;

  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('the how-to list and a page pass axe-core at 1280 and 390 px', async () => {
    await login(page, '/mijn/', 'client.member', 'clients');
    await page.goto(`${BASE}/mijn/hoe-werkt-het`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Hoe werkt het?');
    await page.getByRole('link', { name: 'Hoe stel ik een vraag aan mijn begeleider?' }).click();
    await expect
      .poll(() => page.locator('h1').first().textContent())
      .toBe('Hoe stel ik een vraag aan mijn begeleider?');
    expect(page.url()).toContain(howtoId);
    await checkPage(page, 'client', 'hoe-werkt-het-pagina');
    await page.goto(`${BASE}/mijn/hoe-werkt-het`);
    await settled(page);
    await checkPage(page, 'client', 'hoe-werkt-het');
  });
});
