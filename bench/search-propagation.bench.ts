// Propagation benchmark (not a test): create a post through the gateway, then poll search until it is
// found; the delay is post created → searchable, through outbox → JetStream → durable consumer → index.
// Run: bash bench/run.sh search-propagation
import { performance } from 'node:perf_hooks';
import { token } from './lib.ts';

const GATEWAY = process.env['GATEWAY_URL'] ?? 'http://localhost:3310';
const KEYCLOAK = process.env['KEYCLOAK_URL'] ?? 'http://localhost:8080';
const POSTS = Number(process.env['BENCH_POSTS'] ?? 100);

const staff = await token(KEYCLOAK, 'staff', 'staff.employee');
const headers = { authorization: `Bearer ${staff}`, 'content-type': 'application/json' };
const delays: number[] = [];
for (let i = 0; i < POSTS; i++) {
  const word = `meetwoord${Date.now().toString(36)}x${i}`;
  const t = performance.now();
  const created = await fetch(`${GATEWAY}/api/staff/v1/posts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      body: `Propagatiemeting ${word}: koffie in de kantine.`,
      audience: 'organization',
    }),
  });
  if (created.status !== 201) throw new Error(`post failed: ${created.status} ${await created.text()}`);
  for (;;) {
    const res = await fetch(`${GATEWAY}/api/staff/v1/search?q=${word}`, { headers });
    const body = (await res.json()) as { total: number };
    if (body.total > 0) break;
    if (performance.now() - t > 10_000) throw new Error(`post ${i} not searchable after 10 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  delays.push(performance.now() - t);
}
delays.sort((a, b) => a - b);
const p = (q: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!);
console.log(`\n${POSTS} posts, created → searchable (ms, includes the POST itself, polled every 10 ms):`);
console.log(
  `| p50 | p95 | p99 | max |\n|---|---|---|---|\n| ${p(0.5)} | ${p(0.95)} | ${p(0.99)} | ${Math.round(delays.at(-1)!)} |`,
);
