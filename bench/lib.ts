// Shared helpers for the benchmark scripts (plain TypeScript, run with Node 24's type stripping).
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `connections` workers for `seconds` (bounded), each sending one request after another. */
export async function load(
  name: string,
  connections: number,
  seconds: number,
  request: (worker: number, i: number) => Promise<Response>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let i = 0; performance.now() < until && i < 1_000_000; i++) {
        const t = performance.now();
        try {
          const res = await request(worker, i);
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    seconds: Math.round(elapsed * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    rps: Math.round(latencies.length / elapsed),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function report(results: LoadResult[]): void {
  console.log('\n| what | requests | errors | p50 ms | p95 ms | p99 ms | req/s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} |`);
}

export async function token(keycloak: string, realm: string, username: string): Promise<string> {
  const res = await fetch(`${keycloak}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'plein-tests',
      username,
      password: 'plein-demo',
    }),
  });
  if (!res.ok) throw new Error(`token for ${username}: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
