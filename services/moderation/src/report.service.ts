import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import {
  ContentHidden,
  ContentRestored,
  type ModeratedContentType,
  type Principal,
  type Report as ReportView,
  type ReportCreate,
  ReportDecided,
  type ReportDecision,
  ReportListQuery,
  PleinError,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { appendAudit } from './audit.js';
import { type Report, ReportEntity } from './entities/index.js';
import { People } from './people.js';
import { isModerator } from './roles.js';
import { SERVICE } from './moderation.config.js';

const cursor = cursorCodec(z.tuple([z.iso.datetime(), z.uuid()]), 'The cursor is not one this list gave out');

/**
 * Reports: anyone who can see a piece of content reports it with a reason (the gateway asked the owning service
 * first whether the reporter can read it); moderators hide, restore or dismiss it with a note. Hide and restore
 * are `plein.moderation.content.hidden|restored`, which the owning service and search act on; the reporter
 * learns the outcome (`plein.moderation.report.decided`), never who decided.
 */
@Injectable()
export class ReportService {
  constructor(private readonly em: EntityManager) {}

  async create(input: ReportCreate, p: Principal): Promise<ReportView> {
    return this.em.transactional(async (tx) => {
      await new People(tx).remember(p);
      const r = tx.create(ReportEntity, {
        id: randomUUID(),
        intranet: p.intranet,
        contentType: input.contentType,
        contentId: input.contentId,
        parentId: input.parentId ?? null,
        reporterId: p.userId,
        reason: input.reason.trim(),
        state: 'open',
        note: null,
        decidedAt: null,
      });
      appendAudit(tx, {
        actorId: p.userId,
        action: 'report.create',
        subjectType: input.contentType,
        subjectId: input.contentId,
        reason: r.reason,
        after: { reportId: r.id, state: 'open' },
      });
      await tx.flush();
      return (await this.views(tx, [r], p))[0]!;
    });
  }

  /** Moderators: the queue (default: open reports). Anyone: `mine=true`, their own reports and outcomes. */
  async list(q: z.infer<typeof ReportListQuery>, p: Principal) {
    if (!q.mine && !isModerator(p)) throw forbidden('The report queue is for moderators');
    const where: Record<string, unknown> = q.mine
      ? { intranet: p.intranet, reporterId: p.userId, ...(q.state ? { state: q.state } : {}) }
      : { intranet: p.intranet, state: q.state ?? 'open' };
    if (q.cursor) {
      const [at, id] = cursor.decode(q.cursor);
      where['$or'] = [{ createdAt: { $lt: new Date(at) } }, { createdAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.em.find(ReportEntity, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: await this.views(this.em, page, p),
      ...(rows.length > q.limit && last
        ? { nextCursor: cursor.encode([last.createdAt.toISOString(), last.id]) }
        : {}),
    };
  }

  async decide(id: string, d: ReportDecision, p: Principal): Promise<ReportView> {
    if (!isModerator(p)) throw forbidden('Only moderators decide on reports');
    return this.em.transactional(async (tx) => {
      const r = await tx.findOne(
        ReportEntity,
        { id, intranet: p.intranet },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!r) throw notFound('No such report');
      if (r.state !== 'open' && d.action === 'dismiss')
        throw new PleinError(409, 'report_decided', 'This report has been decided already');
      const before = { state: r.state };
      r.state = d.action === 'hide' ? 'hidden' : d.action === 'restore' ? 'restored' : 'dismissed';
      r.note = d.note?.trim() || null;
      r.decidedAt = new Date();
      appendAudit(tx, {
        actorId: p.userId,
        action: `report.${d.action}`,
        subjectType: r.contentType,
        subjectId: r.contentId,
        reason: r.note,
        before,
        after: { state: r.state, reportId: r.id },
      });
      if (d.action !== 'dismiss')
        moderated(tx, r.contentType, r.contentId, d.action === 'hide', p, r.note, r.id);
      if (r.reporterId)
        recordEvent(
          tx,
          ReportDecided,
          {
            reportId: r.id,
            reporterId: r.reporterId,
            contentType: r.contentType,
            contentId: r.contentId,
            action: d.action,
          },
          SERVICE,
        );
      await tx.flush();
      return (await this.views(tx, [r], p))[0]!;
    });
  }

  /** A moderator hides or restores directly (the posts' hide route): the same events and audit, no report. */
  async moderate(
    input: {
      contentType: ModeratedContentType;
      contentId: string;
      hidden: boolean;
      note?: string | undefined;
    },
    p: Principal,
  ) {
    if (!isModerator(p)) throw forbidden('Only moderators hide and restore content');
    await this.em.transactional(async (tx) => {
      await new People(tx).remember(p);
      appendAudit(tx, {
        actorId: p.userId,
        action: input.hidden ? 'content.hide' : 'content.restore',
        subjectType: input.contentType,
        subjectId: input.contentId,
        reason: input.note ?? null,
        after: { hidden: input.hidden },
      });
      moderated(tx, input.contentType, input.contentId, input.hidden, p, input.note ?? null);
    });
    return { contentType: input.contentType, contentId: input.contentId, hidden: input.hidden };
  }

  private async views(em: EntityManager, rows: Report[], p: Principal): Promise<ReportView[]> {
    const mod = isModerator(p);
    const card = mod
      ? await new People(em).cards(
          p,
          rows.flatMap((r) => (r.reporterId ? [r.reporterId] : [])),
        )
      : undefined;
    return rows.map((r) => ({
      id: r.id,
      intranet: r.intranet,
      contentType: r.contentType,
      contentId: r.contentId,
      ...(r.parentId ? { parentId: r.parentId } : {}),
      reason: r.reason,
      state: r.state,
      createdAt: r.createdAt.toISOString(),
      ...(r.decidedAt ? { decidedAt: r.decidedAt.toISOString() } : {}),
      ...(mod && r.note ? { note: r.note } : {}),
      ...(card && r.reporterId ? { reporter: card(r.reporterId) } : {}),
    }));
  }
}

function moderated(
  tx: EntityManager,
  contentType: ModeratedContentType,
  contentId: string,
  hidden: boolean,
  p: Principal,
  note: string | null,
  reportId?: string,
): void {
  recordEvent(
    tx,
    hidden ? ContentHidden : ContentRestored,
    {
      contentType,
      contentId,
      byUserId: p.userId,
      ...(note ? { reason: note } : {}),
      ...(reportId ? { reportId } : {}),
    },
    SERVICE,
  );
}
