import type { ApiClient } from './api-client.js';
import type { PersonCard } from './knowledge.js';

/** Notifications as the portals read them (libs/contracts/src/notifications.ts is the source). */
export type NotificationKind =
  | 'mention'
  | 'comment'
  | 'answer'
  | 'reaction'
  | 'accepted'
  | 'submission'
  | 'report'
  | 'promotion'
  | 'reminder'
  | 'announcement';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'mention',
  'comment',
  'reaction',
  'answer',
  'accepted',
  'announcement',
  'submission',
  'report',
  'promotion',
  'reminder',
];
export type NotificationChannel = 'app' | 'digest' | 'off';

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  actor?: PersonCard;
  data: {
    count?: number;
    title?: string;
    mine?: boolean;
    state?: 'submitted' | 'returned' | 'rejected' | 'published';
    note?: string;
    action?: 'hide' | 'restore' | 'dismiss';
    startsAt?: string;
    place?: string;
  };
  /** A path of this portal. */
  link: string;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationPreferences {
  kinds: Record<NotificationKind, NotificationChannel>;
  digestAvailable: boolean;
}

export function notificationsApi(http: ApiClient) {
  return {
    list: (query: { cursor?: string; unread?: boolean } = {}) =>
      http.get<{ items: NotificationItem[]; nextCursor?: string }>('/notifications', query),
    unreadCount: () => http.get<{ count: number }>('/notifications/unread-count'),
    read: (id: string) => http.post<NotificationItem>(`/notifications/${encodeURIComponent(id)}/read`),
    readAll: () => http.post<{ count: number }>('/notifications/read-all'),
    preferences: () => http.get<NotificationPreferences>('/notification-preferences'),
    setPreferences: (kinds: Partial<Record<NotificationKind, NotificationChannel>>) =>
      http.put<NotificationPreferences>('/notification-preferences', { kinds }),
  };
}
