import type { Intranet, NotificationData, NotificationKind } from '@plein/contracts';
import { bindNamed } from '@plein/persistence';
import type { ContentFacts } from './repositories/notifier.js';

export interface CandidateQuery {
  userId: string;
  intranet: Intranet;
  /** Announcements older than this are not shown (nobody is asked to confirm forever). */
  broadcastSince: Date;
  unreadOnly?: boolean;
  /** keyset: rows strictly after (updatedAt, id) in the order updated_at desc, id desc */
  after?: { updatedAt: Date; id: string };
  id?: string;
  limit?: number;
  /** digest: created after, not yet digested */
  createdAfter?: Date;
  notDigested?: boolean;
}

export interface CandidateRow {
  id: string;
  user_id: string | null;
  kind: NotificationKind;
  content_key: string;
  actor_id: string | null;
  data: NotificationData;
  read_at: Date | null;
  digested_at: Date | null;
  created_at: Date;
  updated_at: Date;
  c_intranet: Intranet;
  audience: ContentFacts['audience'];
  group_id: string | null;
  author_id: string;
  named_user_ids: string[];
  hidden: boolean;
}

/**
 * The read side's one query (hand-written: bench/notifications.bench.ts measures the unread count and page 1 of
 * the list on it): a person's own notifications and the announcements of the intranet, with their content's
 * current facts and the reader's read state; hidden content and hidden items are left out.
 */
export function candidatesQuery(q: CandidateQuery): { sql: string; params: unknown[] } {
  const readAt = 'coalesce(n.read_at, br.read_at)';
  return bindNamed({
    sql: `select n.id, n.user_id, n.kind, n.content_key, n.actor_id, n.data, n.created_at, n.updated_at,
            ${readAt} as read_at, coalesce(n.digested_at, br.digested_at) as digested_at,
            c.intranet as c_intranet, c.audience, c.group_id, c.author_id, c.named_user_ids, c.hidden
       from "notifications"."notifications" n
       join "notifications"."contents" c on c.key = n.content_key
       left join "notifications"."broadcast_reads" br on br.notification_id = n.id and br.user_id = :userId
      where (n.user_id = :userId or (n.user_id is null and n.intranet = :intranet and n.created_at >= :broadcastSince
             and n.actor_id is distinct from :userId))
        and n.intranet = :intranet
        and not c.hidden
        and (n.item_key is null or not exists (select 1 from "notifications"."hidden_items" h where h.key = n.item_key))
        ${q.unreadOnly ? `and ${readAt} is null` : ''}
        ${q.notDigested ? 'and coalesce(n.digested_at, br.digested_at) is null' : ''}
        ${q.id ? 'and n.id = :id' : ''}
        ${q.after ? 'and (n.updated_at, n.id) < (:afterUpdatedAt, :afterId)' : ''}
        ${q.createdAfter ? 'and n.created_at > :createdAfter' : ''}
      order by n.updated_at desc, n.id desc
      ${q.limit ? `limit ${Math.trunc(q.limit)}` : ''}`,
    params: {
      userId: q.userId,
      intranet: q.intranet,
      broadcastSince: q.broadcastSince,
      ...(q.id ? { id: q.id } : {}),
      ...(q.after ? { afterUpdatedAt: q.after.updatedAt, afterId: q.after.id } : {}),
      ...(q.createdAfter ? { createdAfter: q.createdAfter } : {}),
    },
  });
}
