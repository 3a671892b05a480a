/**
 * Benchmark (not a test): the home feed, page 1, through the gateway, at 50 concurrent connections, on an
 * organisation of 3,000 people, 300 groups and 500,000 posts. Seeds with set-based SQL (generate_series)
 * straight into the timelines schema of a running system's database, then loads the gateway.
 *
 *   PLEIN_PORT=3220 PLEIN_DB=plein_tl_bench NATS_URL=nats://127.0.0.1:4244 ./plein up
 *   BENCH_DB=postgres://postgres@127.0.0.1:5432/plein_tl_bench BENCH_URL=http://localhost:3220 \
 *     node bench/timelines-home-feed.ts
 *
 * Environment: BENCH_DB, BENCH_URL, KEYCLOAK_URL (http://localhost:8080), BENCH_USER (staff.employee),
 * BENCH_CONNECTIONS (50), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5), BENCH_POSTS (500000),
 * BENCH_PATH (the home feed), BENCH_SWEEP (1,10: fewer connections, 10 s each, measured after the main run, to show the latency without queueing).
 */
import http from 'node:http';
import pg from 'pg';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const DB = env('BENCH_DB', 'postgres://postgres@127.0.0.1:5432/plein_tl_bench');
const URL_BASE = new URL(env('BENCH_URL', 'http://localhost:3220'));
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const USERNAME = env('BENCH_USER', 'staff.employee');
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '50'));
const SECONDS = Number(env('BENCH_SECONDS', '30'));
const WARMUP = Number(env('BENCH_WARMUP_SECONDS', '5'));
const USERS = 3000;
const GROUPS = 300;
const POSTS = Number(env('BENCH_POSTS', '500000'));
/** What is loaded: the home feed; BENCH_PATH=/api/staff/v1/me (or /health/live) measures the chain's floor. */
const PATH = env('BENCH_PATH', '/api/staff/v1/feed/home');

if (!/bench/.test(new URL(DB).pathname))
  throw new Error('BENCH_DB must be a database whose name contains "bench"');

async function token(): Promise<string> {
  const res = await fetch(`${KEYCLOAK}/realms/staff/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'plein-tests',
      username: USERNAME,
      password: env('PLEIN_DEMO_PASSWORD', 'plein-demo'),
    }),
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function myId(bearer: string): Promise<string> {
  const res = await fetch(new URL('/api/staff/v1/me', URL_BASE), {
    headers: { authorization: `Bearer ${bearer}` },
  });
  if (!res.ok) throw new Error(`/me: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Deterministic, RFC 4122-shaped (version 4) uuids for the synthetic rows, as the contracts demand. */
const uuid = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
const U = (expr: string) => uuid(`'bench-user-' || (${expr})`);
const G = (expr: string) => uuid(`'bench-group-' || (${expr})`);
const P = (expr: string) => uuid(`'bench-post-' || (${expr})`);

async function seed(db: pg.Client, me: string): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from timelines.users where username like 'bench.%'`,
  );
  if (rows[0]!.n === USERS) {
    console.log('seed: already there');
  } else {
    const t = Date.now();
    await db.query('begin');
    await db.query(`insert into timelines.users (id, realm, username, display_name)
      select ${U('i')}, 'staff', 'bench.' || i, 'Medewerker ' || i from generate_series(1, ${USERS}) i`);
    await db.query(`insert into timelines.groups (id, intranet, name, description, kind, created_by)
      select ${G('g')}, 'staff', 'Werkgroep ' || g, '', case when g % 3 = 0 then 'closed' else 'open' end, ${U('g % ' + USERS + ' + 1')}
      from generate_series(0, ${GROUPS - 1}) g`);
    // every person in 3 groups
    await db.query(`insert into timelines.group_members (group_id, user_id, state)
      select ${G(`(i * 7 + k * 101) % ${GROUPS}`)}, ${U('i')}, case when k = 0 then 'admin' else 'member' end
      from generate_series(1, ${USERS}) i, generate_series(0, 2) k on conflict do nothing`);
    // every person follows 30 others
    await db.query(`insert into timelines.follows (follower_id, followee_id)
      select ${U('i')}, ${U(`(i + k * 97) % ${USERS} + 1`)} from generate_series(1, ${USERS}) i, generate_series(1, 30) k
      where (i + k * 97) % ${USERS} + 1 <> i on conflict do nothing`);
    console.log(`seed: people, groups, memberships, follows in ${Date.now() - t} ms`);
    // 500,000 posts: 70% organisation, 15% followers, 10% group, 5% private; 90% staff intranet, 10% client
    const t2 = Date.now();
    await db.query(`insert into timelines.posts (id, intranet, type, audience, group_id, author_id, named_user_ids, body, created_at)
      select ${P('i')},
        case when i % 10 = 9 then 'client' else 'staff' end,
        'post',
        a.audience,
        case when a.audience = 'group' then ${G(`(x.author * 7 + (i % 3) * 101) % ${GROUPS}`)} end,
        ${U('x.author')},
        case when a.audience = 'private' then array[${U(`(x.author + 1) % ${USERS} + 1`)}, ${U(`(x.author + 2) % ${USERS} + 1`)}] else '{}' end,
        'Bericht ' || i || ': ' || repeat('Vandaag op de locatie was het druk maar gezellig. ', 1 + i % 6),
        now() - ((${POSTS} - i) * interval '20 seconds')
      from generate_series(1, ${POSTS}) i
      cross join lateral (select 1 + (hashint4(i) & 2147483647) % ${USERS} as author) x
      cross join lateral (select case when i % 20 < 14 then 'organization' when i % 20 < 17 then 'followers'
                                      when i % 20 < 19 then 'group' else 'private' end as audience) a`);
    console.log(`seed: ${POSTS} posts in ${Date.now() - t2} ms`);
    const t3 = Date.now();
    await db.query(`insert into timelines.reactions (post_id, user_id, kind)
      select ${P(`1 + (hashint4(j) & 2147483647) % ${POSTS}`)}, ${U(`1 + (hashint4(j + 7) & 2147483647) % ${USERS}`)},
        (array['like','heart','thanks','laugh','support'])[1 + j % 5]
      from generate_series(1, 300000) j on conflict do nothing`);
    await db.query(`insert into timelines.comments (id, post_id, author_id, body)
      select ${uuid("'bench-comment-' || j")}, ${P(`1 + (hashint4(j + 3) & 2147483647) % ${POSTS}`)},
        ${U(`1 + (hashint4(j + 11) & 2147483647) % ${USERS}`)}, 'Mooi zo!'
      from generate_series(1, 100000) j`);
    console.log(`seed: 300,000 reactions and 100,000 comments in ${Date.now() - t3} ms`);
    await db.query('commit');
  }
  // the benchmarking person is an ordinary member of the organisation: follows 30 people, is in 3 groups
  await db.query(
    `insert into timelines.follows (follower_id, followee_id)
    select $1::uuid, ${U('k * 89 % ' + USERS + ' + 1')} from generate_series(1, 30) k on conflict do nothing`,
    [me],
  );
  await db.query(
    `insert into timelines.group_members (group_id, user_id, state)
    select ${G('k * 37')}, $1::uuid, 'member' from generate_series(1, 3) k on conflict do nothing`,
    [me],
  );
  // as autovacuum would in time: statistics, and the visibility map that lets the feed scans be index-only
  await db.query(
    'vacuum analyze timelines.posts, timelines.follows, timelines.group_members, timelines.reactions, timelines.comments',
  );
}

interface Result {
  latencies: number[];
  statuses: Map<number, number>;
  bytes: number;
}

async function load(
  bearer: string,
  seconds: number,
  connections = CONNECTIONS,
): Promise<Result & { elapsed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const result: Result = { latencies: [], statuses: new Map(), bytes: 0 };
  const until = Date.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          agent,
          host: URL_BASE.hostname,
          port: URL_BASE.port,
          path: PATH,
          headers: { authorization: `Bearer ${bearer}` },
        },
        (res) => {
          let size = 0;
          res.on('data', (c: Buffer) => (size += c.length));
          res.on('end', () => {
            result.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            result.statuses.set(res.statusCode ?? 0, (result.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            result.bytes += size;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  const t = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) await once();
    }),
  );
  const elapsed = (Date.now() - t) / 1000;
  agent.destroy();
  return { ...result, elapsed };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const bearer = await token();
const me = await myId(bearer);
const db = new pg.Client({ connectionString: DB });
await db.connect();
try {
  await seed(db, me);
  const counts = await db.query(`select (select count(*) from timelines.posts)::int as posts,
    (select count(*) from timelines.users)::int as users, (select count(*) from timelines.groups)::int as groups`);
  console.log('organisation:', counts.rows[0]);
} finally {
  await db.end();
}
const sample = await fetch(new URL('/api/staff/v1/feed/home', URL_BASE), {
  headers: { authorization: `Bearer ${bearer}` },
});
const page = (await sample.json()) as { items: { audience: string }[]; nextCursor?: string };
console.log(
  `page 1: ${sample.status}, ${page.items.length} items (${[...new Set(page.items.map((i) => i.audience))].join(', ')}), next cursor ${page.nextCursor ? 'yes' : 'no'}`,
);

const summary = (r: Result & { elapsed: number }, connections: number) => {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    connections,
    seconds: r.elapsed,
    requests: sorted.length,
    requestsPerSecond: Math.round(sorted.length / r.elapsed),
    statuses: Object.fromEntries(r.statuses),
    latencyMs: {
      p50: +pct(sorted, 50).toFixed(1),
      p95: +pct(sorted, 95).toFixed(1),
      p99: +pct(sorted, 99).toFixed(1),
      max: +sorted[sorted.length - 1]!.toFixed(1),
    },
    avgBytes: Math.round(r.bytes / sorted.length),
  };
};

await load(bearer, WARMUP);
console.log(JSON.stringify(summary(await load(bearer, SECONDS), CONNECTIONS), null, 2));
for (const connections of env('BENCH_SWEEP', '1,10').split(',').filter(Boolean).map(Number)) {
  const s = summary(await load(bearer, 10, connections), connections);
  console.log(
    `${connections} connection(s): ${s.requestsPerSecond} req/s, p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms, p99 ${s.latencyMs.p99} ms, statuses ${JSON.stringify(s.statuses)}`,
  );
}
