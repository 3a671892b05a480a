import type { EntityManager } from '@mikro-orm/postgresql';
import { ErasureRequested, type PersonalData } from '@plein/contracts';
import { type ConsumerSpec, confirmErasure } from '@plein/messaging';
import {
  BroadcastReadEntity,
  ContentEntity,
  NotificationEntity,
  PersonEntity,
  PersonFactsEntity,
  PreferenceEntity,
} from './entities/index.js';
import { SERVICE } from './notifications.config.js';
import { NOBODY } from './repositories/notifier.js';

/**
 * The right to erasure: the person's own notifications, read marks, preferences, e-mail address and facts are
 * removed; where they are the actor of someone else's notification, they are no longer named (anonymised: the
 * notification stays, as "Iemand …"); the facts kept about content they wrote or are named in no longer hold
 * their id (the author becomes nobody, as for content without an author). One transaction with the confirmation in the outbox; a redelivered request
 * finds nothing left and confirms again.
 */
export async function erase(tx: EntityManager, erasureId: string, userId: string): Promise<void> {
  const notifications = await tx.nativeDelete(NotificationEntity, { userId });
  const reads = await tx.nativeDelete(BroadcastReadEntity, { userId });
  const preferences = await tx.nativeDelete(PreferenceEntity, { userId });
  const people = await tx.nativeDelete(PersonEntity, { userId });
  await tx.nativeDelete(PersonFactsEntity, { userId });
  const asActor = await tx.find(NotificationEntity, {
    $or: [{ actorId: userId }, { actorIds: { $contains: [userId] } }],
  });
  for (const n of asActor) {
    if (n.actorId === userId) n.actorId = null;
    n.actorIds = n.actorIds.filter((a) => a !== userId);
  }
  const contents = await tx.find(ContentEntity, {
    $or: [{ authorId: userId }, { namedUserIds: { $contains: [userId] } }],
  });
  for (const c of contents) {
    if (c.authorId === userId) c.authorId = NOBODY;
    c.namedUserIds = c.namedUserIds.filter((u) => u !== userId);
  }
  await tx.flush();
  confirmErasure(
    tx,
    SERVICE,
    { erasureId, userId },
    {
      removed: { notifications, readMarks: reads, preferences, emailAddresses: people },
      anonymised: { notificationsAsActor: asActor.length, contents: contents.length },
    },
  );
}

export const erasureConsumer: ConsumerSpec<typeof ErasureRequested.data> = {
  durable: 'notifications-erasure',
  event: ErasureRequested,
  handle: (tx, d) => erase(tx, d.erasureId, d.userId),
};

/** The right to one's data: what notifications holds of this person. */
export async function exportPersonalData(em: EntityManager, userId: string): Promise<PersonalData> {
  const notifications = await em.find(NotificationEntity, { userId }, { orderBy: { createdAt: 'asc' } });
  const preferences = await em.find(PreferenceEntity, { userId });
  const person = await em.findOne(PersonEntity, { userId });
  const reads = await em.find(BroadcastReadEntity, { userId });
  return {
    service: SERVICE,
    sections: {
      notifications: notifications.map((n) => ({
        kind: n.kind,
        about: n.contentKey,
        data: n.data,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
      announcementReads: reads.map((r) => ({
        notificationId: r.notificationId,
        readAt: r.readAt?.toISOString() ?? null,
      })),
      preferences: preferences.map((p) => ({ kind: p.kind, channel: p.channel })),
      email: person
        ? [{ email: person.email, lastDigestAt: person.lastDigestAt?.toISOString() ?? null }]
        : [],
    },
  };
}
