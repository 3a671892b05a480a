import type { EntityManager } from '@mikro-orm/postgresql';
import { PostCreated, SubmissionPublished } from '@plein/contracts';
import { type ConsumerSpec, recordEvent } from '@plein/messaging';
import { PostRepository } from './repositories/post.repository.js';
import { SERVICE } from './timelines.config.js';

/**
 * An editor published a submitted article (moderation): it becomes a news article in its intranet — type
 * `article`, for the whole organisation, credited to its author (shown by the person rule like any post), in its
 * series. The post's id is the submission's, so a redelivered event adds nothing (the consumer handles one
 * event at a time, in the transaction that acknowledges it).
 */
async function publish(tx: EntityManager, d: typeof SubmissionPublished.data._output): Promise<void> {
  const posts = new PostRepository(tx);
  if (await posts.find(d.submissionId)) return;
  const post = await posts.create({
    id: d.submissionId,
    intranet: d.intranet,
    type: 'article',
    audience: 'organization',
    groupId: null,
    authorId: d.authorId,
    namedUserIds: [],
    mentionIds: [],
    body: d.body,
    title: d.title,
    series: d.series ?? null,
    coverImage: d.image ?? null,
    attachments: [],
    pinned: false,
    requiresConfirmation: false,
  });
  recordEvent(
    tx,
    PostCreated,
    {
      postId: post.id,
      intranet: post.intranet,
      type: 'article',
      audience: 'organization',
      groupId: null,
      authorId: post.authorId,
      namedUserIds: [],
      hidden: false,
      body: post.body,
      title: post.title ?? null,
      createdAt: post.createdAt.toISOString(),
    },
    SERVICE,
  );
}

export const submissionConsumers: ConsumerSpec<typeof SubmissionPublished.data>[] = [
  { durable: 'timelines-moderation-published', event: SubmissionPublished, handle: publish },
];
