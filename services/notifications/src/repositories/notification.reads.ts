import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationData, NotificationKind } from '@plein/contracts';
import { type CandidateQuery, type CandidateRow, candidatesQuery } from '../notification.query.js';
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

/**
 * The read side's one query (notification.query.ts): a person's own notifications and the announcements of the
 * intranet, with their content's current facts; hidden content and hidden items (a hidden answer or comment) are
 * left out here, the rest of the visibility rule is applied by the caller (`NotificationReader.canRead`).
 */
export async function candidates(em: EntityManager, q: CandidateQuery): Promise<NotificationCandidate[]> {
  const query = candidatesQuery(q);
  const rows = await em.execute<CandidateRow[]>(query.sql, query.params);
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
