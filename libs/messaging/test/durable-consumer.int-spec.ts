import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type EventEnvelope, defineEvent } from '@plein/contracts';
import { createLogger } from '@plein/config';
import { connectTestNats, testEnv } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DurableConsumer, REDELIVERY_BACKOFF_MS } from '../src/durable-consumer.js';
import { ensureStream } from '../src/jetstream.js';
import { messagingTablesSql } from '../src/messaging.migration.js';
import { MESSAGING_ENTITIES, recordEvent } from '../src/outbox.js';
import { OutboxRelay } from '../src/outbox-relay.js';

const SCHEMA = 'messaging_test';
const Noted = defineEvent('plein.messaging.note.noted', z.object({ text: z.string() }));

let orm: MikroORM;
let nc: NatsConnection;
const log = createLogger('messaging-test', 'silent');

beforeAll(async () => {
  const env = testEnv();
  orm = await MikroORM.init({
    clientUrl: env.databaseUrl,
    entities: MESSAGING_ENTITIES,
    schema: SCHEMA,
    allowGlobalContext: false,
  });
  const conn = orm.em.getConnection();
  await conn.execute(`drop schema if exists ${SCHEMA} cascade`);
  await conn.execute(`create schema ${SCHEMA}`);
  // the tables a new service's first migration adds (messaging.migration.ts)
  for (const sql of messagingTablesSql(SCHEMA).up) await conn.execute(sql);
  await conn.execute(`create table ${SCHEMA}.notes (event_id uuid not null, text text not null)`);
  nc = await connectTestNats();
  await ensureStream(nc);
});

afterAll(async () => {
  await nc?.drain();
  await orm?.close(true);
});

const envelope = (text: string): EventEnvelope => ({
  id: randomUUID(),
  type: Noted.type,
  occurredAt: new Date().toISOString(),
  source: 'messaging-test',
  version: 1,
  data: { text },
});

const notes = async (text: string) =>
  orm.em
    .getConnection()
    .execute<{ event_id: string }[]>(`select event_id from ${SCHEMA}.notes where text = ?`, [text]);

async function until(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('DurableConsumer', () => {
  it('handles a redelivered event once, retries a failing handler, and terminates a poison message', async () => {
    let failuresLeft = 2;
    const attempts: number[] = [];
    const consumer = new DurableConsumer(
      orm,
      nc,
      SCHEMA,
      {
        durable: `messaging-test-${Date.now()}`,
        event: Noted,
        handle: async (em, data, env) => {
          if (data.text === 'flaky') attempts.push(Date.now());
          if (data.text === 'flaky' && failuresLeft-- > 0) throw new Error('transient');
          await em.execute(`insert into ${SCHEMA}.notes (event_id, text) values (?, ?)`, [env.id, data.text]);
        },
      },
      log,
    );
    await consumer.start();
    const js = jetstream(nc);
    const once = envelope('once');
    // the same event twice, as a redelivery after a lost ack would bring it (different msg ids defeat dedup)
    await js.publish(Noted.type, JSON.stringify(once), { msgID: `${once.id}-a` });
    await js.publish(Noted.type, JSON.stringify(once), { msgID: `${once.id}-b` });
    await js.publish(Noted.type, JSON.stringify({ not: 'an envelope' }));
    await js.publish(Noted.type, JSON.stringify(envelope('flaky')));
    await js.publish(Noted.type, JSON.stringify(envelope('after')));

    await until(async () => (await notes('after')).length === 1 && (await notes('flaky')).length === 1);
    expect(await notes('once')).toHaveLength(1);
    expect(failuresLeft).toBeLessThan(0);
    // redelivered on the consumer's backoff (1 s, then 2 s), not at once as a plain nak would
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(REDELIVERY_BACKOFF_MS[0] - 100);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(REDELIVERY_BACKOFF_MS[1] - 100);
    await consumer.stop();
  }, 20_000);

  it('a consumer made before the backoff takes it on start, and keeps what it has handled', async () => {
    const durable = `messaging-test-old-${Date.now()}`;
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add('PLEIN', {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: Noted.type,
      max_deliver: 20,
      ack_wait: 30_000_000_000,
    });
    const consumer = new DurableConsumer(
      orm,
      nc,
      SCHEMA,
      { durable, event: Noted, handle: () => Promise.resolve() },
      log,
    );
    await consumer.start();
    const info = await jsm.consumers.info('PLEIN', durable);
    expect(info.config.backoff).toEqual(REDELIVERY_BACKOFF_MS.map((n) => n * 1_000_000));
    expect(info.config.filter_subject).toBe(Noted.type);
    await consumer.stop();
  });

  it('the outbox relay publishes recorded events once, with Nats-Msg-Id = envelope id', async () => {
    const em = orm.em.fork();
    const recorded = await em.transactional((tx) =>
      Promise.resolve(recordEvent(tx, Noted, { text: 'relayed' }, 'messaging-test')),
    );
    // a rolled-back transaction leaves nothing in the outbox
    await expect(
      orm.em.fork().transactional(async (tx) => {
        recordEvent(tx, Noted, { text: 'rolled back' }, 'messaging-test');
        await tx.flush();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(() => recordEvent(orm.em.fork(), Noted, { text: 42 } as never, 'x')).toThrow();

    const relay = new OutboxRelay(orm, nc, SCHEMA, log, 50);
    await relay.start();
    const rows = async () =>
      orm.em
        .getConnection()
        .execute<{ published_at: Date | null; type: string }[]>(
          `select published_at, envelope->'data'->>'text' as type from ${SCHEMA}.outbox`,
        );
    await until(async () => (await rows()).every((r) => r.published_at !== null));
    await relay.stop();
    expect((await rows()).map((r) => r.type)).toEqual(['relayed']);
    const msg = await (
      await import('@nats-io/jetstream')
    )
      .jetstreamManager(nc)
      .then((jsm) => jsm.streams.getMessage('PLEIN', { last_by_subj: Noted.type }));
    expect(msg?.header.get('Nats-Msg-Id')).toBe(recorded.id);
    expect(msg?.json<EventEnvelope>().id).toBe(recorded.id);
  });
});
