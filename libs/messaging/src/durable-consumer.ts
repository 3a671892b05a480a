import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type EventContract, EventEnvelope, STREAM_NAME } from '@plein/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ensureStream } from './jetstream.js';

export interface ConsumerSpec<D extends z.ZodType> {
  /** Durable name: `<service>-<purpose>`, for example `directory-profiles`. */
  durable: string;
  event: EventContract<D>;
  /** Runs inside a transaction; the event counts as handled only when it commits. */
  handle: (em: EntityManager, data: z.infer<D>, envelope: EventEnvelope) => Promise<void>;
}

/**
 * A durable JetStream consumer that handles each event once: the event id goes into the inbox
 * table in the same transaction as the handler's work, and the message is acked after commit.
 * Transient failures are nak'ed for redelivery; a message that cannot be parsed is terminated.
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

  async start(): Promise<void> {
    await ensureStream(this.nc);
    const jsm = await jetstreamManager(this.nc);
    await jsm.consumers
      .add(STREAM_NAME, {
        durable_name: this.spec.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: this.spec.event.type,
        max_deliver: 20,
        ack_wait: 30_000_000_000,
      })
      .catch((err: unknown) => {
        // NATS grants each durable, with the one event it reads, by name: say where, rather than a bare timeout
        if (/permissions violation/i.test(`${String(err)} ${String((err as Error).cause)}`)) {
          throw new Error(
            `NATS refused durable consumer ${this.spec.durable} on ${this.spec.event.type}: ` +
              'grant it to this service in deploy/nats/permissions.conf (docs/messaging.md)',
            { cause: err },
          );
        }
        throw err;
      });
    const consumer = await jetstream(this.nc).consumers.get(STREAM_NAME, this.spec.durable);
    this.messages = await consumer.consume({ max_messages: 50 });
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
        try {
          await this.handleOnce(envelope, data);
          msg.ack();
        } catch (err) {
          this.log.warn(
            { err, eventId: envelope.id, redelivery: msg.info.deliveryCount },
            'event failed; will retry',
          );
          msg.nak(Math.min(30_000, 500 * 2 ** Math.min(msg.info.deliveryCount, 6)));
        }
      }
    })();
  }

  /** Returns false when this consumer had already handled the event. */
  async handleOnce(envelope: EventEnvelope, data: z.infer<D>): Promise<boolean> {
    return this.orm.em.fork().transactional(async (tx) => {
      const inserted = await tx.execute<{ event_id: string }[]>(
        `insert into "${this.schema}".inbox (consumer, event_id, handled_at) values (?, ?, now())
         on conflict do nothing returning event_id`,
        [this.spec.durable, envelope.id],
      );
      if (inserted.length === 0) return false;
      await this.spec.handle(tx, data, envelope);
      return true;
    });
  }

  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }
}
