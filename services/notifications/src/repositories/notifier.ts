import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Intranet,
  NotificationChanged,
  type NotificationData,
  type NotificationKind,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { ContentEntity, HiddenItemEntity, NotificationEntity, PreferenceEntity } from '../entities/index.js';
import { SERVICE } from '../notifications.config.js';

/** The visibility facts of a piece of content (what `canRead` of @plein/auth needs). */
export interface ContentFacts {
  intranet: Intranet;
  audience: 'organization' | 'followers' | 'group' | 'private';
  groupId?: string | null;
  authorId: string;
  namedUserIds?: string[];
  hidden?: boolean;
  title?: string | null;
}

export interface NewNotification {
  /** null: an announcement for everyone of `intranet` */
  userId: string | null;
  intranet: Intranet;
  kind: NotificationKind;
  contentKey: string;
  itemKey?: string;
  actorId?: string;
  data?: NotificationData;
}

/** An id no person has: the author of content whose author may not be named (an anonymous question). */
export const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The write side, in the transaction of the event being handled: keeps content facts, makes notifications
 * (never for the actor themselves, never for a kind the person turned off), batches reactions, and tells the
 * gateway's live streams through the outbox (`plein.notifications.notification.changed`).
 */
export class Notifier {
  constructor(private readonly em: EntityManager) {}

  /** The content's current facts (a newer event about it replaces them). */
  async content(key: string, facts: ContentFacts): Promise<void> {
    await this.em.upsert(ContentEntity, this.row(key, facts), {
      onConflictFields: ['key'],
      onConflictAction: 'merge',
      onConflictExcludeFields: facts.title === undefined ? ['title'] : [],
    });
  }

  /** Facts to go on until the content's own event tells more (a comment arriving before its post's facts). */
  async contentIfUnknown(key: string, facts: ContentFacts): Promise<void> {
    await this.em.upsert(ContentEntity, this.row(key, facts), {
      onConflictFields: ['key'],
      onConflictAction: 'ignore',
    });
  }

  private row(key: string, f: ContentFacts) {
    return {
      key,
      intranet: f.intranet,
      audience: f.audience,
      groupId: f.groupId ?? null,
      authorId: f.authorId,
      namedUserIds: f.namedUserIds ?? [],
      hidden: f.hidden ?? false,
      title: f.title ?? null,
    };
  }

  async setHidden(key: string, hidden: boolean): Promise<void> {
    await this.em.nativeUpdate(ContentEntity, { key }, { hidden });
  }

  async setItemHidden(key: string, hidden: boolean): Promise<void> {
    if (hidden) await this.em.upsert(HiddenItemEntity, { key }, { onConflictAction: 'ignore' });
    else await this.em.nativeDelete(HiddenItemEntity, { key });
  }

  /** Deleted content: its notifications go with it. */
  async forget(key: string): Promise<void> {
    await this.em.nativeDelete(NotificationEntity, { contentKey: key });
    await this.em.nativeDelete(ContentEntity, { key });
  }

  /** The live streams learn of every notification about this content (its facts just became known). */
  async announceAbout(key: string): Promise<void> {
    const rows = await this.em.find(
      NotificationEntity,
      { contentKey: key },
      { fields: ['id', 'userId', 'intranet'] },
    );
    for (const n of rows) this.changed(n.id, n.userId ?? null, n.intranet);
  }

  private async channel(userId: string, kind: NotificationKind): Promise<string> {
    const pref = await this.em.findOne(PreferenceEntity, { userId, kind });
    return pref?.channel ?? 'app';
  }

  /** Makes one notification; returns its id, or undefined when nobody is to be told. */
  async notify(n: NewNotification): Promise<string | undefined> {
    if (n.userId && n.userId === n.actorId) return undefined;
    if (n.userId && (await this.channel(n.userId, n.kind)) === 'off') return undefined;
    const now = new Date();
    const row = this.em.create(NotificationEntity, {
      id: randomUUID(),
      userId: n.userId,
      intranet: n.intranet,
      kind: n.kind,
      contentKey: n.contentKey,
      itemKey: n.itemKey ?? null,
      actorId: n.actorId ?? null,
      actorIds: n.actorId ? [n.actorId] : [],
      batchKey: null,
      data: n.data ?? {},
      readAt: null,
      digestedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.em.flush();
    this.changed(row.id, n.userId, n.intranet);
    return row.id;
  }

  /**
   * One unread notification per batch: the first makes it, the next ones (by other people) update it — the
   * latest actor, how many people, moved to the top. Once read, a new one starts.
   */
  async batch(n: NewNotification & { userId: string; actorId: string }, batchKey: string): Promise<void> {
    if (n.userId === n.actorId) return;
    if ((await this.channel(n.userId, n.kind)) === 'off') return;
    const open = await this.em.findOne(NotificationEntity, { userId: n.userId, batchKey });
    if (!open) {
      const id = await this.notify(n);
      if (id)
        await this.em.nativeUpdate(NotificationEntity, { id }, { batchKey, data: { ...n.data, count: 1 } });
      return;
    }
    if (open.actorIds.includes(n.actorId) && open.actorId === n.actorId) return;
    const actorIds = [...open.actorIds.filter((a) => a !== n.actorId), n.actorId];
    open.actorIds = actorIds;
    open.actorId = n.actorId;
    open.data = { ...open.data, count: actorIds.length };
    open.updatedAt = new Date();
    await this.em.flush();
    this.changed(open.id, n.userId, n.intranet);
  }

  private changed(notificationId: string, userId: string | null, intranet: Intranet): void {
    recordEvent(this.em, NotificationChanged, { notificationId, userId, intranet }, SERVICE);
  }
}
