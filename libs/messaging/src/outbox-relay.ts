import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { headers } from '@nats-io/transport-node';
import type { EventEnvelope } from '@plein/contracts';
import type { Logger } from 'pino';
import { ensureStream } from './jetstream.js';
import { OutboxMessage } from './outbox.js';

/**
 * Publishes outbox rows to JetStream in order, with Nats-Msg-Id = envelope id (so a crash between
 * publish and mark is absorbed by the stream's duplicate window). Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several replicas can relay side by side.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private js: JetStreamClient | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly nc: NatsConnection,
    private readonly schema: string,
    private readonly log: Logger,
    private readonly intervalMs = 100,
    private readonly batchSize = 200,
  ) {}

  async start(): Promise<void> {
    await ensureStream(this.nc);
    this.js = jetstream(this.nc);
    this.stopped = false;
    this.schedule(0);
  }

  /** Publishes everything pending now; returns how many were published. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.flush()
        .then((n) => this.schedule(n > 0 ? 0 : this.intervalMs))
        .catch((err: unknown) => {
          this.log.error({ err }, 'outbox relay failed; retrying');
          this.schedule(1000);
        });
    }, delay);
  }

  private async relayBatch(): Promise<number> {
    const js = this.js;
    if (!js) throw new Error('OutboxRelay.start() was not called');
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      // rows another relay (a second replica) holds are skipped, not waited for
      const rows: { seq: number; envelope: EventEnvelope }[] = await tx
        .createQueryBuilder(OutboxMessage)
        .withSchema(this.schema)
        .select(['seq', 'envelope'])
        .where({ publishedAt: null })
        .orderBy({ seq: 'asc' })
        .limit(this.batchSize)
        .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
        .execute('all');
      if (rows.length === 0) return 0;
      for (const row of rows) {
        const h = headers();
        h.set('Nats-Msg-Id', row.envelope.id);
        await js.publish(row.envelope.type, JSON.stringify(row.envelope), {
          msgID: row.envelope.id,
          headers: h,
        });
      }
      await tx
        .createQueryBuilder(OutboxMessage)
        .withSchema(this.schema)
        .update({ publishedAt: new Date() })
        .where({ seq: { $in: rows.map((r) => r.seq) } })
        .execute('run');
      return rows.length;
    });
  }
}
