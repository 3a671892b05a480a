import { randomUUID } from 'node:crypto';
import { type EntityManager, defineEntity, p } from '@mikro-orm/postgresql';
import type { EventContract, EventEnvelope } from '@plein/contracts';
import type { z } from 'zod';

/** Events waiting to be published; written in the same transaction as the change they describe. */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    id: p.uuid().unique(),
    type: p.string(),
    envelope: p.json<EventEnvelope>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable(),
  },
});

/** Handled event ids per consumer: what makes a consumer idempotent. */
export const InboxMessage = defineEntity({
  name: 'InboxMessage',
  tableName: 'inbox',
  properties: {
    consumer: p.string().primary(),
    eventId: p.uuid().primary(),
    handledAt: p.datetime().onCreate(() => new Date()),
  },
});

export const MESSAGING_ENTITIES = [OutboxMessage, InboxMessage];

/**
 * Records an event in the outbox of the transaction `em` belongs to. Validates the data against the
 * contract, so a producer cannot publish what its consumers would reject.
 */
export function recordEvent<D extends z.ZodType>(
  em: EntityManager,
  contract: EventContract<D>,
  data: z.infer<D>,
  source: string,
): EventEnvelope {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: contract.type,
    occurredAt: new Date().toISOString(),
    source,
    version: contract.version,
    data: contract.data.parse(data),
  };
  em.create(OutboxMessage, { id: envelope.id, type: envelope.type, envelope, publishedAt: null });
  return envelope;
}
