import { ContentHidden, ContentRestored } from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import type { PostService } from './post.service.js';

/**
 * The moderation service's hide/restore decisions: timelines applies those about posts and comments (other
 * content types belong to other services). A post: same effect as the `timelines.post.hide` RPC, hidden for
 * everyone but moderators and its author, and `plein.timelines.post.updated` tells search and the live feeds.
 * A comment: left out of the post, its comment count and the live feeds for everyone but its author and
 * moderators (who see it marked `hidden`).
 */
export function moderationConsumers(
  posts: PostService,
): [ConsumerSpec<typeof ContentHidden.data>, ConsumerSpec<typeof ContentRestored.data>] {
  return [
    {
      durable: 'timelines-moderation-hidden',
      event: ContentHidden,
      handle: async (em, d, e) => {
        if (d.contentType === 'post') await posts.moderate(em, d.contentId, true, e.occurredAt);
        else if (d.contentType === 'comment')
          await posts.moderateComment(em, d.contentId, true, e.occurredAt);
      },
    },
    {
      durable: 'timelines-moderation-restored',
      event: ContentRestored,
      handle: async (em, d, e) => {
        if (d.contentType === 'post') await posts.moderate(em, d.contentId, false, e.occurredAt);
        else if (d.contentType === 'comment')
          await posts.moderateComment(em, d.contentId, false, e.occurredAt);
      },
    },
  ];
}
