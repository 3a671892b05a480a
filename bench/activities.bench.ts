/**
 * Benchmark (not a test): activities through the gateway.
 *
 * Seeds BENCH_ACTIVITIES (2,000) client-intranet activities over the coming months straight into the activities
 * service's tables of a running system (`bash bench/run.sh activities`), then measures
 *   - the list of the coming week, as a client      GET /api/client/v1/activities?to=…
 *   - one activity (places left, my sign-up)         GET /api/client/v1/activities/{id}
 *   - sign up and cancel on ONE activity at once     PUT + DELETE /api/staff/v1/activities/{id}/signup
 *     (BENCH_CONNECTIONS distinct staff people on the same row lock, capacity 5: a waiting list forms and moves
 *     up with every cancellation), then checks that the capacity was never exceeded.
 * Real tokens, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (15) each. Bench rows are marked (titles
 * 'Bench activiteit …') and replaced on each run.
 */
import pg from 'pg';
import { load, report, token } from './lib.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plein');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const ACTIVITIES = Number(env('BENCH_ACTIVITIES', '2000'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '10'));
const SECONDS = Number(env('BENCH_SECONDS', '15'));
/** Staff demo people (deploy/seed/keycloak/staff-overlay.json): one per connection of the sign-up scenario. */
const STAFF = [
  'fatima.elamrani',
  'pieter.deboer',
  'anouk.hendriks',
  'mohammed.yilmaz',
  'ingrid.vandijk',
  'ruben.smit',
  'noor.willems',
  'hans.vermeulen',
  'priya.ramdin',
  'thijs.kuipers',
  'marieke.bos',
  'youssef.benali',
  'wendy.meijer',
  'bart.mulder',
  'esther.postma',
  'kevin.martina',
];

async function seed(db: pg.Client): Promise<string[]> {
  const t0 = performance.now();
  await db.query('begin');
  await db.query(`delete from activities.activities where title like 'Bench activiteit %'`);
  await db.query(
    `insert into activities.activities (id, intranet, audience, organiser_id, title, description, location,
            starts_at, ends_at, signup_deadline, capacity)
     select gen_random_uuid(), 'client', 'organization', gen_random_uuid(), 'Bench activiteit ' || i,
            'Een activiteit om te meten, nummer ' || i, 'Locatie ' || (i % 20),
            now() + (i * 90 || ' minutes')::interval, now() + (i * 90 + 60 || ' minutes')::interval,
            now() + (i * 90 || ' minutes')::interval, 10
       from generate_series(1, $1) i`,
    [ACTIVITIES],
  );
  // a few sign-ups on the near ones, so places left are counted
  await db.query(
    `insert into activities.signups (id, activity_id, user_id, person_kind, state, queued_at, confirmed_at)
     select gen_random_uuid(), a.id, gen_random_uuid(), 'client', 'confirmed', now(), now()
       from activities.activities a cross join generate_series(1, 4)
      where a.title like 'Bench activiteit %'`,
  );
  await db.query('commit');
  await db.query('analyze activities.activities, activities.signups');
  const { rows } = await db.query<{ id: string }>(
    `select id from activities.activities where title like 'Bench activiteit %' order by starts_at limit 200`,
  );
  console.log(`seeded ${ACTIVITIES} activities in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return rows.map((r) => r.id);
}

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const ids = await seed(db);
const client = await token(KEYCLOAK, 'clients', 'client.member');
const get = (path: string) => fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${client}` } });
const week = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();

// the hot activity: staff intranet, 5 places, everyone at once
const organiser = await token(KEYCLOAK, 'staff', 'staff.employee');
const hot = await fetch(`${GATEWAY}/api/staff/v1/activities`, {
  method: 'POST',
  headers: { authorization: `Bearer ${organiser}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    title: `Bench activiteit druk ${Date.now()}`,
    location: 'Kantine',
    startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 30 * 24 * 3600_000 + 3600_000).toISOString(),
    capacity: 5,
  }),
});
if (hot.status !== 201) throw new Error(`could not make the hot activity: ${hot.status} ${await hot.text()}`);
const hotId = ((await hot.json()) as { id: string }).id;
const people = await Promise.all(STAFF.slice(0, CONNECTIONS).map((u) => token(KEYCLOAK, 'staff', u)));
const signupPath = `${GATEWAY}/api/staff/v1/activities/${hotId}/signup`;
let overbooked = 0;
let watching = false;
const watcher = setInterval(() => {
  if (watching) return;
  watching = true;
  void db
    .query<{ n: number }>(
      `select count(*)::int as n from activities.signups where activity_id = $1 and state = 'confirmed'`,
      [hotId],
    )
    .then(({ rows }) => {
      if (rows[0]!.n > 5) overbooked++;
    })
    .finally(() => (watching = false));
}, 50);

const results = [
  await load('coming week, as a client', CONNECTIONS, SECONDS, () =>
    get(`/api/client/v1/activities?to=${encodeURIComponent(week)}`),
  ),
  await load('one activity (places left, my sign-up)', CONNECTIONS, SECONDS, (w, i) =>
    get(`/api/client/v1/activities/${ids[(w * 31 + i) % ids.length]}`),
  ),
  await load(`sign up / cancel, ${CONNECTIONS} people on 5 places`, CONNECTIONS, SECONDS, (w, i) =>
    fetch(signupPath, {
      method: i % 2 === 0 ? 'PUT' : 'DELETE',
      headers: { authorization: `Bearer ${people[w]}`, 'content-type': 'application/json' },
      ...(i % 2 === 0 ? { body: '{}' } : {}),
    }),
  ),
];
clearInterval(watcher);
report(results);
const promoted = await db.query<{ n: number }>(
  `select count(*)::int as n from activities.outbox where type = 'plein.activities.signup.promoted'
      and envelope->'data'->>'activityId' = $1`,
  [hotId],
);
console.log(
  `\nhot activity: ${promoted.rows[0]!.n} promotions from the waiting list; samples with more than 5 confirmed: ${overbooked}`,
);
await db.end();
