import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ClientProxy } from '@nestjs/microservices';
import type { EventEnvelope } from '@plein/contracts';
import type { NatsAccess } from '@plein/messaging';
import pg from 'pg';
import { type TestNatsUser, connectTestNats, testNatsAccess, testRpcClient } from './nats.js';
import { testEnv } from './test-env.js';

/**
 * A real service on the test database and NATS, with what its integration tests need: a NATS client for
 * RPCs, a database client to read what it wrote, publishing another service's events straight onto JetStream
 * (in whatever order a test wants), and waiting until the service has handled (committed) them.
 */
export interface ServiceHarness {
  nc: NatsConnection;
  rpc: ClientProxy;
  db: pg.Client;
  publish(contract: { type: string }, data: unknown, occurredAt: string): Promise<EventEnvelope>;
  /** Resolves when the service's inbox holds every one of these events, fails after 10 s. */
  handled(envelopes: EventEnvelope[]): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceHarnessOptions {
  /** The service's schema (its inbox is `<schema>.inbox`). */
  schema: string;
  /** The source named in the envelopes `publish` writes (the service whose events they stand for). */
  source: string;
  /** The service's own NATS user (deploy/nats): the service runs with its real permissions. */
  user: TestNatsUser;
  /** Starts the service on this database and NATS (`nats`: NATS_URL, NATS_USER, NATS_PASSWORD for its config). */
  start(env: { databaseUrl: string; nats: NatsAccess }): Promise<{ close(): Promise<void> }>;
}

export async function serviceHarness(options: ServiceHarnessOptions): Promise<ServiceHarness> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema ${options.schema}`);
  const env = testEnv();
  const service = await options.start({ databaseUrl: env.databaseUrl, nats: testNatsAccess(options.user) });
  // the test's own side: the test-only NATS user, which may publish any service's events and call any RPC
  const nc = await connectTestNats();
  const rpc = testRpcClient();
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();

  return {
    nc,
    rpc,
    db,
    async publish(contract, data, occurredAt) {
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: contract.type,
        occurredAt,
        source: options.source,
        version: 1,
        data,
      };
      await jetstream(nc).publish(contract.type, JSON.stringify(envelope), { msgID: envelope.id });
      return envelope;
    },
    async handled(envelopes) {
      const until = Date.now() + 10_000;
      const ids = envelopes.map((e) => e.id);
      for (;;) {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from "${options.schema}".inbox where event_id = any($1::uuid[])`,
          [ids],
        );
        if (rows[0]!.n === ids.length) return;
        if (Date.now() > until) throw new Error(`only ${rows[0]!.n} of ${ids.length} events were handled`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await db.end();
      await rpc.close();
      await nc.drain();
      await service.close();
    },
  };
}
