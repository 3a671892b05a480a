import type { EntityManager } from '@mikro-orm/postgresql';
import type { Intranet, NotificationData, NotificationKind } from '@plein/contracts';
import type { ContentFacts } from './notifier.js';

/** A notification as one reader may be shown it: its row, read state for this reader, and its content's facts. */
export interface NotificationCandidate {
  id: string;
  userId: string | null;
  kind: NotificationKind;
  contentKey: string;
  actorId: string | null;
  data: NotificationData;
  read: boolean;
  createdAt: Date;
  updatedAt: Date;
  content: ContentFacts;
}

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

interface Row {
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
 * The read side's one query: a person's own notifications and the announcements of the intranet, with their
 * content's current facts; hidden content and hidden items (a hidden answer or comment) are left out here, the
 * rest of the visibility rule is applied by the caller (`NotificationReader.canRead`).
 */
export async function candidates(em: EntityManager, q: CandidateQuery): Promise<NotificationCandidate[]> {
  const params: unknown[] = [q.userId, q.userId, q.intranet, q.broadcastSince, q.userId, q.intranet];
  let where = '';
  if (q.id) {
    where += ' and n.id = ?';
    params.push(q.id);
  }
  if (q.after) {
    where += ' and (n.updated_at, n.id) < (?, ?)';
    params.push(q.after.updatedAt, q.after.id);
  }
  if (q.createdAfter) {
    where += ' and n.created_at > ?';
    params.push(q.createdAfter);
  }
  const readAt = 'coalesce(n.read_at, br.read_at)';
  const rows = await em.execute<Row[]>(
    `select n.id, n.user_id, n.kind, n.content_key, n.actor_id, n.data, n.created_at, n.updated_at,
            ${readAt} as read_at, coalesce(n.digested_at, br.digested_at) as digested_at,
            c.intranet as c_intranet, c.audience, c.group_id, c.author_id, c.named_user_ids, c.hidden
       from "notifications"."notifications" n
       join "notifications"."contents" c on c.key = n.content_key
       left join "notifications"."broadcast_reads" br on br.notification_id = n.id and br.user_id = ?
      where (n.user_id = ? or (n.user_id is null and n.intranet = ? and n.created_at >= ? and n.actor_id is distinct from ?))
        and n.intranet = ?
        and not c.hidden
        and (n.item_key is null or not exists (select 1 from "notifications"."hidden_items" h where h.key = n.item_key))
        ${q.unreadOnly ? `and ${readAt} is null` : ''}
        ${q.notDigested ? 'and coalesce(n.digested_at, br.digested_at) is null' : ''}
        ${where}
      order by n.updated_at desc, n.id desc
      ${q.limit ? `limit ${Math.trunc(q.limit)}` : ''}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    contentKey: r.content_key,
    actorId: r.actor_id,
    data: r.data,
    read: r.read_at !== null,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    content: {
      intranet: r.c_intranet,
      audience: r.audience,
      groupId: r.group_id,
      authorId: r.author_id,
      namedUserIds: r.named_user_ids ?? [],
      hidden: r.hidden,
    },
  }));
}
