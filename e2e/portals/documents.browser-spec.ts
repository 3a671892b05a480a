import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fetchToken } from '@plein/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/documents.js';
import { type RunningSystem, startSystem } from '../support/system.js';
import { BASE, BROWSER_PORT, api, checkPage, launch, login, newContext, settled } from './support/browser.js';

let system: RunningSystem;
let browser: Browser;
const FIXTURES = resolve(import.meta.dirname, '../../deploy/seed/documents');

const uploadAs = async (
  realm: 'staff' | 'clients',
  user: string,
  tree: string,
  folderId: string,
  file: string,
  title: string,
) => {
  const { body, contentType } = multipart([
    { name: 'folderId', value: folderId },
    { name: 'title', value: title },
    { name: 'file', filename: file, content: await readFile(join(FIXTURES, file)) },
  ]);
  const res = await fetch(`${BASE}/api/${tree}/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await fetchToken(realm, user)}`, 'content-type': contentType },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
};

let folderId: string;
let fileId: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'plein-documents-browser-'));
  system = await startSystem({ port: BROWSER_PORT, documents: { STORAGE_DIR: dir } });
  browser = await launch();
  folderId = (
    await api<{ id: string }>('staff', 'staff.employee', 'POST', '/api/staff/v1/folders', {
      name: `Protocollen ${Date.now()}`,
    })
  ).id;
  fileId = (
    await uploadAs(
      'staff',
      'staff.employee',
      'staff',
      folderId,
      'protocol-agressie.docx',
      'Protocol agressie',
    )
  ).id;
  const clientFolder = await api<{ id: string }>('staff', 'staff.mentor', 'POST', '/api/client/v1/folders', {
    name: 'Huisregels en formulieren',
  });
  await uploadAs('staff', 'staff.mentor', 'client', clientFolder.id, 'huisregels.pdf', 'Huisregels De Linde');
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('staff portal: Documenten', () => {
  let page: Page;
  beforeAll(async () => {
    page = await (await newContext(browser)).newPage();
  });

  it('the documents pages pass axe-core at 1280 and 390 px', async () => {
    await login(page, '/', 'staff.employee', 'staff');
    const pages: [string, string, RegExp][] = [
      ['documenten', '/documenten', /^Documenten$/],
      ['map', `/documenten/mappen/${folderId}`, /^Protocollen/],
      ['bestand', `/documenten/bestanden/${fileId}`, /^Protocol agressie$/],
      ['prullenbak', '/documenten/prullenbak', /^Prullenbak$/],
    ];
    for (const [name, path, heading] of pages) {
      await page.goto(BASE + path);
      await settled(page);
      expect(await page.locator('h1').first().textContent(), path).toMatch(heading);
      await checkPage(page, 'staff', name);
    }
  });

  it('uploads a file through the form (with progress) and shows its versions', async () => {
    await page.goto(`${BASE}/documenten/mappen/${folderId}`);
    await settled(page);
    await page
      .getByLabel('Bestand', { exact: true })
      .setInputFiles(join(FIXTURES, 'aanmeldformulier-dagbesteding.pdf'));
    await page.getByLabel('Titel (optioneel)').fill('Aanmelden dagbesteding');
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Aanmelden dagbesteding' }).count()).toBe(1);
    const listed = await api<{ files: { title: string; mimeType: string }[] }>(
      'staff',
      'staff.employee',
      'GET',
      `/api/staff/v1/folders/${folderId}`,
    );
    expect(listed.files.map((f) => [f.title, f.mimeType])).toContainEqual([
      'Aanmelden dagbesteding',
      'application/pdf',
    ]);
    await page.getByRole('button', { name: 'Versies' }).first().click();
    await expect.poll(() => page.getByText('Huidige versie').count()).toBeGreaterThan(0);
    await checkPage(page, 'staff', 'map-na-upload');
  });
});

describe('client portal: Papieren', () => {
  it('shows the documents meant for clients, with big buttons, and passes axe-core', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, '/mijn/', 'client.member', 'clients');
    await page.goto(`${BASE}/mijn/papieren`);
    await settled(page);
    expect(await page.locator('h1').first().textContent()).toBe('Papieren');
    await expect.poll(() => page.getByRole('heading', { name: 'Huisregels De Linde' }).count()).toBe(1);
    // nothing of the staff intranet
    expect(await page.getByText('Protocol agressie').count()).toBe(0);
    const button = page.getByRole('button', { name: /Bekijken of opslaan/ }).first();
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await checkPage(page, 'client', 'papieren');
  });
});
