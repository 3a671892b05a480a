import { z } from 'zod';
import { defineEvent } from './events.js';
import { PersonCard } from './person.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';
import { POST_BODY_MAX, SafeRef } from './timelines.js';

/**
 * The moderation service's decisions about content other services own. The moderation service is not
 * built yet: these contracts are the interface, and each owning service consumes the events for its own
 * content types (timelines: `post`) and ignores the others.
 */
export const ModeratedContentType = z.enum([
  'post',
  'comment',
  'question',
  'answer',
  'article',
  'document',
  'activity',
]);
export type ModeratedContentType = z.infer<typeof ModeratedContentType>;

export const ContentModeration = z.object({
  contentType: ModeratedContentType,
  contentId: z.uuid(),
  /** The moderator who decided. */
  byUserId: z.uuid(),
  /** Why, for the author and the audit log (never shown to other readers). */
  reason: z.string().max(2000).optional(),
  /** The report that led to the decision, if any. */
  reportId: z.uuid().optional(),
});
export type ContentModeration = z.infer<typeof ContentModeration>;

/** Hidden for everyone but moderators and the author, who still see it, marked. */
export const ContentHidden = defineEvent('plein.moderation.content.hidden', ContentModeration);
export const ContentRestored = defineEvent('plein.moderation.content.restored', ContentModeration);

/** Where a submitted article stands. */
export const SubmissionState = z.enum(['submitted', 'returned', 'rejected', 'published']);
export type SubmissionState = z.infer<typeof SubmissionState>;

/**
 * A submission moved to a new state (an editor returned, rejected or published it, or the author resubmitted).
 * For the author's notification: `note` is the editor's feedback for the author; who decided is not carried.
 */
export const SubmissionStateChanged = defineEvent(
  'plein.moderation.submission.state-changed',
  z.object({
    submissionId: z.uuid(),
    authorId: z.uuid(),
    intranet: z.enum(['staff', 'client']),
    title: z.string(),
    state: SubmissionState,
    note: z.string().max(4000).optional(),
  }),
);

/** A moderator decided on a report. The reporter learns the outcome, never who decided. */
export const ReportDecided = defineEvent(
  'plein.moderation.report.decided',
  z.object({
    reportId: z.uuid(),
    reporterId: z.uuid(),
    contentType: ModeratedContentType,
    contentId: z.uuid(),
    action: z.enum(['hide', 'restore', 'dismiss']),
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// The personal-data guard (`@plein/auth` findPersonalData; `POST /guard/check`)
// ---------------------------------------------------------------------------------------------------------------

export const GuardFindingKind = z.enum(['bsn', 'phone', 'email', 'iban', 'address']);
export type GuardFindingKind = z.infer<typeof GuardFindingKind>;
/** Something in a text that looks like personal data: what, and where (`text.slice(start, end)`). */
export const GuardFinding = z.object({
  kind: GuardFindingKind,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type GuardFinding = z.infer<typeof GuardFinding>;
export const GuardCheck = z.object({ text: z.string().max(20_000) }).strict();
export const GuardResult = z.object({ findings: z.array(GuardFinding) });

// ---------------------------------------------------------------------------------------------------------------
// Submissions: an article proposed for the news
// ---------------------------------------------------------------------------------------------------------------

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

/** `POST /submissions`. `confirmPersonalData`: the author saw the guard's findings and sends it anyway. */
export const SubmissionCreate = z
  .object({
    title: text(200),
    body: text(POST_BODY_MAX),
    series: z.string().trim().min(1).max(100).optional(),
    image: SafeRef.optional(),
    confirmPersonalData: z.boolean().optional(),
  })
  .strict();
export type SubmissionCreate = z.infer<typeof SubmissionCreate>;

/** `PUT /submissions/{id}`: the author revises (a returned submission goes back to the queue). */
export const SubmissionUpdate = SubmissionCreate;
export type SubmissionUpdate = z.infer<typeof SubmissionUpdate>;

/** An editor's decision as the author sees it: what and why, never who. */
export const SubmissionFeedback = z.object({
  state: SubmissionState,
  note: z.string(),
  at: z.iso.datetime(),
});
export const SubmissionComment = z.object({
  id: z.uuid(),
  author: PersonCard,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type SubmissionComment = z.infer<typeof SubmissionComment>;
export const SubmissionCommentCreate = z.object({ body: text(4000) }).strict();

export const Submission = z.object({
  id: z.uuid(),
  intranet: Intranet,
  title: z.string(),
  body: z.string(),
  series: z.string().optional(),
  image: z.string().optional(),
  state: SubmissionState,
  author: PersonCard,
  mine: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Published: the news post (its id is the submission's). */
  postId: z.uuid().optional(),
  /** The editors' decisions, oldest first (the author sees them; who decided is for the audit log). */
  feedback: z.array(SubmissionFeedback),
  /** The editorial board's discussion (editors and client editors; not shown to the author). */
  comments: z.array(SubmissionComment).optional(),
});
export type Submission = z.infer<typeof Submission>;
export const SubmissionPage = z.object({ items: z.array(Submission), nextCursor: z.string().optional() });

const queryBool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
/** `GET /submissions`: `mine=true` the caller's own; otherwise the queue (editors, client editors). */
export const SubmissionListQuery = z.object({
  mine: queryBool.optional(),
  state: SubmissionState.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SubmissionDecision = z
  .object({ action: z.enum(['publish', 'return', 'reject']), note: z.string().max(4000).optional() })
  .strict()
  .refine((d) => d.action === 'publish' || (d.note ?? '').trim().length > 0, {
    message: 'returning or rejecting needs a note for the author',
    path: ['note'],
  });
export type SubmissionDecision = z.infer<typeof SubmissionDecision>;

/**
 * An editor published a submission: timelines makes it a news article (type `article`, audience organization)
 * in `intranet`, with id `submissionId`, credited to `authorId`; `editorId` is recorded with it.
 */
export const SubmissionPublished = defineEvent(
  'plein.moderation.submission.published',
  z.object({
    submissionId: z.uuid(),
    intranet: Intranet,
    authorId: z.uuid(),
    editorId: z.uuid(),
    title: z.string(),
    body: z.string(),
    series: z.string().optional(),
    image: z.string().optional(),
    publishedAt: z.iso.datetime(),
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Reports and the moderation queue
// ---------------------------------------------------------------------------------------------------------------

/**
 * `POST /reports`. A comment is reported with its post as `parentId`, an answer with its question: moderation asks
 * the owning service whether the reporter can read the content (404 when not).
 */
export const ReportCreate = z
  .object({
    contentType: ModeratedContentType,
    contentId: z.uuid(),
    parentId: z.uuid().optional(),
    reason: text(2000),
  })
  .strict()
  .refine((r) => !['comment', 'answer'].includes(r.contentType) || r.parentId, {
    message: 'a comment is reported with its post (parentId), an answer with its question',
    path: ['parentId'],
  });
export type ReportCreate = z.infer<typeof ReportCreate>;

export const ReportState = z.enum(['open', 'hidden', 'restored', 'dismissed']);
export type ReportState = z.infer<typeof ReportState>;
export const Report = z.object({
  id: z.uuid(),
  intranet: Intranet,
  contentType: ModeratedContentType,
  contentId: z.uuid(),
  parentId: z.uuid().optional(),
  reason: z.string(),
  state: ReportState,
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().optional(),
  /** The moderator's note: moderators only. */
  note: z.string().optional(),
  /** Who reported: moderators only (the person rule applies). */
  reporter: PersonCard.optional(),
});
export type Report = z.infer<typeof Report>;
export const ReportPage = z.object({ items: z.array(Report), nextCursor: z.string().optional() });
/** `GET /reports`: moderators the queue (`state`, default open); `mine=true` anyone their own reports. */
export const ReportListQuery = z.object({
  mine: queryBool.optional(),
  state: ReportState.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ReportDecision = z
  .object({ action: z.enum(['hide', 'restore', 'dismiss']), note: z.string().max(2000).optional() })
  .strict();
export type ReportDecision = z.infer<typeof ReportDecision>;

/** A moderator hides or restores content directly (`PUT /posts/{id}/hidden`), without a report. */
export const ContentModerate = z.object({
  contentType: ModeratedContentType,
  contentId: z.uuid(),
  hidden: z.boolean(),
  note: z.string().max(2000).optional(),
});
export const ContentModerated = z.object({
  contentType: ModeratedContentType,
  contentId: z.uuid(),
  hidden: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------------------
// The audit log (append-only)
// ---------------------------------------------------------------------------------------------------------------

export const AuditEntry = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  /** Who acted: a user id, or null once that person was erased (`actorErased`). */
  actorId: z.uuid().nullable(),
  actorErased: z.boolean(),
  /** E.g. `submission.publish`, `report.hide`, `content.restore`, `person.erased`. */
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  reason: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.object({
  actor: z.uuid().optional(),
  action: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().optional() });

const byId = z.object({ id: z.uuid() });

export const ModerationRpc = {
  createSubmission: defineRpc('moderation.submission.create', SubmissionCreate, Submission),
  listSubmissions: defineRpc('moderation.submission.list', SubmissionListQuery, SubmissionPage),
  getSubmission: defineRpc('moderation.submission.get', byId, Submission),
  updateSubmission: defineRpc(
    'moderation.submission.update',
    byId.extend({ change: SubmissionUpdate }),
    Submission,
  ),
  commentSubmission: defineRpc(
    'moderation.submission.comment',
    byId.extend(SubmissionCommentCreate.shape),
    SubmissionComment,
  ),
  decideSubmission: defineRpc(
    'moderation.submission.decide',
    byId.extend({ decision: SubmissionDecision }),
    Submission,
  ),
  createReport: defineRpc('moderation.report.create', ReportCreate, Report),
  listReports: defineRpc('moderation.report.list', ReportListQuery, ReportPage),
  decideReport: defineRpc('moderation.report.decide', byId.extend({ decision: ReportDecision }), Report),
  moderateContent: defineRpc('moderation.content.moderate', ContentModerate, ContentModerated),
  listAudit: defineRpc('moderation.audit.list', AuditQuery, AuditPage),
} as const;
