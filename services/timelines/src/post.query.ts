import { bindNamed } from '@plein/persistence';
import { postColumns } from './post.rows.js';

/**
 * The reads of one post that are not entity reads: the post decorated for a reader (the feeds' decoration, so a
 * post looks the same on its page as in a feed) and whom an announcement asks to confirm.
 */

/** One post, decorated for the reader (counts, the reader's reaction and confirmation). */
export const postForReaderQuery = (readerId: string, id: string) =>
  bindNamed({
    sql: `select ${postColumns(':readerId')} from timelines.posts p where p.id = :id`,
    params: { readerId, id },
  });

/** Everyone timelines knows of the realms that can read a post of `intranet`, with whether they confirmed it. */
export const confirmationsQuery = (postId: string, intranet: 'staff' | 'client') =>
  bindNamed({
    sql: `select u.id, u.realm, u.display_name, k.user_id is not null as confirmed
            from timelines.users u left join timelines.confirmations k on k.post_id = :postId and k.user_id = u.id
           where u.realm = any(:realms::text[]) order by u.display_name, u.id`,
    params: { postId, realms: intranet === 'staff' ? '{staff}' : '{staff,clients}' },
  });
