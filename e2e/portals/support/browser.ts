import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { DEMO_PASSWORD, fetchToken } from '@plein/testing';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; ./plein test installs it from Debian's packages when it is missing. */
export const CHROMIUM = process.env['PLEIN_CHROMIUM'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'screenshots');
export const WIDTHS = { desktop: 1280, phone: 390 } as const;
export type Width = keyof typeof WIDTHS;

/**
 * The port the browser tests' gateway listens on. Keycloak only sends a login back to addresses its
 * portal clients allow (deploy/seed/keycloak: ports 3000, 3100, 3110, 3120, 3130), so it is fixed:
 * PLEIN_BROWSER_PORT, else PLEIN_SMOKE_PORT (both are test gateways, never running at the same time).
 */
export const BROWSER_PORT = Number(
  process.env['PLEIN_BROWSER_PORT'] ?? process.env['PLEIN_SMOKE_PORT'] ?? 3100,
);
export const BASE = `http://localhost:${BROWSER_PORT}`;
/** The Keycloak the portals log in with (its login pages are on this origin): the one the tests run against. */
export const KEYCLOAK = (process.env['KEYCLOAK_URL'] ?? 'http://localhost:8080').replace(/\/+$/, '');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run the tests with ./plein test (it installs Debian's chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: WIDTHS.desktop, height: 900 },
    locale: 'nl-NL',
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/**
 * Logs in through the real Keycloak login page of the portal's realm: the portal's welcome page, its
 * "Inloggen" button, Keycloak's form, and back to the portal with a session.
 */
export async function login(
  page: Page,
  portalPath: '/' | '/mijn/',
  username: string,
  realm: 'staff' | 'clients',
): Promise<void> {
  await page.goto(BASE + portalPath);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/${realm}/`));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(BASE + portalPath) && !url.search.includes('code='));
  await expect.poll(() => page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(1);
}

/** Waits until the page has its heading and nothing is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.locator('.pl-state--loading').count(), { timeout: 20_000 }).toBe(0);
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (WCAG 2.0–2.2 A/AA and best practices); returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    )
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Whether the page scrolls sideways: the document is wider than the viewport (a long e-mail address, a
 * table, a button that does not wrap). Returns both widths so a failure says by how much.
 */
export async function pageWidths(page: Page): Promise<{ document: number; viewport: number }> {
  // A string, as axe's script above: the tests are compiled without the DOM's types.
  return page.evaluate<{ document: number; viewport: number }>(
    `({ document: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })`,
  );
}

/**
 * For one page: at desktop and phone width, check it with axe-core (zero serious or critical
 * violations), check that it does not scroll sideways (document width equals viewport width), and save a
 * full-page screenshot as `<portal>-<name>-<width>.png` in e2e/screenshots/.
 */
export async function checkPage(page: Page, portal: 'staff' | 'client', name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [width, px] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width: px, height: width === 'phone' ? 844 : 900 });
    await settled(page);
    const violations = await seriousViolations(page);
    expect(violations, `${portal} ${name} at ${px}px: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    const widths = await pageWidths(page);
    expect(widths.document, `${portal} ${name} scrolls sideways at ${px}px`).toBe(widths.viewport);
    await page.screenshot({ path: resolve(SCREENSHOTS, `${portal}-${name}-${px}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

/** The bearer token the portal sends to the API, read from its own requests. */
export function captureToken(page: Page, apiPrefix: string): () => string | undefined {
  let token: string | undefined;
  page.on('request', (request) => {
    const auth = request.headers()['authorization'];
    if (request.url().startsWith(BASE + apiPrefix) && auth?.startsWith('Bearer ')) token = auth.slice(7);
  });
  return () => token;
}

/** Calls the gateway of the browser tests as a demo person; fails the test on an error answer. */
export const api = async <T>(
  realm: 'staff' | 'clients',
  user: string,
  method: string,
  path: string,
  body?: unknown,
) => {
  const res = await fetch(BASE + path, {
    method,
    headers: {
      authorization: `Bearer ${await fetchToken(realm, user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
};
