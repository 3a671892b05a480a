import {
  ArticlePublished,
  ArticleUnpublished,
  HowtoPublished,
  HowtoUnpublished,
  QuestionAsked,
  QuestionDeleted,
  type QuestionIndexed,
  QuestionUpdated,
} from '@plein/contracts';
import type { SearchDocument } from '../engine/search-document.js';
import { type EventMeta, type EventMapper, type IndexChange, mapper } from './mappers.js';

/**
 * A question is found by its title, its text, its tags and the text of its answers. An anonymous question's
 * event carries no asker, so its document has no author: search cannot name who asked.
 */
function question(q: QuestionIndexed, meta: EventMeta): IndexChange[] {
  const document: SearchDocument = {
    type: 'question',
    id: q.questionId,
    intranet: q.intranet,
    audience: q.audience,
    groupId: q.groupId,
    authorId: q.anonymous ? null : (q.askerId ?? null),
    namedUserIds: [],
    hidden: q.hidden,
    title: q.title,
    body: [q.body, q.tags.join(' '), q.answerText].filter((s) => s.trim()).join('\n\n'),
    updatedAt: meta.occurredAt,
  };
  return [
    {
      kind: 'replace',
      ref: { type: 'question', id: q.questionId },
      documents: [document],
      updatedAt: meta.occurredAt,
    },
  ];
}

/** Handbook articles (staff intranet) and client how-to pages are both `handbook` in search, each in its intranet. */
const page = (
  id: string,
  intranet: 'staff' | 'client',
  title: string,
  body: string,
  meta: EventMeta,
): IndexChange[] => [
  {
    kind: 'replace',
    ref: { type: 'handbook', id },
    documents: [
      {
        type: 'handbook',
        id,
        intranet,
        audience: 'organization',
        groupId: null,
        authorId: null,
        namedUserIds: [],
        hidden: false,
        title,
        body,
        updatedAt: meta.occurredAt,
      },
    ],
    updatedAt: meta.occurredAt,
  },
];

export const KNOWLEDGE_MAPPERS: EventMapper[] = [
  mapper({ event: QuestionAsked, purpose: 'knowledge-question-asked', map: question }),
  mapper({ event: QuestionUpdated, purpose: 'knowledge-question-updated', map: question }),
  mapper({
    event: QuestionDeleted,
    purpose: 'knowledge-question-deleted',
    map: (d) => [{ kind: 'remove', refs: [{ type: 'question', id: d.questionId }] }],
  }),
  mapper({
    event: ArticlePublished,
    purpose: 'knowledge-article-published',
    map: (a, meta) => page(a.articleId, a.intranet, a.title, a.body, meta),
  }),
  mapper({
    event: ArticleUnpublished,
    purpose: 'knowledge-article-unpublished',
    map: (a) => [{ kind: 'remove', refs: [{ type: 'handbook', id: a.articleId }] }],
  }),
  mapper({
    event: HowtoPublished,
    purpose: 'knowledge-howto-published',
    map: (h, meta) => page(h.howtoId, 'client', h.title, h.body, meta),
  }),
  mapper({
    event: HowtoUnpublished,
    purpose: 'knowledge-howto-unpublished',
    map: (h) => [{ kind: 'remove', refs: [{ type: 'handbook', id: h.howtoId }] }],
  }),
];
