import { z } from 'zod';
import { defineEvent } from './events.js';

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
