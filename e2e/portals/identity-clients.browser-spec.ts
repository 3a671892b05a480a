import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from '../support/keycloak-users.js';
import { type RunningSystem, startSystem } from '../support/system.js';
import {
  BASE,
  BROWSER_PORT,
  KEYCLOAK,
  checkPage,
  launch,
  login,
  newContext,
  settled,
} from './support/browser.js';

/**
 * A mentor makes a client account on "Mijn cliënten" and hands over the start code; the client logs in with it
 * through the real Keycloak login page, must choose a new password there, and reaches the client portal. The
 * mentor then sees that the start code was used. Checked with axe at 1280 and 390 px.
 */
let system: RunningSystem;
let browser: Browser;
const created: TestPerson[] = [];
const tag = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  system = await startSystem({ port: BROWSER_PORT });
  browser = await launch();
}, 120_000);
afterAll(async () => {
  for (const p of created) await deleteKeycloakUser(p).catch(() => undefined);
  await browser?.close();
  await system?.close();
});

const clientRow = (page: Page, username: string) => page.locator('tr', { hasText: username });

describe('a client’s first login with a start code', () => {
  let username = '';
  let startCode = '';
  let mentorPage: Page;

  it('the mentor makes the account on Mijn cliënten', async () => {
    const mentor = await createKeycloakUser('staff', `Mentor${tag}`, 'Browser', ['mentor']);
    created.push(mentor);
    mentorPage = await (await newContext(browser)).newPage();
    await login(mentorPage, '/', mentor.username, 'staff');
    await mentorPage
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Mijn cliënten' })
      .click();
    await settled(mentorPage);
    await checkPage(mentorPage, 'staff', 'clients-empty');
    await mentorPage.getByLabel('Voornaam').fill(`Sanne${tag}`);
    await mentorPage.getByLabel('Achternaam (mag leeg)').fill('de Wit');
    await mentorPage.getByRole('button', { name: 'Maak het account' }).click();
    await mentorPage.getByRole('heading', { name: `Het account van Sanne${tag} de Wit is klaar` }).waitFor();
    username = `sanne${tag}.dewit`;
    await expect.poll(() => mentorPage.getByText(`Startcode voor ${username}`).count()).toBe(1);
    startCode = (
      await mentorPage.locator('strong', { hasText: /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/ }).innerText()
    ).trim();
    expect(startCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect.poll(() => clientRow(mentorPage, username).count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => clientRow(mentorPage, username).innerText())
      .toContain('Startcode nog niet gebruikt');
    await checkPage(mentorPage, 'staff', 'clients');
  });

  it('the client logs in with the start code, must choose a password, and reaches the client portal', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${BASE}/mijn/`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/clients/`));
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(startCode);
    await page.locator('#kc-login').click();
    // Keycloak's required action: a new password before anything else
    await page.locator('#password-new').waitFor();
    const password = `Eigen-wachtwoord-${tag}`;
    await page.locator('#password-new').fill(password);
    await page.locator('#password-confirm').fill(password);
    await page.locator('form button[type=submit], form input[type=submit]').first().click();
    await page.waitForURL((url) => url.href.startsWith(`${BASE}/mijn/`) && !url.search.includes('code='));
    await expect.poll(() => page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(1);
    await settled(page);
  });

  it('the mentor sees that the start code was used; the letter is no longer printable', async () => {
    await eventually(
      async () => {
        await mentorPage.reload();
        await settled(mentorPage);
        return clientRow(mentorPage, username).innerText();
      },
      (text) => text.includes('Heeft ingelogd'),
      15_000,
    );
    expect(
      await clientRow(mentorPage, username).getByRole('button', { name: 'Print de startbrief' }).count(),
    ).toBe(0);
  });
});

describe('an administrator on Beheer', () => {
  it('compares Keycloak with deploy/keycloak, and erases a person with the report of every service', async () => {
    const admin = await createKeycloakUser('staff', `Beheer${tag}`, 'Browser', ['admin']);
    const leaver = await createKeycloakUser('staff', `Vertrek${tag}`, 'Browser');
    created.push(admin, leaver);
    // the leaver logged in once, so Plein knows them
    const leaverPage = await (await newContext(browser)).newPage();
    await login(leaverPage, '/', leaver.username, 'staff');
    const page = await (await newContext(browser)).newPage();
    await login(page, '/', admin.username, 'staff');
    await page.getByRole('link', { name: 'Beheer' }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Vergelijk met deploy/keycloak' }).click();
    await page.getByText('Geen verschillen: Keycloak is gelijk aan deploy/keycloak.').waitFor();

    const row = page.getByRole('row').filter({ hasText: leaver.username });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('Actief');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Wissen (AVG)' }).click();
    await page.getByText('Klaar: elke dienst heeft het bevestigd').waitFor({ timeout: 15_000 });
    const report = page.getByRole('table', { name: 'Wissing van gegevens' });
    for (const service of ['identity', 'directory', 'timelines', 'knowledge', 'search'])
      expect(await report.getByRole('row').filter({ hasText: service }).count()).toBe(1);
    expect(await row.count()).toBe(0);
    await checkPage(page, 'staff', 'beheer-erasure');
  });
});
