import { CommentCreated, PostCreated, PostDeleted, PostUpdated, markdownToText } from '@plein/contracts';
import type { z } from 'zod';
import type { DocumentRef, SearchDocument } from '../engine/search-document.js';
import { type EventMapper, type EventMeta, type IndexChange, mapper } from './mappers.js';

type PostData = z.infer<typeof PostCreated.data> | z.infer<typeof PostUpdated.data>;

/** Articles (news, columns) are their own type in search; posts and announcements are posts. */
const typeOf = (t: PostData['type']): 'post' | 'article' => (t === 'article' ? 'article' : 'post');
/** Both refs a post id can have in the index (its type can only be told from its events). */
const refsOf = (postId: string): DocumentRef[] => [
  { type: 'post', id: postId },
  { type: 'article', id: postId },
];

/** A title for what has none: the first line of the text, shortened. */
export function titleOf(title: string | null, body: string): string {
  if (title?.trim()) return title.trim();
  // the first line as text: "# **Rooster**" is "Rooster", a link is its words
  const first = markdownToText(body.trim().split('\n')[0] ?? '').trim();
  return first.length > 80 ? `${first.slice(0, 79).trimEnd()}…` : first;
}

function post(p: PostData, meta: EventMeta): IndexChange[] {
  const updatedAt = 'createdAt' in p && p.createdAt > meta.occurredAt ? p.createdAt : meta.occurredAt;
  const document: SearchDocument = {
    type: typeOf(p.type),
    id: p.postId,
    intranet: p.intranet,
    audience: p.audience,
    groupId: p.groupId,
    authorId: p.authorId,
    namedUserIds: p.namedUserIds,
    hidden: p.hidden,
    title: titleOf(p.title, p.body),
    body: p.body,
    updatedAt,
  };
  return [{ kind: 'replace', ref: { type: document.type, id: p.postId }, documents: [document], updatedAt }];
}

export const TIMELINES_MAPPERS: EventMapper[] = [
  mapper({ event: PostCreated, purpose: 'timelines-post-created', map: post }),
  mapper({ event: PostUpdated, purpose: 'timelines-post-updated', map: post }),
  mapper({
    event: PostDeleted,
    purpose: 'timelines-post-deleted',
    map: (d) => [{ kind: 'remove', refs: refsOf(d.postId) }],
  }),
  mapper({
    event: CommentCreated,
    purpose: 'timelines-comment-created',
    map: (c, meta) => [
      {
        kind: 'child',
        parents: refsOf(c.postId),
        document: {
          type: 'comment',
          id: c.commentId,
          title: titleOf(null, c.body),
          body: c.body,
          updatedAt: meta.occurredAt,
        },
      },
    ],
  }),
];
