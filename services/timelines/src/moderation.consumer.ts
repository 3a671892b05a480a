import { ContentHidden, ContentRestored } from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import type { PostService } from './post.service.js';

/**
 * The moderation service's hide/restore decisions: timelines applies those about posts (other content types
 * belong to other services). Same effect as the `timelines.post.hide` RPC: the post is hidden for everyone
 * but moderators and its author, and `plein.timelines.post.updated` tells search and the live feeds.
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
      },
    },
    {
      durable: 'timelines-moderation-restored',
      event: ContentRestored,
      handle: async (em, d, e) => {
        if (d.contentType === 'post') await posts.moderate(em, d.contentId, false, e.occurredAt);
      },
    },
  ];
}
