import { type ApiClient, toQueryString } from './api-client.js';
import type { PersonCard } from './knowledge.js';

/** The moderation service's shapes as the portals read them (libs/contracts/src/moderation.ts is the source). */
export type SubmissionState = 'submitted' | 'returned' | 'rejected' | 'published';
export interface Submission {
  id: string;
  intranet: 'staff' | 'client';
  title: string;
  body: string;
  series?: string;
  state: SubmissionState;
  author: PersonCard;
  mine: boolean;
  createdAt: string;
  updatedAt: string;
  postId?: string;
  feedback: { state: SubmissionState; note: string; at: string }[];
  comments?: { id: string; author: PersonCard; body: string; createdAt: string }[];
}
export interface SubmissionInput {
  title: string;
  body: string;
  series?: string;
  confirmPersonalData?: boolean;
}
export interface Report {
  id: string;
  contentType: string;
  contentId: string;
  parentId?: string;
  reason: string;
  state: 'open' | 'hidden' | 'restored' | 'dismissed';
  createdAt: string;
  note?: string;
  reporter?: PersonCard;
}
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorErased: boolean;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}
type Page<T> = { items: T[]; nextCursor?: string };
const id = (value: string) => encodeURIComponent(value);

export function moderationApi(http: ApiClient) {
  return {
    submissions: (query: { mine?: boolean; state?: SubmissionState; cursor?: string } = {}) =>
      http.get<Page<Submission>>('/submissions', query),
    submission: (submissionId: string) => http.get<Submission>(`/submissions/${id(submissionId)}`),
    submit: (input: SubmissionInput) => http.post<Submission>('/submissions', input),
    revise: (submissionId: string, input: SubmissionInput) =>
      http.put<Submission>(`/submissions/${id(submissionId)}`, input),
    comment: (submissionId: string, body: string) =>
      http.post<{ id: string }>(`/submissions/${id(submissionId)}/comments`, { body }),
    decide: (submissionId: string, action: 'publish' | 'return' | 'reject', note?: string) =>
      http.post<Submission>(`/submissions/${id(submissionId)}/decision`, {
        action,
        ...(note ? { note } : {}),
      }),
    reports: (query: { mine?: boolean; state?: Report['state']; cursor?: string } = {}) =>
      http.get<Page<Report>>('/reports', query),
    decideReport: (reportId: string, action: 'hide' | 'restore' | 'dismiss', note?: string) =>
      http.post<Report>(`/reports/${id(reportId)}/decision`, { action, ...(note ? { note } : {}) }),
  };
}
export type ModerationApi = ReturnType<typeof moderationApi>;

export function auditApi(http: ApiClient) {
  return {
    audit: (query: { actor?: string; action?: string; cursor?: string } = {}) =>
      http.get<Page<AuditEntry>>('/audit', query),
    /** The CSV export behind the token, as an object URL to download. */
    csvUrl: (query: { actor?: string; action?: string }) =>
      http.objectUrl(`${http.base}/audit.csv${toQueryString(query)}`),
  };
}
export type AuditApi = ReturnType<typeof auditApi>;
