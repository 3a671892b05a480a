import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { type NatsAccess, connectNats, natsClientProxy } from '@plein/messaging';
import { testEnv } from './test-env.js';

/**
 * The NATS users of the test NATS (deploy/nats/nats-test.conf): the apps' own, and `plein-test`, which exists
 * only in the test configuration, for test code that reads the stream or publishes another service's events.
 */
export type TestNatsUser =
  | 'gateway'
  | 'identity'
  | 'directory'
  | 'timelines'
  | 'search'
  | 'knowledge'
  | 'moderation'
  | 'activities'
  | 'notifications'
  | 'documents'
  | 'plein-test';

const LOCAL_ENV = resolve(import.meta.dirname, '../../../deploy/nats/local.env');

/** `NATS_<USER>_PASSWORD` from the environment, else the local default ./plein also uses (deploy/nats/local.env). */
export function natsPassword(user: TestNatsUser, env: NodeJS.ProcessEnv = process.env): string {
  const name = `NATS_${user === 'plein-test' ? 'TEST' : user.toUpperCase()}_PASSWORD`;
  const given = env[name];
  if (given) return given;
  const line = readFileSync(LOCAL_ENV, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`${name} is neither set nor in deploy/nats/local.env`);
  return line.slice(name.length + 1).trim();
}

/** What an app's config needs to reach the test NATS as `user`. */
export function testNatsAccess(user: TestNatsUser): NatsAccess {
  return { NATS_URL: testEnv().natsUrl, NATS_USER: user, NATS_PASSWORD: natsPassword(user) };
}

/** A plain connection to the test NATS, by default as the test-only user. */
export function connectTestNats(user: TestNatsUser = 'plein-test'): Promise<NatsConnection> {
  return connectNats(testNatsAccess(user), `test-${user}`);
}

/** An RPC client on the test NATS; the user-facing RPCs take `gateway` (or the test-only user). */
export function testRpcClient(user: TestNatsUser = 'plein-test'): ClientProxy {
  return natsClientProxy(testNatsAccess(user), `test-${user}`);
}
