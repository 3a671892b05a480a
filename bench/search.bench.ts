// Search benchmark (not a test): 1,000,000 documents in the PostgreSQL full-text index, 20 concurrent
// searchers through the gateway; p50/p95/p99 of search and of suggest. Run: bash bench/search.sh
import pg from 'pg';
import { load, report, token } from './lib.ts';

const GATEWAY = process.env['GATEWAY_URL'] ?? 'http://localhost:3300';
const KEYCLOAK = process.env['KEYCLOAK_URL'] ?? 'http://localhost:8080';
const DATABASE_URL = process.env['DATABASE_URL']!;
const DOCS = Number(process.env['BENCH_DOCS'] ?? 1_000_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

// A Dutch vocabulary for generated text: every document takes 12 words from it.
const STEMS = [
  'opvang', 'huisvesting', 'bewoner', 'dagbesteding', 'begeleiding', 'nachtopvang', 'maatschappelijk', 'werker',
  'rooster', 'overleg', 'kwaliteit', 'handboek', 'veiligheid', 'brandoefening', 'activiteit', 'inschrijving',
  'wijkteam', 'locatie', 'vrijwilliger', 'ervaringsdeskundige', 'medicatie', 'zorgplan', 'intake', 'schuldhulp',
  'uitkering', 'woning', 'sleutel', 'keuken', 'maaltijd', 'tuin', 'atelier', 'schilderen', 'wandelen', 'sporten',
  'gezondheid', 'verslaving', 'herstel', 'coach', 'mentor', 'redactie', 'nieuwsbrief', 'column', 'werkgroep',
  'vergadering', 'notulen', 'protocol', 'melding', 'incident', 'privacy', 'dossier', 'rapportage', 'overdracht',
];
const SUFFIXES = ['', 'en', 's', 'plan', 'team', 'dienst', 'punt', 'huis', 'zaken', 'beleid', 'lijst', 'dag', 'avond', 'week', 'groep', 'raad', 'werk', 'kamer', 'hulp', 'zorg'];
const WORDS = STEMS.flatMap((s) => SUFFIXES.map((x) => s + x)); // 1,040 words

async function seed(): Promise<void> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ n: string }>('select count(*) as n from search.documents');
  if (Number(rows[0]!.n) >= DOCS) {
    console.log(`index already holds ${rows[0]!.n} documents`);
  } else {
    console.log(`seeding ${DOCS} documents …`);
    const t = Date.now();
    await db.query('truncate search.documents');
    await db.query('drop index if exists search.documents_tsv_idx');
    await db.query('drop index if exists search.documents_title_prefix_idx');
    const words = `array[${WORDS.map((w) => `'${w}'`).join(',')}]`;
    const batch = 100_000;
    for (let from = 0; from < DOCS; from += batch) {
      await db.query(
        `insert into search.documents (key, type, id, intranet, audience, group_id, author_id, hidden, title, body, updated_at)
         select 'post-' || g || '-' || intranet, 'post', g::text, intranet,
           case when g % 10 < 7 then 'organization' when g % 10 < 9 then 'group' else 'followers' end,
           case when g % 10 between 7 and 8 then ('00000000-0000-4000-8000-' || lpad((g % 300)::text, 12, '0'))::uuid end,
           ('00000000-0000-4000-9000-' || lpad((g % 3000)::text, 12, '0'))::uuid,
           g % 100 = 0,
           w[1 + (g * 7) % ${WORDS.length}] || ' ' || w[1 + (g * 13) % ${WORDS.length}] || ' ' || w[1 + (g * 31) % ${WORDS.length}],
           (select string_agg(w[1 + ((g * 101 + i * 977) % ${WORDS.length})], ' ') from generate_series(1, 12) i),
           now() - (g || ' seconds')::interval
         from generate_series($1::int, $2::int) g,
              lateral (select case when g % 3 = 0 then 'client' else 'staff' end as intranet) x,
              lateral (select ${words} as w) v`,
        [from + 1, Math.min(DOCS, from + batch)],
      );
      process.stdout.write('.');
    }
    await db.query('create index documents_tsv_idx on search.documents using gin (tsv)');
    await db.query('create index documents_title_prefix_idx on search.documents using gin (title_prefix)');
    await db.query(`insert into search.terms (term) select unnest(${words}) on conflict do nothing`);
    await db.query('analyze search.documents');
    console.log(`\nseeded in ${Math.round((Date.now() - t) / 1000)} s`);
  }
  await db.end();
}

async function main(): Promise<void> {
  await seed();
  const staff = await token(KEYCLOAK, 'staff', 'staff.employee');
  const client = await token(KEYCLOAK, 'clients', 'client.member');
  const pick = (i: number, n: number) => WORDS[(i * 7919 + n * 104729) % WORDS.length]!;
  const get = (path: string, t: string) => fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${t}` } });
  // warm up
  await load('warm-up', 4, 3, (w, i) => get(`/api/staff/v1/search?q=${pick(w, i)}`, staff));
  const results = [
    await load(`search, one word, staff (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(`/api/staff/v1/search?q=${encodeURIComponent(pick(w, i))}`, w % 4 === 0 ? client : staff).then((r) => r),
    ),
    await load(`search, two words (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(`/api/staff/v1/search?q=${encodeURIComponent(`${pick(w, i)} ${pick(w + 1, i + 3)}`)}`, staff),
    ),
    await load(`suggest, 3–6 letters (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(`/api/staff/v1/search/suggest?q=${encodeURIComponent(pick(w, i).slice(0, 3 + (i % 4)))}`, staff),
    ),
  ];
  const sample = (await (await get(`/api/staff/v1/search?q=${WORDS[5]}`, staff)).json()) as { total: number };
  console.log(`\n${DOCS} documents; a one-word query matches about ${sample.total} of them for staff.employee.`);
  report(results);
}

await main();
