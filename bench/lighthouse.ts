// Lighthouse (mobile preset: a mid-range phone on a slow 4G connection, simulated throttling) on both portals'
// welcome pages (not logged in) and home pages (logged in as a demo user), in Debian's Chromium.
// Run by bench/lighthouse.sh (node runs this TypeScript as it is), which installs a pinned Lighthouse into .local/lighthouse and starts the system.
//
//   LIGHTHOUSE_BASE   the gateway serving the built portals (http://localhost:3160)
//   LIGHTHOUSE_RUNS   runs per page; the median run's scores are reported (3)
//   LIGHTHOUSE_PAGES  which pages, comma-separated (staff-welcome,staff-home,client-welcome,client-home)
//
// The home pages: the portals keep their tokens in memory only, so a logged-in page is a page whose browser has
// a Keycloak session. Each home run starts a fresh Chromium, logs in through the real Keycloak form (puppeteer),
// then Lighthouse loads the home page with that browser's cookies kept (disableStorageReset). What is measured
// is what a returning user gets: the portal's files, the silent single sign-on round trip to Keycloak, the
// token, the API calls and the first screen of the feed. The browser's HTTP cache is cleared before each run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Lighthouse is installed apart from the workspace (bench/lighthouse.sh, pinned), so its modules are loaded
// from there and typed here by the little this script uses of them.
interface Lhr {
  finalDisplayedUrl: string;
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<
    string,
    | { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }
    | undefined
  >;
}
type Lighthouse = (
  url: string,
  flags: Record<string, unknown>,
) => Promise<{ lhr: Lhr; report: string } | undefined>;
interface Chrome {
  port: number;
  kill: () => void | Promise<void>;
}
interface PuppeteerPage {
  goto: (url: string, options: object) => Promise<unknown>;
  locator: (selector: string) => { click: () => Promise<void> };
  waitForSelector: (selector: string, options?: object) => Promise<unknown>;
  type: (selector: string, text: string) => Promise<void>;
  click: (selector: string) => Promise<void>;
  waitForNavigation: (options: object) => Promise<unknown>;
  createCDPSession: () => Promise<{ send: (method: string) => Promise<unknown> }>;
  close: () => Promise<void>;
  setDefaultTimeout: (ms: number) => void;
  screenshot: (options: { path: string }) => Promise<unknown>;
  url: () => string;
}
interface Puppeteer {
  connect: (options: { browserURL: string }) => Promise<{
    newPage: () => Promise<PuppeteerPage>;
    disconnect: () => Promise<void>;
  }>;
}

const modules = resolve(process.env['LIGHTHOUSE_MODULES'] ?? '.local/lighthouse');
const require = createRequire(join(modules, 'package.json'));
const lighthouse = ((await import(require.resolve('lighthouse'))) as { default: Lighthouse }).default;
const chromeLauncher = (await import(require.resolve('chrome-launcher'))) as {
  launch: (options: { chromePath: string; chromeFlags: string[] }) => Promise<Chrome>;
};
const puppeteer = ((await import(require.resolve('puppeteer-core'))) as { default: Puppeteer }).default;
const lighthouseVersion = (
  JSON.parse(readFileSync(require.resolve('lighthouse/package.json'), 'utf8')) as { version: string }
).version;

const BASE = (process.env['LIGHTHOUSE_BASE'] ?? 'http://localhost:3160').replace(/\/+$/, '');
const RUNS = Number(process.env['LIGHTHOUSE_RUNS'] ?? 3);
const CHROME = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
const PASSWORD = process.env['LIGHTHOUSE_PASSWORD'] ?? 'plein-demo';
const OUT = resolve(process.env['LIGHTHOUSE_OUT'] ?? '.local/lighthouse/reports');
mkdirSync(OUT, { recursive: true });

interface Target {
  name: string;
  path: string;
  login?: { user: string };
}
interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  scriptKb: number;
  finalUrl: string;
}

const PAGES: Target[] = [
  { name: 'staff-welcome', path: '/' },
  { name: 'staff-home', path: '/', login: { user: 'staff.employee' } },
  { name: 'client-welcome', path: '/mijn/' },
  { name: 'client-home', path: '/mijn/', login: { user: 'client.member' } },
];
const wanted = (process.env['LIGHTHOUSE_PAGES'] ?? '').split(',').filter(Boolean);

async function logIn(port: number, path: string, user: string): Promise<void> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const page = await browser.newPage();
  // a busy machine and a shared Keycloak can be slow to log in
  page.setDefaultTimeout(90_000);
  await page.goto(BASE + path, { waitUntil: 'networkidle0' });
  await page.locator('.pl-welcome__card button').click();
  await page.waitForSelector('#username');
  await page.type('#username', user);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('#kc-login')]);
  try {
    await page.waitForSelector('nav[aria-label="Hoofdmenu"]');
  } catch (error) {
    await page.screenshot({ path: join(OUT, `login-failed-${user}.png`) });
    throw new Error(`${user} did not get to the portal (at ${page.url()})`, { cause: error });
  }
  // Lighthouse measures a cold HTTP cache; the Keycloak session cookie stays.
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  await page.close();
  await browser.disconnect();
}

async function measure(target: Target, run: number): Promise<Scores> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    if (target.login) await logIn(chrome.port, target.path, target.login.user);
    const result = await lighthouse(
      BASE + target.path,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        disableStorageReset: Boolean(target.login),
      },
      // the default configuration: mobile form factor, simulated slow 4G and a 4x slower CPU
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${target.name}`);
    const lhr = result.lhr;
    writeFileSync(join(OUT, `${target.name}-${run}.json`), result.report);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcp: ms('first-contentful-paint'),
      lcp: ms('largest-contentful-paint'),
      tbt: ms('total-blocking-time'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
      scriptKb: Math.round(
        ((lhr.audits['resource-summary']?.details?.items ?? []).find((i) => i.resourceType === 'script')
          ?.transferSize ?? NaN) / 1024,
      ),
      finalUrl: lhr.finalDisplayedUrl,
    };
  } finally {
    await chrome.kill();
  }
}

console.log(`Lighthouse ${lighthouseVersion}, mobile preset, ${RUNS} run(s) per page, ${BASE}`);
console.log(
  '| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | script (KB, transferred) |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const target of PAGES) {
  if (wanted.length && !wanted.includes(target.name)) continue;
  const runs: Scores[] = [];
  for (let run = 1; run <= RUNS; run += 1) runs.push(await measure(target, run));
  runs.sort((a, b) => a.performance - b.performance);
  const m = runs[Math.floor(runs.length / 2)]!;
  const all = runs.map((r) => r.performance).join('/');
  console.log(
    `| ${target.name} | ${m.performance} (${all}) | ${m.accessibility} | ${m.bestPractices} | ${(m.fcp / 1000).toFixed(1)} s | ${(m.lcp / 1000).toFixed(1)} s | ${m.tbt} ms | ${m.cls.toFixed(3)} | ${m.scriptKb} |`,
  );
}
console.log(`reports: ${OUT}`);
