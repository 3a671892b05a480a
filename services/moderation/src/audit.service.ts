import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type AuditEntry, AuditQuery, type Principal, forbidden } from '@plein/contracts';
import { hasRole } from '@plein/auth';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { erasedActor, erasedSubject } from './audit.js';
import { AuditEntryEntity } from './entities/index.js';

const cursor = cursorCodec(z.tuple([z.iso.datetime(), z.uuid()]), 'The cursor is not one this list gave out');

/** Reading the audit log (admins), newest first. Nothing here or anywhere changes or deletes an entry. */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  async list(
    q: z.infer<typeof AuditQuery>,
    p: Principal,
  ): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
    if (p.realm !== 'staff' || !hasRole(p, 'admin')) throw forbidden('The audit log is for admins');
    const where: Record<string, unknown> = {};
    // an erased actor's entries carry their pseudonym: asking by the old id still finds them
    if (q.actor) where['actorId'] = { $in: [q.actor, erasedActor(q.actor)] };
    if (q.action) where['action'] = q.action;
    if (q.cursor) {
      const [at, id] = cursor.decode(q.cursor);
      where['$or'] = [{ at: { $lt: new Date(at) } }, { at: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.em.find(AuditEntryEntity, where, {
      orderBy: { at: 'desc', id: 'desc' },
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    // people erased since: their id is shown as erased (the entry itself stays as it was written)
    const actors = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
    // an actor is erased when a `person.erased` entry is about them: their pseudonym, or (erased before their
    // entries were pseudonymised) their id
    const marks = new Map(
      actors.flatMap((a) => [[`erased:${a}`, a] as const, [erasedSubject(a), a] as const]),
    );
    const erased = new Set(
      actors.length === 0
        ? []
        : (
            await this.em.find(
              AuditEntryEntity,
              { action: 'person.erased', subjectId: { $in: [...marks.keys()] } },
              { fields: ['subjectId'] },
            )
          ).map((r) => marks.get(r.subjectId)),
    );
    const last = page.at(-1);
    return {
      items: page.map((r) => {
        const actorId = r.actorId ?? null;
        const actorErased = actorId !== null && erased.has(actorId);
        return {
          id: r.id,
          at: r.at.toISOString(),
          actorId: actorErased ? null : actorId,
          actorErased,
          action: r.action,
          subjectType: r.subjectType,
          subjectId: r.action === 'person.erased' ? 'erased' : r.subjectId,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.before ? { before: r.before } : {}),
          ...(r.after ? { after: r.after } : {}),
        };
      }),
      ...(rows.length > q.limit && last
        ? { nextCursor: cursor.encode([last.at.toISOString(), last.id]) }
        : {}),
    };
  }
}
