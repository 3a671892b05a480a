import { randomUUID } from 'node:crypto';
import { type EntityManager, defineEntity, p, raw } from '@mikro-orm/postgresql';
import {
  type ErasureParticipant,
  type EventContract,
  type EventEnvelope,
  erasureConfirmed,
} from '@plein/contracts';
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

/**
 * Confirms a participant's part of an erasure (`plein.<service>.erasure.confirmed`) in the outbox of the
 * transaction that did it: what it removed and what it anonymised, counted per kind (never content).
 */
export function confirmErasure(
  tx: EntityManager,
  service: ErasureParticipant,
  request: { erasureId: string; userId: string },
  done: { removed?: Record<string, number>; anonymised?: Record<string, number> },
): EventEnvelope {
  return recordEvent(
    tx,
    erasureConfirmed(service),
    {
      erasureId: request.erasureId,
      userId: request.userId,
      service,
      removed: done.removed ?? {},
      anonymised: done.anonymised ?? {},
      confirmedAt: new Date().toISOString(),
    },
    service,
  );
}

/**
 * Erasure (AVG): removes the published events in a service's outbox that carry the person's id (their names and
 * content travel in them), except erasure events themselves. Runs in the erasure's transaction; returns how many.
 */
export async function forgetPublishedEvents(
  tx: EntityManager,
  schema: string,
  userId: string,
): Promise<number> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const gone = await tx
    .createQueryBuilder(OutboxMessage)
    .withSchema(schema)
    .delete({
      publishedAt: { $ne: null },
      // the erasure's own events stay (they say what was done); anything naming the person goes
      [raw('type not like ? and envelope::text like ?', ['plein.%.erasure.%', `%${userId}%`])]: [],
    })
    .execute('run');
  return gone.affectedRows;
}
