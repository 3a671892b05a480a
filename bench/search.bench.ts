// Search benchmark (not a test): 1,000,000 documents in the PostgreSQL full-text index, 20 concurrent
// searchers through the gateway; p50/p95/p99 of search and of suggest. Run: bash bench/run.sh search
import pg from 'pg';
import { load, report, token } from './lib.ts';

const GATEWAY = process.env['GATEWAY_URL'] ?? 'http://localhost:3300';
const KEYCLOAK = process.env['KEYCLOAK_URL'] ?? 'http://localhost:8080';
const DATABASE_URL = process.env['DATABASE_URL']!;
const DOCS = Number(process.env['BENCH_DOCS'] ?? 1_000_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

// A Dutch-like vocabulary of compounds (stem + stem + suffix: 54,080 words). Body words follow a skewed
// (Zipf-like) distribution, so a few words are common and most are rare, as in real text.
const STEMS = [
  'opvang',
  'huisvesting',
  'bewoner',
  'dagbesteding',
  'begeleiding',
  'nacht',
  'maatschappij',
  'werker',
  'rooster',
  'overleg',
  'kwaliteit',
  'handboek',
  'veiligheid',
  'brand',
  'activiteit',
  'inschrijving',
  'wijk',
  'locatie',
  'vrijwilliger',
  'ervaring',
  'medicatie',
  'zorg',
  'intake',
  'schuld',
  'uitkering',
  'woning',
  'sleutel',
  'keuken',
  'maaltijd',
  'tuin',
  'atelier',
  'schilder',
  'wandel',
  'sport',
  'gezondheid',
  'verslaving',
  'herstel',
  'coach',
  'mentor',
  'redactie',
  'nieuws',
  'column',
  'werkgroep',
  'vergadering',
  'notulen',
  'protocol',
  'melding',
  'incident',
  'privacy',
  'dossier',
  'rapport',
  'overdracht',
];
const SUFFIXES = [
  '',
  'en',
  's',
  'plan',
  'team',
  'dienst',
  'punt',
  'huis',
  'zaken',
  'beleid',
  'lijst',
  'dag',
  'avond',
  'week',
  'groep',
  'raad',
  'werk',
  'kamer',
  'hulp',
  'zorg',
];
const WORDS = STEMS.flatMap((a) => STEMS.flatMap((b) => SUFFIXES.map((x) => a + b + x)));
const V = WORDS.length;
/** The k-th most common word (the same skew as the generator's u^4). */
const commonWord = (i: number) => WORDS[Math.floor(V * ((i * 0.6180339887) % 1) ** 4)]!;
const rareWord = (i: number) => WORDS[(i * 7919) % V]!;

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
    await db.query('create temporary table words (i int primary key, w text not null)');
    await db.query('insert into words select i - 1, w from unnest($1::text[]) with ordinality as t(w, i)', [
      WORDS,
    ]);
    const u = (expr: string) => `(abs(hashint4(${expr}))::float8 / 2147483648.0)`;
    const batch = 50_000;
    for (let from = 0; from < DOCS; from += batch) {
      await db.query(
        `insert into search.documents (key, type, id, intranet, audience, group_id, author_id, hidden, title, body, updated_at)
         select 'post-' || g || '-' || intranet, 'post', g::text, intranet,
           case when g % 10 < 7 then 'organization' when g % 10 < 9 then 'group' else 'followers' end,
           case when g % 10 between 7 and 8 then ('00000000-0000-4000-8000-' || lpad((g % 300)::text, 12, '0'))::uuid end,
           ('00000000-0000-4000-9000-' || lpad((g % 3000)::text, 12, '0'))::uuid,
           g % 100 = 0,
           (select string_agg(w.w, ' ' order by k) from generate_series(1, 3) k join words w on w.i = floor(${V} * ${u('g * 3 + k + 7777777')})::int),
           (select string_agg(w.w, ' ' order by k) from generate_series(1, 12) k join words w on w.i = floor(${V} * ${u('g * 12 + k')} ^ 4)::int),
           now() - (g || ' seconds')::interval
         from generate_series($1::int, $2::int) g,
              lateral (select case when g % 3 = 0 then 'client' else 'staff' end as intranet) x`,
        [from + 1, Math.min(DOCS, from + batch)],
      );
      process.stdout.write('.');
    }
    await db.query('create index documents_tsv_idx on search.documents using gin (tsv)');
    await db.query('create index documents_title_prefix_idx on search.documents using gin (title_prefix)');
    await db.query('insert into search.terms (term) select w from words on conflict do nothing');
    await db.query('analyze search.documents');
    console.log(`\nseeded in ${Math.round((Date.now() - t) / 1000)} s`);
  }
  await db.end();
}

async function main(): Promise<void> {
  await seed();
  const staff = await token(KEYCLOAK, 'staff', 'staff.employee');
  const client = await token(KEYCLOAK, 'clients', 'client.member');
  const get = (path: string, t: string) =>
    fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${t}` } });
  const q = (path: string, word: string) => `${path}?q=${encodeURIComponent(word)}`;
  await load('warm-up', 4, 3, (w, i) => get(q('/api/staff/v1/search', rareWord(w * 1000 + i)), staff));
  const results = [
    await load(`search, one word (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      w % 4 === 0
        ? get(q('/api/client/v1/search', rareWord(w * 1000 + i)), client)
        : get(
            q('/api/staff/v1/search', i % 5 === 0 ? commonWord(w * 1000 + i) : rareWord(w * 1000 + i)),
            staff,
          ),
    ),
    await load(`search, two words (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(q('/api/staff/v1/search', `${commonWord(w * 1000 + i)} ${rareWord(w * 1000 + i)}`), staff),
    ),
    await load(`search, a common word only (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(q('/api/staff/v1/search', commonWord((w * 1000 + i) % 50)), staff),
    ),
    await load(`suggest, 4–7 letters (${CONNECTIONS} conc.)`, CONNECTIONS, SECONDS, (w, i) =>
      get(q('/api/staff/v1/search/suggest', rareWord(w * 1000 + i).slice(0, 4 + (i % 4))), staff),
    ),
  ];
  const totals = await Promise.all(
    [commonWord(1), commonWord(2), rareWord(5), rareWord(6)].map(async (word) => {
      const r = (await (await get(q('/api/staff/v1/search', word), staff)).json()) as { total: number };
      return `${word}: ${r.total}`;
    }),
  );
  console.log(
    `\n${DOCS} documents, ${V} distinct words. Matches visible to staff.employee (capped at 1000): ${totals.join(', ')}`,
  );
  report(results);
}

await main();
