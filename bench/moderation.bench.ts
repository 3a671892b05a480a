/**
 * Benchmark (not a test): the personal-data guard and the moderation queues.
 *
 * 1. The guard in-process (`findPersonalData` of @plein/auth, what timelines runs before each client post and
 *    comment): texts of 300 and 3,000 characters, with and without findings; checks per second and MB/s.
 *    `BENCH_GUARD_ONLY=1` runs only this part (no system needed).
 * 2. Through the gateway of a running system (`bash bench/run.sh moderation`): BENCH_SUBMISSIONS (5,000) client
 *    submissions and BENCH_REPORTS (2,000) open reports seeded straight into moderation's tables, then
 *      - the editorial queue, page 1      GET /api/client/v1/submissions?state=submitted   (staff.editor)
 *      - the report queue, page 1         GET /api/client/v1/reports                       (staff.moderator)
 *      - the guard over HTTP              POST /api/client/v1/guard/check                  (client.member)
 *    BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (15) each. Bench rows are marked and replaced.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { findPersonalData } from '../libs/auth/dist/index.js';
import { load, report, token } from './lib.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plein');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const SUBMISSIONS = Number(env('BENCH_SUBMISSIONS', '5000'));
const REPORTS = Number(env('BENCH_REPORTS', '2000'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '10'));
const SECONDS = Number(env('BENCH_SECONDS', '15'));

const CLEAN =
  'Vandaag hebben we met de groep van dinsdag soep gemaakt van de courgettes uit de moestuin. Iedereen hielp mee: ' +
  'snijden, roeren en afwassen. Volgende week proberen we pompoensoep, als de pompoenen op tijd rijp zijn. ';
const DIRTY =
  'Wie wil helpen? Bel me op 06-12345678 of mail naar jan.jansen@example.nl. Mijn BSN is 111222333 en het ' +
  'rekeningnummer NL91 ABNA 0417 1643 00; ik woon op de Kerkstraat 12a, 3511 AB. ';

function guardThroughput(): void {
  console.log('\n| guard text | chars | findings | checks/s | MB/s | µs per check |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, unit] of [
    ['running text, nothing found', CLEAN],
    ['running text with BSN, IBAN, phone, e-mail, address', DIRTY],
  ] as const) {
    for (const repeat of [1, 10]) {
      const text = unit.repeat(Math.max(1, Math.round((repeat * 300) / unit.length)));
      const findings = findPersonalData(text).length;
      let n = 0;
      const until = performance.now() + 2000;
      const t0 = performance.now();
      while (performance.now() < until) {
        findPersonalData(text);
        n++;
      }
      const s = (performance.now() - t0) / 1000;
      console.log(
        `| ${name} | ${text.length} | ${findings} | ${Math.round(n / s)} | ${((n * text.length) / s / 1e6).toFixed(1)} | ${((s / n) * 1e6).toFixed(0)} |`,
      );
    }
  }
}

async function seed(db: pg.Client): Promise<void> {
  const t0 = performance.now();
  await db.query('begin');
  await db.query(`delete from moderation.submissions where title like 'Bench stuk %'`);
  await db.query(`delete from moderation.reports where reason like 'Bench melding %'`);
  await db.query(
    `insert into moderation.submissions (id, intranet, author_id, title, body, state, created_at, updated_at)
     select gen_random_uuid(), 'client', gen_random_uuid(), 'Bench stuk ' || i, 'Een stuk om te meten, nummer ' || i,
            case when i % 3 = 0 then 'published' else 'submitted' end,
            now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
       from generate_series(1, $1) i`,
    [SUBMISSIONS],
  );
  await db.query(
    `insert into moderation.reports (id, intranet, content_type, content_id, reporter_id, reason, state, created_at)
     select gen_random_uuid(), 'client', 'post', gen_random_uuid(), gen_random_uuid(), 'Bench melding ' || i, 'open',
            now() - (i || ' minutes')::interval
       from generate_series(1, $1) i`,
    [REPORTS],
  );
  await db.query('commit');
  await db.query('analyze moderation.submissions, moderation.reports');
  console.log(
    `seeded ${SUBMISSIONS} submissions and ${REPORTS} reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

guardThroughput();
if (process.env['BENCH_GUARD_ONLY'] !== '1') {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await seed(db);
  await db.end();
  const editor = await token(KEYCLOAK, 'staff', 'staff.editor');
  const moderator = await token(KEYCLOAK, 'staff', 'staff.moderator');
  const client = await token(KEYCLOAK, 'clients', 'client.member');
  const get = (bearer: string, path: string) =>
    fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  report([
    await load('editorial queue, page 1', CONNECTIONS, SECONDS, () =>
      get(editor, '/api/client/v1/submissions?state=submitted'),
    ),
    await load('report queue, page 1', CONNECTIONS, SECONDS, () => get(moderator, '/api/client/v1/reports')),
    await load('guard over HTTP (300 chars)', CONNECTIONS, SECONDS, () =>
      fetch(`${GATEWAY}/api/client/v1/guard/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: DIRTY.repeat(2) }),
      }),
    ),
  ]);
}
