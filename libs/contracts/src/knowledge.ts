import { z } from 'zod';
import { defineEvent } from './events.js';
import { PersonCard } from './person.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';
import { exportForSearch } from './search.js';

/**
 * The knowledge service: questions and answers (either intranet), the quality handbook (staff intranet) and
 * the client how-to pages ("Hoe werkt het?", client intranet).
 */

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const ARTICLE_BODY_MAX = 100_000;

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, 'letters, digits, spaces and dashes');
const Tags = z
  .array(Tag)
  .max(8)
  .transform((tags) => [...new Set(tags)]);

// ---------- questions and answers ----------

export const QuestionAudience = z.enum(['organization', 'group']);
export type QuestionAudience = z.infer<typeof QuestionAudience>;

/** `POST /questions`. `anonymous` only in the staff intranet (moderators can still see who asked). */
export const QuestionCreate = z
  .object({
    title: nonBlank(TITLE_MAX),
    body: z.string().max(BODY_MAX, `must be at most ${BODY_MAX} characters`).default(''),
    tags: Tags.default([]),
    groupId: z.uuid().optional(),
    anonymous: z.boolean().default(false),
  })
  .strict();
export type QuestionCreate = z.infer<typeof QuestionCreate>;

/** `PATCH /questions/{id}`: the asker (or a moderator) edits. */
export const QuestionPatch = z
  .object({
    title: nonBlank(TITLE_MAX).optional(),
    body: z.string().max(BODY_MAX, `must be at most ${BODY_MAX} characters`).optional(),
    tags: Tags.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const AnswerCreate = z.object({ body: nonBlank(BODY_MAX) }).strict();
export const AnswerCommentCreate = z.object({ body: nonBlank(2000) }).strict();
export const VoteSet = z.object({ value: z.union([z.literal(1), z.literal(-1)]) }).strict();
export const AcceptSet = z.object({ answerId: z.uuid() }).strict();

export const QuestionListQuery = z.object({
  filter: z.enum(['recent', 'unanswered']).default('recent'),
  tag: Tag.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuery>;

export const AnswerComment = z.object({
  id: z.uuid(),
  body: z.string(),
  author: PersonCard.nullable(),
  createdAt: z.iso.datetime(),
});

export const AnswerView = z.object({
  id: z.uuid(),
  questionId: z.uuid(),
  body: z.string(),
  author: PersonCard.nullable(),
  score: z.number().int(),
  myVote: z.union([z.literal(1), z.literal(-1)]).optional(),
  accepted: z.boolean(),
  comments: z.array(AnswerComment),
  createdAt: z.iso.datetime(),
  /** Hidden by moderation: only moderators and its author still see it, marked (absent when not hidden). */
  hidden: z.boolean().optional(),
});
export type AnswerView = z.infer<typeof AnswerView>;

/**
 * A question as a reader sees it. For an anonymous question `asker` is null for everyone but moderators;
 * the asker themselves learns only `askedByMe`.
 */
export const QuestionSummary = z.object({
  id: z.uuid(),
  intranet: Intranet,
  audience: QuestionAudience,
  groupId: z.uuid().nullable(),
  title: z.string(),
  tags: z.array(z.string()),
  anonymous: z.boolean(),
  asker: PersonCard.nullable(),
  askedByMe: z.boolean(),
  /** How many answers moderation has not hidden (`unanswered`: none). */
  answerCount: z.number().int(),
  acceptedAnswerId: z.uuid().nullable(),
  hidden: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const QuestionView = QuestionSummary.extend({
  body: z.string(),
  following: z.boolean(),
  /** Whether the caller may accept an answer (the asker or an editor). */
  canAccept: z.boolean(),
  answers: z.array(AnswerView),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const QuestionPage = z.object({ items: z.array(QuestionSummary), nextCursor: z.string().optional() });
export type QuestionPage = z.infer<typeof QuestionPage>;

export const VoteResult = z.object({
  answerId: z.uuid(),
  score: z.number().int(),
  myVote: z.union([z.literal(1), z.literal(-1)]).optional(),
});
export type VoteResult = z.infer<typeof VoteResult>;

// ---------- the handbook ----------

export const ArticleState = z.enum(['draft', 'published']);
export type ArticleState = z.infer<typeof ArticleState>;
const IsoDate = z.iso.date();

export const ChapterCreate = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{1,60}$/, 'lowercase letters, digits and dashes'),
    title: nonBlank(TITLE_MAX),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const ArticleCreate = z
  .object({
    chapterId: z.uuid(),
    title: nonBlank(TITLE_MAX),
    body: z.string().max(ARTICLE_BODY_MAX, `must be at most ${ARTICLE_BODY_MAX} characters`),
    changeNote: z.string().max(500).default('Eerste versie'),
    ownerId: z.uuid().optional(),
    reviewBy: IsoDate.optional(),
    state: ArticleState.default('draft'),
  })
  .strict();
export type ArticleCreate = z.infer<typeof ArticleCreate>;

/** Every edit is a new version with its change note; `state: published` makes it the one readers see. */
export const ArticlePatch = z
  .object({
    title: nonBlank(TITLE_MAX).optional(),
    body: z.string().max(ARTICLE_BODY_MAX, `must be at most ${ARTICLE_BODY_MAX} characters`).optional(),
    changeNote: nonBlank(500),
    ownerId: z.uuid().nullable().optional(),
    reviewBy: IsoDate.nullable().optional(),
    chapterId: z.uuid().optional(),
    state: ArticleState.optional(),
  })
  .strict();
export type ArticlePatch = z.infer<typeof ArticlePatch>;

export const ArticleSummary = z.object({
  id: z.uuid(),
  chapterId: z.uuid(),
  title: z.string(),
  state: ArticleState,
  owner: PersonCard.nullable(),
  reviewBy: IsoDate.nullable(),
  /** The version readers see (null: never published). */
  publishedVersion: z.number().int().nullable(),
  /** The newest version (editors see it; readers only the published one). */
  latestVersion: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleView = ArticleSummary.extend({
  /** The version shown: the published one for readers, the newest for editors. */
  version: z.number().int(),
  body: z.string(),
  changeNote: z.string(),
  /** Whether the caller may edit (editor, admin). */
  canEdit: z.boolean(),
});
export type ArticleView = z.infer<typeof ArticleView>;

export const Chapter = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  position: z.number().int(),
  articles: z.array(ArticleSummary),
});
export const ChapterList = z.object({ items: z.array(Chapter) });

export const ArticleVersionSummary = z.object({
  n: z.number().int(),
  title: z.string(),
  changeNote: z.string(),
  author: PersonCard.nullable(),
  at: z.iso.datetime(),
  published: z.boolean(),
});
export const ArticleVersionList = z.object({ items: z.array(ArticleVersionSummary) });
export const ArticleVersion = ArticleVersionSummary.extend({ articleId: z.uuid(), body: z.string() });

export const DiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const ArticleDiff = z.object({
  articleId: z.uuid(),
  from: z.number().int(),
  to: z.number().int(),
  /** A unified diff of the Markdown (title as the first line). */
  patch: z.string(),
  /** The same as line parts, for rendering side by side. */
  parts: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
});
export type ArticleDiff = z.infer<typeof ArticleDiff>;

export const ReviewDueQuery = z.object({
  /** Also what falls due within this many days. */
  within: z.coerce.number().int().min(0).max(365).default(0),
});
export const ReviewDueList = z.object({ items: z.array(ArticleSummary) });

// ---------- client how-to pages ----------

export const HowtoCreate = z
  .object({
    title: nonBlank(TITLE_MAX),
    body: z.string().max(BODY_MAX, `must be at most ${BODY_MAX} characters`),
    published: z.boolean().default(true),
  })
  .strict();
export const HowtoPatch = z
  .object({
    title: nonBlank(TITLE_MAX).optional(),
    body: z.string().max(BODY_MAX, `must be at most ${BODY_MAX} characters`).optional(),
    published: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export const Howto = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  published: z.boolean(),
  author: PersonCard.nullable(),
  updatedAt: z.iso.datetime(),
  canEdit: z.boolean(),
});
export type Howto = z.infer<typeof Howto>;
export const HowtoList = z.object({ items: z.array(Howto.omit({ body: true })) });

// ---------- RPCs ----------

const Id = z.object({ id: z.uuid() });

export const KnowledgeRpc = {
  listQuestions: defineRpc('knowledge.question.list', QuestionListQuery, QuestionPage),
  askQuestion: defineRpc('knowledge.question.ask', QuestionCreate, QuestionView),
  getQuestion: defineRpc('knowledge.question.get', Id, QuestionView),
  updateQuestion: defineRpc('knowledge.question.update', Id.extend({ patch: QuestionPatch }), QuestionView),
  deleteQuestion: defineRpc('knowledge.question.delete', Id, z.object({ id: z.uuid() })),
  followQuestion: defineRpc(
    'knowledge.question.follow',
    Id.extend({ following: z.boolean() }),
    z.object({ id: z.uuid(), following: z.boolean() }),
  ),
  acceptAnswer: defineRpc('knowledge.question.accept', Id.extend({ answerId: z.uuid() }), QuestionView),
  postAnswer: defineRpc(
    'knowledge.answer.post',
    z.object({ questionId: z.uuid(), body: AnswerCreate.shape.body }),
    AnswerView,
  ),
  voteAnswer: defineRpc('knowledge.answer.vote', Id.extend({ value: VoteSet.shape.value }), VoteResult),
  unvoteAnswer: defineRpc('knowledge.answer.unvote', Id, VoteResult),
  commentAnswer: defineRpc(
    'knowledge.answer.comment',
    Id.extend({ body: AnswerCommentCreate.shape.body }),
    AnswerComment,
  ),

  listChapters: defineRpc('knowledge.chapter.list', z.object({}), ChapterList),
  createChapter: defineRpc('knowledge.chapter.create', ChapterCreate, Chapter),
  getArticle: defineRpc('knowledge.article.get', Id, ArticleView),
  createArticle: defineRpc('knowledge.article.create', ArticleCreate, ArticleView),
  updateArticle: defineRpc('knowledge.article.update', Id.extend({ patch: ArticlePatch }), ArticleView),
  listVersions: defineRpc('knowledge.article.versions', Id, ArticleVersionList),
  getVersion: defineRpc(
    'knowledge.article.version',
    Id.extend({ n: z.number().int().min(1) }),
    ArticleVersion,
  ),
  diffVersions: defineRpc('knowledge.article.diff', Id.extend(DiffQuery.shape), ArticleDiff),
  reviewDue: defineRpc('knowledge.article.review-due', ReviewDueQuery, ReviewDueList),

  listHowtos: defineRpc('knowledge.howto.list', z.object({}), HowtoList),
  getHowto: defineRpc('knowledge.howto.get', Id, Howto),
  createHowto: defineRpc('knowledge.howto.create', HowtoCreate, Howto),
  updateHowto: defineRpc('knowledge.howto.update', Id.extend({ patch: HowtoPatch }), Howto),

  searchExport: exportForSearch('knowledge'),
} as const;

// ---------- events ----------

/**
 * A question as search indexes it: its visibility fields, its text and its answers' text. For an
 * anonymous question there is no `askerId` (only `anonymous: true`): no consumer can learn who asked.
 */
export const QuestionIndexed = z.object({
  questionId: z.uuid(),
  intranet: Intranet,
  audience: QuestionAudience,
  groupId: z.uuid().nullable(),
  anonymous: z.boolean(),
  askerId: z.uuid().optional(),
  hidden: z.boolean(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  /** The text of every answer moderation has not hidden, for search. */
  answerText: z.string(),
  /** How many answers moderation has not hidden. */
  answerCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type QuestionIndexed = z.infer<typeof QuestionIndexed>;

export const QuestionAsked = defineEvent('plein.knowledge.question.asked', QuestionIndexed);
/** Any change to a question or its answers, with the whole indexed view. */
export const QuestionUpdated = defineEvent('plein.knowledge.question.updated', QuestionIndexed);
export const QuestionDeleted = defineEvent(
  'plein.knowledge.question.deleted',
  z.object({ questionId: z.uuid() }),
);

export const AnswerPosted = defineEvent(
  'plein.knowledge.answer.posted',
  z.object({
    answerId: z.uuid(),
    questionId: z.uuid(),
    intranet: Intranet,
    audience: QuestionAudience,
    groupId: z.uuid().nullable(),
    authorId: z.uuid(),
    /** Who follows the question (the asker among them, never named as such): whom notifications tell. */
    followerIds: z.array(z.uuid()),
    /**
     * Who asked, so notifications can say "your question" — only for a question that is not anonymous (an
     * anonymous asker is never named in an event) and while the asker follows it (they are in followerIds).
     */
    askerId: z.uuid().optional(),
    /** The question's title, for the notification. */
    title: z.string().optional(),
  }),
);
export const AnswerAccepted = defineEvent(
  'plein.knowledge.answer.accepted',
  z.object({
    questionId: z.uuid(),
    answerId: z.uuid(),
    answerAuthorId: z.uuid(),
    /** Who accepted it; absent when the anonymous asker did (an editor's id is kept). */
    acceptedById: z.uuid().optional(),
    /** The question's visibility and title, for the answer author's notification (absent in older events). */
    intranet: Intranet.optional(),
    audience: QuestionAudience.optional(),
    groupId: z.uuid().nullable().optional(),
    title: z.string().optional(),
  }),
);

/** A handbook article's published version (search indexes it; staff intranet, the whole organisation). */
export const ArticleIndexed = z.object({
  articleId: z.uuid(),
  chapterId: z.uuid(),
  intranet: Intranet,
  title: z.string(),
  body: z.string(),
  version: z.number().int(),
  publishedAt: z.iso.datetime(),
});
export const ArticlePublished = defineEvent('plein.knowledge.article.published', ArticleIndexed);
export const ArticleUnpublished = defineEvent(
  'plein.knowledge.article.unpublished',
  z.object({ articleId: z.uuid() }),
);
/** A client how-to page (client intranet); unpublished pages leave search through `howto.unpublished`. */
export const HowtoPublished = defineEvent(
  'plein.knowledge.howto.published',
  z.object({ howtoId: z.uuid(), title: z.string(), body: z.string(), publishedAt: z.iso.datetime() }),
);
export const HowtoUnpublished = defineEvent(
  'plein.knowledge.howto.unpublished',
  z.object({ howtoId: z.uuid() }),
);
