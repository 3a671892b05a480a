import type { EntityManager } from '@mikro-orm/postgresql';
import { PostCreated, SubmissionPublished } from '@plein/contracts';
import { type ConsumerSpec, recordEvent } from '@plein/messaging';
import { SERVICE } from './timelines.config.js';

/**
 * An editor published a submitted article (moderation): it becomes a news article in its intranet — type
 * `article`, for the whole organisation, credited to its author (shown by the person rule like any post), in its
 * series. The post's id is the submission's, so a redelivered event adds nothing.
 */
async function publish(tx: EntityManager, d: typeof SubmissionPublished.data._output): Promise<void> {
  const [inserted] = await tx.execute<{ created_at: string }[]>(
    `insert into timelines.posts (id, intranet, type, audience, author_id, body, title, series, cover_image)
     values (?, ?, 'article', 'organization', ?, ?, ?, ?, ?)
     on conflict (id) do nothing returning created_at`,
    [d.submissionId, d.intranet, d.authorId, d.body, d.title, d.series ?? null, d.image ?? null],
  );
  if (!inserted) return;
  recordEvent(
    tx,
    PostCreated,
    {
      postId: d.submissionId,
      intranet: d.intranet,
      type: 'article',
      audience: 'organization',
      groupId: null,
      authorId: d.authorId,
      namedUserIds: [],
      hidden: false,
      body: d.body,
      title: d.title,
      createdAt: new Date(inserted.created_at).toISOString(),
    },
    SERVICE,
  );
}

export const submissionConsumers: ConsumerSpec<typeof SubmissionPublished.data>[] = [
  { durable: 'timelines-moderation-published', event: SubmissionPublished, handle: publish },
];
