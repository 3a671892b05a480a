import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type NotificationPage,
  type Principal,
  notFound,
} from '@plein/contracts';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { BroadcastReadEntity, NotificationEntity, PreferenceEntity } from './entities/index.js';
import { views } from './notification.views.js';
import { type NotificationReader, ReaderService } from './reader.service.js';
import { type NotificationCandidate, candidates } from './repositories/notification.reads.js';

const cursor = cursorCodec(z.object({ u: z.iso.datetime(), id: z.uuid() }), 'Invalid notifications cursor');
/** How long an announcement asks for a confirmation in the list. */
export const BROADCAST_DAYS = 30;
const since = () => new Date(Date.now() - BROADCAST_DAYS * 86_400_000);

/** Reading and marking a person's notifications: the visibility rule and preferences applied at read time. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
  ) {}

  /** Kinds this person turned off: not shown, whatever was made before they chose so. */
  async offKinds(userId: string): Promise<Set<NotificationKind>> {
    const prefs = await this.em.fork().find(PreferenceEntity, { userId, channel: 'off' });
    return new Set(prefs.map((p) => p.kind));
  }

  private async visible(
    reader: NotificationReader,
    query: Omit<Parameters<typeof candidates>[1], 'userId' | 'intranet' | 'broadcastSince'>,
  ): Promise<{ rows: NotificationCandidate[]; scanned: number; last: NotificationCandidate | undefined }> {
    const p = reader.principal;
    const off = await this.offKinds(p.userId);
    const rows = await candidates(this.em.fork(), {
      ...query,
      userId: p.userId,
      intranet: p.intranet,
      broadcastSince: since(),
    });
    return {
      rows: rows.filter((n) => !off.has(n.kind) && reader.canRead(n.content)),
      scanned: rows.length,
      last: rows.at(-1),
    };
  }

  async list(
    q: { cursor?: string | undefined; limit: number; unread: boolean },
    principal: Principal,
  ): Promise<NotificationPage> {
    const reader = await this.readers.of(principal);
    let after = q.cursor
      ? (({ u, id }) => ({ updatedAt: new Date(u), id }))(cursor.decode(q.cursor))
      : undefined;
    const out: NotificationCandidate[] = [];
    // fetch in batches until the page is full of what this reader may see
    for (;;) {
      const batch = Math.max(q.limit * 2, 20);
      const { rows, scanned, last } = await this.visible(reader, {
        unreadOnly: q.unread,
        ...(after ? { after } : {}),
        limit: batch,
      });
      out.push(...rows);
      if (scanned < batch || out.length > q.limit || !last) break;
      after = { updatedAt: last.updatedAt, id: last.id };
    }
    const page = out.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: await views(this.em.fork(), page, principal),
      ...(out.length > q.limit && last
        ? { nextCursor: cursor.encode({ u: last.updatedAt.toISOString(), id: last.id }) }
        : {}),
    };
  }

  async get(id: string, principal: Principal): Promise<Notification> {
    const reader = await this.readers.of(principal);
    const [n] = (await this.visible(reader, { id })).rows;
    if (!n) throw notFound('No such notification');
    const [view] = await views(this.em.fork(), [n], principal);
    return view!;
  }

  async unreadCount(principal: Principal): Promise<{ count: number }> {
    const reader = await this.readers.of(principal);
    return { count: (await this.visible(reader, { unreadOnly: true })).rows.length };
  }

  async markRead(id: string, principal: Principal): Promise<Notification> {
    const reader = await this.readers.of(principal);
    const [n] = (await this.visible(reader, { id })).rows;
    if (!n) throw notFound('No such notification');
    await this.em.fork().transactional((tx) => this.mark(tx, [n], principal.userId));
    return this.get(id, principal);
  }

  async markAllRead(principal: Principal): Promise<{ count: number }> {
    const reader = await this.readers.of(principal);
    const { rows } = await this.visible(reader, { unreadOnly: true });
    await this.em.fork().transactional((tx) => this.mark(tx, rows, principal.userId));
    return { count: 0 };
  }

  private async mark(tx: EntityManager, rows: NotificationCandidate[], userId: string): Promise<void> {
    const now = new Date();
    const own = rows.filter((n) => n.userId !== null).map((n) => n.id);
    // read: a batch (reactions) closes; the next reaction starts a new notification
    if (own.length)
      await tx.nativeUpdate(
        NotificationEntity,
        { id: { $in: own }, readAt: null },
        { readAt: now, batchKey: null },
      );
    for (const n of rows.filter((r) => r.userId === null))
      await tx.upsert(
        BroadcastReadEntity,
        { notificationId: n.id, userId, readAt: now, digestedAt: null },
        {
          onConflictFields: ['notificationId', 'userId'],
          onConflictAction: 'merge',
          onConflictMergeFields: ['readAt'],
        },
      );
  }
}

export const ALL_KINDS = NOTIFICATION_KINDS;
