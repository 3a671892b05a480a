/**
 * Benchmark (not a test): the smoelenboek at the size of a large organisation, through the gateway.
 *
 * Seeds 10,000 staff profiles across 40 locations and 150 teams straight into the directory's tables of a
 * running system (`./plein up`), then measures p50/p95 of
 *   - "people at location X, page 1"  GET /api/staff/v1/people?location=X
 *   - "search by skill"               GET /api/staff/v1/people?skill=S
 * with a real staff token. Run:
 *   BENCH_GATEWAY=http://localhost:3000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/plein \
 *     node bench/directory-people.bench.ts
 * Options: BENCH_PROFILES (10000), BENCH_LOCATIONS (40), BENCH_TEAMS (150), BENCH_REQUESTS (300 per query),
 * BENCH_CONCURRENCY (4). Bench rows are marked (subject 'bench-…', names 'Bench …') and replaced on each run.
 */
import pg from 'pg';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plein');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const PROFILES = Number(env('BENCH_PROFILES', '10000'));
const LOCATIONS = Number(env('BENCH_LOCATIONS', '40'));
const TEAMS = Number(env('BENCH_TEAMS', '150'));
const REQUESTS = Number(env('BENCH_REQUESTS', '300'));
const CONCURRENCY = Number(env('BENCH_CONCURRENCY', '4'));
const SKILLS = 250;

async function seed(db: pg.Client): Promise<void> {
  const t0 = performance.now();
  await db.query('begin');
  await db.query(`delete from directory.profiles where subject like 'bench-%'`);
  await db.query(`delete from directory.teams where name like 'Bench team %'`);
  await db.query(`delete from directory.locations where name like 'Bench locatie %'`);
  await db.query(
    `insert into directory.locations (id, name, kind, street, postal_code, city)
     select gen_random_uuid(), 'Bench locatie ' || lpad(i::text, 3, '0'), 'kantoor', 'Benchstraat ' || i, '1000 AA', 'Benchstad'
       from generate_series(1, $1) i`,
    [LOCATIONS],
  );
  await db.query(
    `insert into directory.teams (id, name, purpose) select gen_random_uuid(), 'Bench team ' || lpad(i::text, 3, '0'), 'bench'
       from generate_series(1, $1) i`,
    [TEAMS],
  );
  await db.query(
    `insert into directory.team_locations (team_id, location_id)
     select t.id, l.id from (select id, row_number() over (order by name) - 1 as n from directory.teams where name like 'Bench team %') t
       join (select id, row_number() over (order by name) - 1 as n from directory.locations where name like 'Bench locatie %') l
         on l.n = t.n % $1`,
    [LOCATIONS],
  );
  // Three skills each out of a pool of 250 (Zipf-ish: low numbers are common).
  await db.query(
    `insert into directory.profiles (user_id, realm, subject, kind, username, first_name, last_name, display_name,
        sort_name, email, phone, about, skills, skill_keys, languages, start_date, identity_seen_at)
     select gen_random_uuid(), 'staff', 'bench-' || i, 'staff', 'bench.' || i, 'Bench', 'Persoon ' || lpad(i::text, 5, '0'),
            'Bench Persoon ' || lpad(i::text, 5, '0'), 'bench persoon ' || lpad(i::text, 5, '0'),
            'bench.' || i || '@plein.example', '+31 6 0000 ' || lpad(i::text, 4, '0'), 'Bench profiel',
            array['Vaardigheid ' || (i % 17), 'Vaardigheid ' || (i % $2), 'Vaardigheid ' || ((i * 7) % $2)],
            array['vaardigheid ' || (i % 17), 'vaardigheid ' || (i % $2), 'vaardigheid ' || ((i * 7) % $2)],
            array['Nederlands'], date '2015-01-01' + (i % 3650), now()
       from generate_series(1, $1) i`,
    [PROFILES, SKILLS],
  );
  await db.query(
    `insert into directory.profile_locations (user_id, location_id)
     select p.user_id, l.id from (select user_id, (substr(subject, 7))::int as n from directory.profiles where subject like 'bench-%') p
       join (select id, row_number() over (order by name) - 1 as n from directory.locations where name like 'Bench locatie %') l
         on l.n = p.n % $1 or l.n = (p.n * 13) % $1`,
    [LOCATIONS],
  );
  await db.query(
    `insert into directory.team_members (team_id, user_id)
     select t.id, p.user_id from (select user_id, (substr(subject, 7))::int as n from directory.profiles where subject like 'bench-%') p
       join (select id, row_number() over (order by name) - 1 as n from directory.teams where name like 'Bench team %') t
         on t.n = p.n % $1`,
    [TEAMS],
  );
  await db.query('commit');
  await db.query(
    'analyze directory.profiles, directory.profile_locations, directory.team_members, directory.teams, directory.locations',
  );
  console.log(
    `seeded ${PROFILES} profiles, ${LOCATIONS} locations, ${TEAMS} teams in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function token(): Promise<string> {
  const res = await fetch(`${KEYCLOAK}/realms/staff/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'plein-tests',
      username: 'staff.employee',
      password: 'plein-demo',
    }),
  });
  if (!res.ok) throw new Error(`no token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, paths: string[], bearer: string): Promise<void> {
  const get = async (path: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || !Array.isArray(body.items) || body.items.length === 0) {
      throw new Error(`${path} answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    return performance.now() - t;
  };
  for (let i = 0; i < 20; i++) await get(paths[i % paths.length]!); // warm-up
  const times: number[] = [];
  let next = 0;
  const wall = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        times.push(await get(paths[i % paths.length]!));
      }
    }),
  );
  const seconds = (performance.now() - wall) / 1000;
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(34)} n=${times.length} concurrency=${CONCURRENCY}  p50 ${percentile(times, 50).toFixed(1)} ms  ` +
      `p95 ${percentile(times, 95).toFixed(1)} ms  max ${times[times.length - 1]!.toFixed(1)} ms  ${(times.length / seconds).toFixed(0)} req/s`,
  );
}

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
try {
  await seed(db);
  const locations = (
    await db.query<{ id: string }>(
      `select id from directory.locations where name like 'Bench locatie %' order by name`,
    )
  ).rows.map((r) => r.id);
  const bearer = await token();
  await measure(
    'people at location X, page 1',
    locations.map((id) => `/api/staff/v1/people?location=${id}`),
    bearer,
  );
  await measure(
    'search by skill',
    Array.from(
      { length: 50 },
      (_, i) => `/api/staff/v1/people?skill=${encodeURIComponent(`vaardigheid ${(i * 5) % SKILLS}`)}`,
    ),
    bearer,
  );
} finally {
  await db.end();
}
