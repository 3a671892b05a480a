import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntryEntity } from './entities/index.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null | undefined;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends one entry to the audit log, in the transaction of the action it records (both commit, or neither).
 * There is no update and no delete: the table's trigger refuses them, and no code path asks.
 */
export function appendAudit(tx: EntityManager, r: AuditRecord): void {
  tx.create(AuditEntryEntity, {
    id: randomUUID(),
    actorId: r.actorId,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    reason: r.reason ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
  });
}

/**
 * The erased person's pseudonym in the audit log: a UUID made from a one-way hash of their id. On erasure every
 * entry they acted in gets it as its actor (the only change the log allows), so no column holds their id; the
 * entries stay, and are shown as by someone erased.
 */
export function erasedActor(userId: string): string {
  const h = createHash('sha256').update(`plein.moderation.erased:${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The subject of the `person.erased` entry: not the erased person's id (after erasure no column holds it) but
 * their pseudonym, so the log can still say that the entries of that actor belong to someone erased.
 */
export const erasedSubject = (userId: string): string => `erased:${erasedActor(userId)}`;
