import type { EntityManager, MikroORM, QueryResult } from '@mikro-orm/postgresql';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '@plein/config';
import { type EventContract, EventEnvelope, STREAM_NAME } from '@plein/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ensureStream } from './jetstream.js';
import { InboxMessage } from './outbox.js';

export interface ConsumerSpec<D extends z.ZodType> {
  /** Durable name: `<service>-<purpose>`, for example `directory-profiles`. */
  durable: string;
  event: EventContract<D>;
  /** Runs inside a transaction; the event counts as handled only when it commits. */
  handle: (em: EntityManager, data: z.infer<D>, envelope: EventEnvelope) => Promise<void>;
}

/**
 * When JetStream redelivers an event whose handler failed: the consumer's own `backoff`, one step per
 * delivery (the last step repeats up to `max_deliver`). The first step is also how long a delivery may stay
 * unacknowledged; a handler that works longer says so (`working()`) while it runs.
 */
export const REDELIVERY_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000] as const;
const MAX_DELIVER = 20;
const ms = (n: number) => n * 1_000_000;

/**
 * A durable JetStream consumer that handles each event once: the event id goes into the inbox
 * table in the same transaction as the handler's work, and the message is acked after commit.
 * A failed handler's message is left unacknowledged, and JetStream redelivers it on the consumer's backoff
 * (a plain nak would bring it back at once: nats-server applies `backoff` to ack timeouts, not to naks);
 * a message that cannot be parsed is terminated.
 */
export class DurableConsumer<D extends z.ZodType> {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly nc: NatsConnection,
    private readonly schema: string,
    private readonly spec: ConsumerSpec<D>,
    private readonly log: Logger,
  ) {}

  /** NATS grants each durable, with the one event it reads, by name: say where, rather than a bare timeout. */
  private readonly refused = (err: unknown): never => {
    if (/permissions violation/i.test(`${String(err)} ${String((err as Error).cause)}`)) {
      throw new Error(
        `NATS refused durable consumer ${this.spec.durable} on ${this.spec.event.type}: ` +
          'grant it to this service in deploy/nats/permissions.conf (docs/messaging.md)',
        { cause: err },
      );
    }
    throw err;
  };

  async start(): Promise<void> {
    await ensureStream(this.nc);
    const jsm = await jetstreamManager(this.nc);
    const redelivery = {
      max_deliver: MAX_DELIVER,
      ack_wait: ms(REDELIVERY_BACKOFF_MS[0]),
      backoff: REDELIVERY_BACKOFF_MS.map(ms),
    };
    const existing = await jsm.consumers.info(STREAM_NAME, this.spec.durable).catch(() => undefined);
    if (existing) {
      // a consumer made before the backoff (or with another one) takes the current redelivery settings
      await jsm.consumers.update(STREAM_NAME, this.spec.durable, redelivery).catch(this.refused);
    } else {
      await jsm.consumers
        .add(STREAM_NAME, {
          durable_name: this.spec.durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: this.spec.event.type,
          ...redelivery,
        })
        .catch(this.refused);
    }
    const consumer = await jetstream(this.nc).consumers.get(STREAM_NAME, this.spec.durable);
    // One event at a time: an event waiting in a client-side buffer would run out its (short) first backoff
    // step there and be delivered again.
    this.messages = await consumer.consume({ max_messages: 1 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        let envelope: EventEnvelope;
        let data: z.infer<D>;
        try {
          envelope = EventEnvelope.parse(msg.json());
          data = this.spec.event.data.parse(envelope.data);
        } catch (err) {
          this.log.error({ err, subject: msg.subject, seq: msg.seq }, 'poison event terminated');
          msg.term('invalid event');
          continue;
        }
        const working = setInterval(() => msg.working(), REDELIVERY_BACKOFF_MS[0] / 2);
        try {
          await this.handleOnce(envelope, data);
          msg.ack();
        } catch (err) {
          // not acked: JetStream delivers it again after this delivery's backoff step
          this.log.warn(
            { err, eventId: envelope.id, delivery: msg.info.deliveryCount },
            'event failed; JetStream redelivers it on the consumer backoff',
          );
        } finally {
          clearInterval(working);
        }
      }
    })();
  }

  get durable(): string {
    return this.spec.durable;
  }

  /** Returns false when this consumer had already handled the event. */
  async handleOnce(envelope: EventEnvelope, data: z.infer<D>): Promise<boolean> {
    return this.orm.em.fork().transactional(async (tx) => {
      const inserted = await tx
        .createQueryBuilder(InboxMessage)
        .withSchema(this.schema)
        .insert({ consumer: this.spec.durable, eventId: envelope.id, handledAt: new Date() })
        .onConflict(['consumer', 'eventId'])
        .ignore()
        .execute<QueryResult>('run');
      if (inserted.affectedRows === 0) return false;
      await this.spec.handle(tx, data, envelope);
      return true;
    });
  }

  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }
}

/**
 * A spec of any event: the list a service starts mixes the specs of several events (each spec is typed where it
 * is written; here only its durable name and its start matter).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConsumerSpec = ConsumerSpec<any>;

/**
 * A service's durable consumers, written once for every service module: `start` starts one `DurableConsumer` a
 * spec, in the order given, each logging under its durable name; `stop` (at shutdown) stops them in that order.
 * A consumer that started is stopped at shutdown even when a later one failed to start.
 */
export class DurableConsumers {
  private readonly started: DurableConsumer<never>[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly nc: NatsConnection,
    /** The service's schema (its inbox table). */
    private readonly schema: string,
    /** Each consumer's logger; by default one named after its durable. */
    private readonly logOf: (durable: string) => Logger = (durable) => createLogger(durable),
  ) {}

  async start(specs: Iterable<AnyConsumerSpec>): Promise<void> {
    for (const spec of specs) {
      const consumer = new DurableConsumer(
        this.orm,
        this.nc,
        this.schema,
        spec as ConsumerSpec<never>,
        this.logOf(spec.durable),
      );
      await consumer.start();
      this.started.push(consumer);
    }
  }

  /** The started consumer of this durable (tests hand it an event twice). */
  byDurable(durable: string): DurableConsumer<never> | undefined {
    return this.started.find((c) => c.durable === durable);
  }

  async stop(): Promise<void> {
    for (const c of this.started) await c.stop();
  }
}
