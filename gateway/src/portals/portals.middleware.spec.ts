import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePortals } from './portals.middleware.js';

/** The portals are public static files; they must never shadow the API or answer for unknown things. */
describe('servePortals', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'plein-portals-'));
    for (const [portal, title] of [
      ['staff', 'medewerkers'],
      ['client', 'cliënten'],
    ] as const) {
      mkdirSync(join(root, portal, 'dist', 'assets'), { recursive: true });
      writeFileSync(join(root, portal, 'dist', 'index.html'), `<title>${title}</title>`);
      writeFileSync(join(root, portal, 'dist', 'assets', 'app-123.js'), `// ${portal}`);
    }
    const app = express();
    app.use(servePortals({ root, keycloakUrl: 'http://localhost:8080' }));
    app.use((req, res) => res.status(404).type('application/problem+json').send('{"code":"not_found"}'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const page = (path: string) => fetch(base + path, { headers: { accept: 'text/html,*/*' } });

  it('serves the staff portal at / and its pages, with a content security policy', async () => {
    for (const path of ['/', '/smoelenboek', '/groepen/abc']) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe('<title>medewerkers</title>');
      expect(res.headers.get('content-security-policy')).toContain(
        "connect-src 'self' http://localhost:8080",
      );
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the client portal at /mijn/ and redirects /mijn there', async () => {
    for (const path of ['/mijn/', '/mijn/profiel']) {
      const res = await page(path);
      expect(await res.text(), path).toBe('<title>cliënten</title>');
    }
    const redirect = await fetch(`${base}/mijn?als=medewerker`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/mijn/?als=medewerker');
  });

  it('an index.html asked for by name has the same security headers as the page', async () => {
    for (const [path, title] of [
      ['/index.html', 'medewerkers'],
      ['/mijn/index.html', 'cliënten'],
    ] as const) {
      for (const accept of ['text/html', '*/*']) {
        const res = await fetch(base + path, { headers: { accept } });
        expect(res.status, path).toBe(200);
        expect(await res.text()).toBe(`<title>${title}</title>`);
        expect(res.headers.get('content-security-policy'), path).toBe(
          (await page('/')).headers.get('content-security-policy'),
        );
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      }
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const staff = await fetch(`${base}/assets/app-123.js`);
    expect(await staff.text()).toBe('// staff');
    expect(staff.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${base}/mijn/assets/app-123.js`)).text()).toBe('// client');
  });

  it('never answers for /api or /health, other methods, missing files, or non-browser requests', async () => {
    for (const path of ['/api/staff/v1/bestaat-niet', '/api', '/health/nergens']) {
      expect((await page(path)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/nergens`)).status).toBe(404); // fetch's default Accept is */*
    expect((await page('/assets/missing.js')).status).toBe(404);
    expect((await page('/mijn/assets/missing.js')).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await page('/../package.json')).status).toBe(404);
  });
  it('sends scripts and pages brotli- or gzip-compressed when the browser takes it', async () => {
    // compressed in the background when the gateway starts: ready within moments
    let br = await fetch(`${base}/mijn/assets/app-123.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    for (let i = 0; i < 50 && br.headers.get('content-encoding') !== 'br'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      br = await fetch(`${base}/mijn/assets/app-123.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    }
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toContain('text/javascript');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // fetch decodes it: the text is the file's
    expect(await br.text()).toBe('// client');
    const gz = await fetch(`${base}/assets/app-123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe('// staff');
    const page = await fetch(`${base}/groepen`, {
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toBe('<title>medewerkers</title>');
    // a browser that takes neither gets the file as it is
    const plain = await fetch(`${base}/assets/app-123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('// staff');
  });
});
