import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A real S3-compatible server for tests: `TEST_S3_ENDPOINT` when set (./plein test starts one), otherwise
 * s3proxy started here by `deploy/local/s3proxy.sh` (downloaded once from Maven Central, run on the machine's
 * Java with a filesystem backend), on `TEST_S3PROXY_PORT` (default: the test NATS port + 5000). Left running
 * for the next test file; `deploy/local/s3proxy.sh stop` (with the same port) stops it.
 */
export async function ensureTestS3(env: NodeJS.ProcessEnv = process.env): Promise<TestS3> {
  const creds = {
    bucket: env['TEST_S3_BUCKET'] ?? 'plein-documents',
    accessKeyId: env['TEST_S3_ACCESS_KEY_ID'] ?? 'plein-local',
    secretAccessKey: env['TEST_S3_SECRET_ACCESS_KEY'] ?? 'plein-local-secret',
  };
  if (env['TEST_S3_ENDPOINT']) return { endpoint: env['TEST_S3_ENDPOINT'], ...creds };
  const port = env['TEST_S3PROXY_PORT'] ?? String(Number(env['TEST_NATS_PORT'] ?? 4223) + 5000);
  const script = resolve(import.meta.dirname, '../../../deploy/local/s3proxy.sh');
  const run = promisify(execFile);
  const childEnv = { ...process.env, S3PROXY_PORT: port, S3PROXY_BUCKET: creds.bucket };
  await run(script, ['start'], { env: childEnv });
  await run(script, ['wait'], { env: childEnv });
  return { endpoint: `http://127.0.0.1:${port}`, ...creds };
}
