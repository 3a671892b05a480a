import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { type EventEnvelope, STREAM_NAME } from '@plein/contracts';
import { connectTestNats } from '@plein/testing';

export interface StoredEvent {
  envelope: EventEnvelope;
  msgId: string | undefined;
  seq: number;
}

/** Every event on the PLEIN stream with this subject, read with an ordered (ephemeral) consumer. */
export async function readEvents(subject: string): Promise<StoredEvent[]> {
  const nc = await connectTestNats();
  try {
    const js = jetstream(nc);
    const consumer = await js.consumers.get(STREAM_NAME, {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.All,
    });
    const info = await consumer.info(true);
    const events: StoredEvent[] = [];
    let pending = info.num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 500), expires: 2000 });
      for await (const m of batch) {
        events.push({ envelope: m.json<EventEnvelope>(), msgId: m.headers?.get('Nats-Msg-Id'), seq: m.seq });
        pending = m.info.pending;
      }
    }
    return events;
  } finally {
    await nc.close();
  }
}

/**
 * Probes until `ok` holds and answers that value; past the deadline it fails the test, naming the last value
 * seen. Everything that arrives asynchronously (an event the outbox relay publishes on its next tick, an index
 * a consumer updates) is awaited through this, never read once.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > until) {
      throw new Error(`eventually: not there after ${timeoutMs} ms; last value: ${describe(value)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  } catch {
    return String(value);
  }
}
