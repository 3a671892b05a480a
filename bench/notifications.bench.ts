/**
 * Benchmark (not a test): notifications at the size of a large organisation (`bash bench/run.sh notifications`).
 *
 * 1. Fan-out (on the benchmark's own NATS, BENCH_NATS_URL): BENCH_EVENTS (2,000) timelines events published onto JetStream as timelines publishes them (as NATS
 *    user `timelines`, with its own permissions): one post each, mentioning BENCH_MENTIONS (5) people, so 10,000
 *    notifications; plus one announcement asking everyone to confirm (computed at read time: one row, whatever
 *    the number of readers). Measured: how long until the notifications service has handled them all
 *    (its inbox), as events and notifications per second.
 * 2. Reading: BENCH_UNREAD (500) unread notifications for staff.employee seeded into the tables, then
 *      GET /api/staff/v1/notifications/unread-count   and   GET /api/staff/v1/notifications (page 1)
 *    with a real token, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (15) each.
 * Bench rows are marked (content keys 'post:' of posts whose author is the bench author) and replaced on each run.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { load, report, token } from './lib.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plein');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const NATS_URL = env('BENCH_NATS_URL', 'nats://127.0.0.1:4222');
const EVENTS = Number(env('BENCH_EVENTS', '2000'));
const MENTIONS = Number(env('BENCH_MENTIONS', '5'));
const UNREAD = Number(env('BENCH_UNREAD', '500'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '10'));
const SECONDS = Number(env('BENCH_SECONDS', '15'));
const localPassword = (name: string) =>
  process.env[name] ??
  readFileSync('deploy/nats/local.env', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`))!
    .slice(name.length + 1);

const BENCH_AUTHOR = '00000000-0000-4000-8000-00000000be0c';
const bearer = await token(KEYCLOAK, 'staff', 'staff.employee');
const me = (await (
  await fetch(`${GATEWAY}/api/staff/v1/me`, { headers: { authorization: `Bearer ${bearer}` } })
).json()) as { id: string };

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
await db.query(`delete from notifications.notifications where actor_id = $1`, [BENCH_AUTHOR]);
await db.query(`delete from notifications.contents where author_id = $1`, [BENCH_AUTHOR]);

// ---- 1. fan-out ----
const nc = await connect({
  servers: NATS_URL,
  user: 'timelines',
  pass: localPassword('NATS_TIMELINES_PASSWORD'),
  inboxPrefix: '_INBOX_timelines',
});
const js = jetstream(nc);
const envelope = (type: string, data: unknown) => ({
  id: randomUUID(),
  type,
  occurredAt: new Date().toISOString(),
  source: 'timelines',
  version: 1,
  data,
});
const recipients = Array.from({ length: 200 }, () => randomUUID());
const ids: string[] = [];
const t0 = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const postId = randomUUID();
  const post = envelope('plein.timelines.post.created', {
    postId,
    intranet: 'staff',
    type: i === 0 ? 'announcement' : 'post',
    audience: 'organization',
    groupId: null,
    authorId: BENCH_AUTHOR,
    namedUserIds: [],
    hidden: false,
    body: `Bench bericht ${i}`,
    title: i === 0 ? 'Bench mededeling' : null,
    createdAt: new Date().toISOString(),
    ...(i === 0 ? { requiresConfirmation: true } : {}),
  });
  await js.publish(post.type, JSON.stringify(post), { msgID: post.id });
  ids.push(post.id);
  for (let m = 0; m < MENTIONS; m++) {
    const mention = envelope('plein.timelines.mention.created', {
      postId,
      mentionedUserId: m === 0 && i < UNREAD ? me.id : recipients[(i * MENTIONS + m) % recipients.length],
      byUserId: BENCH_AUTHOR,
      intranet: 'staff',
    });
    await js.publish(mention.type, JSON.stringify(mention), { msgID: mention.id });
    ids.push(mention.id);
  }
}
const published = (performance.now() - t0) / 1000;
for (;;) {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from notifications.inbox where event_id = any($1::uuid[])',
    [ids],
  );
  if (rows[0]!.n === ids.length) break;
  if (performance.now() - t0 > 600_000)
    throw new Error(`only ${rows[0]!.n} of ${ids.length} handled in 10 min`);
  await new Promise((r) => setTimeout(r, 250));
}
const handled = (performance.now() - t0) / 1000;
await nc.drain();
const made = (
  await db.query<{ n: number }>(
    'select count(*)::int as n from notifications.notifications where actor_id = $1',
    [BENCH_AUTHOR],
  )
).rows[0]!.n;
console.log(
  `fan-out: ${ids.length} events (${EVENTS} posts, ${EVENTS * MENTIONS} mentions) published in ${published.toFixed(1)} s, ` +
    `all handled after ${handled.toFixed(1)} s: ${Math.round(ids.length / handled)} events/s, ` +
    `${made} notifications (${Math.round(made / handled)}/s); the announcement is 1 row for every reader`,
);
await db.query('analyze notifications.notifications, notifications.contents');
await db.end();

// ---- 2. reading ----
const get = (path: string) => fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
const count = (await (await get('/api/staff/v1/notifications/unread-count')).json()) as { count: number };
console.log(`staff.employee has ${count.count} unread notifications`);
report([
  await load('unread count', CONNECTIONS, SECONDS, () => get('/api/staff/v1/notifications/unread-count')),
  await load('notifications, page 1', CONNECTIONS, SECONDS, () => get('/api/staff/v1/notifications')),
]);
