/**
 * Benchmark (not a test): a 200 MB document uploaded and downloaded through the gateway of a running system
 * (`bash bench/run.sh documents`), measuring
 *   - how much the gateway's and the documents service's resident memory (RSS, sampled every 20 ms from
 *     /proc/<pid>/status) grows above what it was before (target: under 64 MB each: the file is streamed);
 *   - the upload's and the download's throughput, next to the disk's own (dd, 200 × 1 MiB, fdatasync) and
 *     next to what Node's HTTP alone does over loopback on this machine (a bare server in its own process that
 *     only discards the upload or serves the file from disk: the ceiling any Node gateway has here).
 * The file is plain text (so the service reads only its first part for search) and byte-identical on the way
 * back (SHA-256). BENCH_MB sets the size; DOCUMENTS_MAX_BYTES must allow it (run.sh sets 256 MiB).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { token } from './lib.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const RUN = env('BENCH_RUN_DIR', '.local/bench-documents');
const MB = Number(env('BENCH_MB', '200'));
const SIZE = MB * 1024 * 1024;

const rssKb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
};
const pidOf = (app: string): number => Number(readFileSync(join(RUN, `${app}.pid`), 'utf8').trim());

/** Samples the RSS of each process while `work` runs; answers the work's result and the peak growth in MB. */
async function watched<T>(pids: Record<string, number>, work: () => Promise<T>) {
  const base = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, rssKb(pid)]));
  const peak = { ...base };
  const timer = setInterval(() => {
    for (const [k, pid] of Object.entries(pids)) peak[k] = Math.max(peak[k]!, rssKb(pid));
  }, 20);
  const t0 = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    const growth = Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, (v - base[k]!) / 1024]));
    return {
      result,
      seconds,
      growth,
      base: Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v / 1024])),
    };
  } finally {
    clearInterval(timer);
  }
}

async function makeFile(path: string): Promise<string> {
  const line = Buffer.from(
    'Plein benchmarkregel: een document dat groter is dan het geheugen mag gebruiken.\n',
  );
  const chunk = Buffer.concat(
    Array.from({ length: Math.ceil((1024 * 1024) / line.length) }, () => line),
  ).subarray(0, 1024 * 1024);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let i = 0; i < MB; i++) {
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return hash.digest('hex');
}

function upload(
  path: string,
  folderId: string,
  bearer: string,
  target = `${GATEWAY}/api/staff/v1/files`,
): Promise<{ status: number; body: string }> {
  const boundary = `----plein-bench-${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="folderId"\r\n\r\n${folderId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="groot-bestand.txt"\r\n` +
      'Content-Type: text/plain\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + SIZE + tail.length),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    file.pipe(req, { end: false });
    file.on('end', () => req.end(tail));
    file.on('error', reject);
  });
}

async function download(
  id: string,
  bearer: string,
  target = `${GATEWAY}/api/staff/v1/files/${id}/content`,
): Promise<{ sha: string; bytes: number }> {
  const res = await fetch(target, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  if (!res.ok || !res.body) throw new Error(`download: ${res.status}`);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha: hash.digest('hex'), bytes };
}

/**
 * A bare Node HTTP server in its own process: POST reads and drops the body, GET streams `file` from disk. What
 * it reaches is the ceiling of HTTP over loopback in Node on this machine, with no parsing, hashing or storing.
 */
async function bareServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    const http = require('node:http'); const fs = require('node:fs');
    const server = http.createServer((req, res) => {
      if (req.method === 'POST') { req.resume(); req.on('end', () => res.end('{}')); return; }
      res.setHeader('content-type', 'text/plain'); fs.createReadStream(${JSON.stringify(file)}).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

function dd(path: string): { write: number; read: number } {
  const mbps = (out: string) => {
    const m = /(\d+) bytes .* copied, ([\d.]+) s/.exec(out);
    return m ? Number(m[1]) / Number(m[2]) / 1024 / 1024 : NaN;
  };
  const write = mbps(
    execFileSync('sh', ['-c', `dd if=/dev/zero of=${path} bs=1M count=${MB} conv=fdatasync 2>&1`], {
      encoding: 'utf8',
    }),
  );
  const read = mbps(
    execFileSync('sh', ['-c', `dd if=${path} of=/dev/null bs=1M 2>&1`], { encoding: 'utf8' }),
  );
  rmSync(path, { force: true });
  return { write, read };
}

const bearer = await token(KEYCLOAK, 'staff', 'staff.employee');
await fetch(`${GATEWAY}/api/staff/v1/me`, { headers: { authorization: `Bearer ${bearer}` } });
const folder = await fetch(`${GATEWAY}/api/staff/v1/folders`, {
  method: 'POST',
  headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: `Benchmark ${new Date().toISOString()}` }),
});
if (folder.status !== 201) throw new Error(`folder: ${folder.status} ${await folder.text()}`);
const folderId = ((await folder.json()) as { id: string }).id;

const path = join(RUN, 'bench-document.txt');
const sha = await makeFile(path);
const pids = { gateway: pidOf('gateway'), documents: pidOf('documents') };

const up = await watched(pids, () => upload(path, folderId, bearer));
if (up.result.status !== 201) throw new Error(`upload: ${up.result.status} ${up.result.body}`);
const file = JSON.parse(up.result.body) as { id: string; sha256: string; size: number };
if (file.sha256 !== sha || file.size !== SIZE) throw new Error('upload: the stored file is not the one sent');
const down = await watched(pids, () => download(file.id, bearer));
if (down.result.sha !== sha || down.result.bytes !== SIZE) throw new Error('download: not byte-identical');
const bare = await bareServer(path);
const t1 = performance.now();
await upload(path, folderId, bearer, `${bare.url}/`);
const bareUp = (performance.now() - t1) / 1000;
const t2 = performance.now();
const bareDown = await download(file.id, bearer, `${bare.url}/`);
const bareDownSeconds = (performance.now() - t2) / 1000;
bare.child.kill();
if (bareDown.sha !== sha) throw new Error('bare download: not byte-identical');
rmSync(path, { force: true });
const disk = dd(join(RUN, 'dd.tmp'));

const f = (n: number) => n.toFixed(1);
console.log(`\n## documents — one ${MB} MB file through the gateway (disk storage)\n`);
console.log('| what | seconds | MB/s | gateway RSS growth | documents RSS growth |');
console.log('|---|---|---|---|---|');
console.log(
  `| upload | ${f(up.seconds)} | ${f(MB / up.seconds)} | ${f(up.growth['gateway']!)} MB | ${f(up.growth['documents']!)} MB |`,
);
console.log(
  `| download | ${f(down.seconds)} | ${f(MB / down.seconds)} | ${f(down.growth['gateway']!)} MB | ${f(down.growth['documents']!)} MB |`,
);
console.log(
  `| bare Node HTTP over loopback (the ceiling) | up ${f(bareUp)}, down ${f(bareDownSeconds)} | up ${f(MB / bareUp)}, down ${f(MB / bareDownSeconds)} | | |`,
);
console.log(
  `| disk (dd, 1 MiB blocks) | | write ${f(disk.write)} (fdatasync), read ${f(disk.read)} (page cache) | | |`,
);
console.log(
  `\nRSS before: gateway ${f(up.base['gateway']!)} MB, documents ${f(up.base['documents']!)} MB. SHA-256 identical both ways.`,
);
