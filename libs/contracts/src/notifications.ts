import { z } from 'zod';
import { defineEvent } from './events.js';
import { PersonCard } from './person.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';

/**
 * In-app notifications (services/notifications, docs/notifications.md): what happened to me elsewhere in Plein,
 * kept per person with read state, live to open portals, and optionally in a daily e-mail digest.
 */
export const NotificationKind = z.enum([
  /** someone @mentioned me in a post */
  'mention',
  /** someone commented on my post */
  'comment',
  /** a new answer to a question I asked or follow */
  'answer',
  /** people reacted to my post (one notification per post, updated: "3 mensen reageerden") */
  'reaction',
  /** my answer was accepted */
  'accepted',
  /** my submitted article moved to a new state */
  'submission',
  /** the outcome of a report I made */
  'report',
  /** I have a place now (from the waiting list) */
  'promotion',
  /** an activity I signed up for is tomorrow */
  'reminder',
  /** an announcement asks me to confirm that I read it */
  'announcement',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;
export const NOTIFICATION_KINDS = NotificationKind.options;

/** Per kind: in the app (and live), in the app and in the daily e-mail digest, or not at all. */
export const NotificationChannel = z.enum(['app', 'digest', 'off']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** The facts a portal words a notification from (each kind uses its own; no content text of others). */
export const NotificationData = z.object({
  /** reactions: how many people reacted (the actor is the latest) */
  count: z.number().int().optional(),
  /** a question's, article's, activity's or announcement's title */
  title: z.string().optional(),
  /** answer: the question is mine (else one I follow) */
  mine: z.boolean().optional(),
  /** submission: its new state; note: the editor's feedback */
  state: z.enum(['submitted', 'returned', 'rejected', 'published']).optional(),
  note: z.string().optional(),
  /** report: what the moderators decided */
  action: z.enum(['hide', 'restore', 'dismiss']).optional(),
  /** activities */
  startsAt: z.iso.datetime().optional(),
  place: z.string().optional(),
});
export type NotificationData = z.infer<typeof NotificationData>;

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  /** Who did it, by the person rule for this reader; absent when nobody is named (a system event, or a person the reader may not know). */
  actor: PersonCard.optional(),
  data: NotificationData,
  /** Where it leads in the reader's portal (a path of the portal, e.g. `/posts/{id}` or `/mijn/berichten/{id}`). */
  link: z.string(),
  read: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The last change (a batched reaction notification moves up). */
  updatedAt: z.iso.datetime(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** only unread ones */
  unread: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
});
export const NotificationPage = z.object({ items: z.array(Notification), nextCursor: z.string().optional() });
export type NotificationPage = z.infer<typeof NotificationPage>;
export const UnreadCount = z.object({ count: z.number().int().nonnegative() });

export const NotificationPreferences = z.object({
  /** Every kind with its channel (kinds never set are `app`). */
  kinds: z.record(NotificationKind, NotificationChannel),
  /** Whether the digest can be sent at all (SMTP configured and an e-mail address known). */
  digestAvailable: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const NotificationPreferencesPatch = z
  .object({ kinds: z.partialRecord(NotificationKind, NotificationChannel) })
  .strict();
export type NotificationPreferencesPatch = z.infer<typeof NotificationPreferencesPatch>;

const Id = z.object({ id: z.uuid() });

export const NotificationsRpc = {
  list: defineRpc('notifications.notification.list', NotificationListQuery, NotificationPage),
  get: defineRpc('notifications.notification.get', Id, Notification),
  unreadCount: defineRpc('notifications.unread.count', z.object({}), UnreadCount),
  markRead: defineRpc('notifications.notification.read', Id, Notification),
  markAllRead: defineRpc('notifications.notification.read-all', z.object({}), UnreadCount),
  getPreferences: defineRpc('notifications.preferences.get', z.object({}), NotificationPreferences),
  setPreferences: defineRpc(
    'notifications.preferences.set',
    NotificationPreferencesPatch,
    NotificationPreferences,
  ),
  /** Sends the daily digests that are due now (the service's own schedule calls it too). Tests and operators only. */
  runDigest: defineRpc('notifications.digest.run', z.object({}), z.object({ sent: z.number().int() }), {
    needsPrincipal: false,
  }),
} as const;

/**
 * A notification of `userId` was made or changed (a new one, a reaction batch grown, one that became visible).
 * The gateway's live stream re-reads it with the reader's principal (`notifications.notification.get`), so
 * the visibility and person rules decide what a portal sees. `userId` is null for an announcement's
 * notification, which is computed at read time for everyone of the intranet.
 */
export const NotificationChanged = defineEvent(
  'plein.notifications.notification.changed',
  z.object({ notificationId: z.uuid(), userId: z.uuid().nullable(), intranet: Intranet }),
);
