import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, KEYCLOAK, checkPage, launch, newContext, pageWidths } from './support/browser.js';

/**
 * The Keycloak login pages of both realms, the hardest step for a client: Plein's login theme
 * (deploy/keycloak/themes, `loginTheme` in the realm files) gives them the portals' look, plain "je"-Dutch,
 * one field per line, large type and targets for clients, and "Wachtwoord vergeten? Vraag je begeleider"
 * instead of an e-mail reset. Checked like the portals' pages: axe at 1280 and 390 px, no sideways scrolling,
 * screenshots (staff-login-*.png, client-login-*.png). Needs only the Keycloak the run uses, not the system.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const REALMS = {
  staff: { realm: 'staff', clientId: 'plein-staff-portal', path: '/' },
  client: { realm: 'clients', clientId: 'plein-client-portal', path: '/mijn/' },
} as const;

/** Keycloak's login page of a portal's realm, as the portal's "Inloggen" button opens it (Dutch). */
async function openLogin(page: Page, portal: keyof typeof REALMS): Promise<void> {
  const { realm, clientId, path } = REALMS[portal];
  const url = new URL(`${KEYCLOAK}/realms/${realm}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: BASE + path,
    response_type: 'code',
    scope: 'openid',
    state: randomUUID(),
    ui_locales: 'nl',
    // the portals' clients require PKCE (S256)
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  await page.goto(url.href);
  await page.locator('#kc-form-login').waitFor();
}

const fontSize = (page: Page, selector: string) =>
  page.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('${selector}')).fontSize)`);
const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not on the page`);
  return b;
};

describe('the login pages', () => {
  for (const portal of ['staff', 'client'] as const) {
    it(`${portal}: Plein's look and plain Dutch, one field per line, accessible at 1280 and 390 px`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      try {
        await openLogin(page, portal);
        expect(await page.locator('body.plein').count(), "Plein's login theme is not in use").toBe(1);
        expect(await page.locator('html').getAttribute('lang')).toBe('nl');
        await expect.poll(() => page.locator('h1').innerText()).toBe('Inloggen');
        // plain "je"-Dutch: no formal "u"/"uw" anywhere on the page
        const words = (await page.locator('body').innerText()).toLowerCase().split(/[^\p{L}]+/u);
        expect(words).not.toContain('uw');
        expect(words).not.toContain('u');
        // no e-mail reset link; where to go with a forgotten password instead
        expect(await page.locator('a[href*="reset-credentials"]').count()).toBe(0);
        const help = await page.locator('#plein-forgot-password').innerText();
        expect(help).toContain('Wachtwoord vergeten?');
        if (portal === 'client') expect(help).toContain('Vraag je begeleider');
        // one field per line: the password field is below the username field, the button below both
        expect((await box(page, '#password')).y).toBeGreaterThan((await box(page, '#username')).y);
        expect((await box(page, '#kc-login')).y).toBeGreaterThan((await box(page, '#password')).y);
        // large type and targets for clients, as in the client portal (20 px text, 56 px controls)
        if (portal === 'client') {
          expect(await fontSize(page, '#username')).toBeGreaterThanOrEqual(20);
          expect((await box(page, '#kc-login')).height).toBeGreaterThanOrEqual(56);
        } else {
          expect((await box(page, '#kc-login')).height).toBeGreaterThanOrEqual(44);
        }
        await checkPage(page, portal, 'login');

        // a wrong password is answered in the same plain Dutch, still without sideways scrolling on a phone
        await page.locator('#username').fill(`niemand-${randomUUID().slice(0, 8)}`);
        await page.locator('#password').fill('verkeerd-wachtwoord');
        await page.locator('#kc-login').click();
        await expect
          .poll(() => page.locator('#input-error, .kc-feedback-text, .pf-v5-c-alert').allInnerTexts())
          .toEqual(expect.arrayContaining([expect.stringContaining('klopt niet')]));
        await checkPage(page, portal, 'login-error');
        await page.setViewportSize({ width: 390, height: 844 });
        const widths = await pageWidths(page);
        expect(widths.document).toBe(widths.viewport);
      } finally {
        await context.close();
      }
    });
  }
});
