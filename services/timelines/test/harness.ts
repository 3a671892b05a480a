import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '@plein/contracts';
import { connectTestNats, testEnv, testNatsAccess, testRpcClient } from '@plein/testing';
import pg from 'pg';
import { startTimelines } from '../src/bootstrap.js';
import { loadTimelinesConfig } from '../src/timelines.config.js';

/**
 * The real timelines service on the test database and NATS, with what its event tests need: a NATS client for
 * RPCs, a database client to read what it wrote, publishing another service's events straight onto JetStream
 * (in whatever order a test wants), and waiting until timelines has handled (committed) them.
 */
export interface TimelinesHarness {
  nc: NatsConnection;
  rpc: ClientProxy;
  db: pg.Client;
  publish(contract: { type: string }, data: unknown, occurredAt: string): Promise<EventEnvelope>;
  handled(envelopes: EventEnvelope[]): Promise<void>;
  close(): Promise<void>;
}

export async function timelinesHarness(source: string): Promise<TimelinesHarness> {
  const env = testEnv();
  const service: INestMicroservice = await startTimelines(
    loadTimelinesConfig({
      DATABASE_URL: env.databaseUrl,
      ...testNatsAccess('timelines'),
      LOG_LEVEL: 'error',
    }),
  );
  const nc = await connectTestNats();
  const rpc = testRpcClient('gateway');
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
        source,
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
          'select count(*)::int as n from timelines.inbox where event_id = any($1::uuid[])',
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
