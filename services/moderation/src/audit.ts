import { randomUUID } from 'node:crypto';
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
