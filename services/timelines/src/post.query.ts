import { bindNamed } from '@plein/persistence';
import { postColumns } from './post.rows.js';

/**
 * One post decorated for a reader with the feeds' own columns (`postColumns`, measured by
 * bench/timelines-home-feed.ts), so a post looks the same on its page as in a feed.
 */

/** One post, decorated for the reader (counts, the reader's reaction and confirmation). */
export const postForReaderQuery = (readerId: string, seesHidden: boolean, id: string) =>
  bindNamed({
    sql: `select ${postColumns(':readerId', seesHidden)} from timelines.posts p where p.id = :id`,
    params: { readerId, id },
  });
