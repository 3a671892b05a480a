import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Intranet, ModeratedContentType, Realm, ReportState, SubmissionState } from '@plein/contracts';
import { definePersonFactsEntity } from '@plein/persistence';

/** People as moderation shows them: learnt from the principal of each writing request. */
export const PersonEntity = defineEntity({
  name: 'ModerationPerson',
  tableName: 'people',
  properties: {
    id: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    displayName: p.text(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/** The directory's facts about a person (the person rule's input), from `plein.directory.profile.*`. */
export const PersonFactsEntity = definePersonFactsEntity('ModerationPersonFacts');

/** An article proposed for the news of an intranet. */
export const SubmissionEntity = defineEntity({
  name: 'Submission',
  tableName: 'submissions',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    authorId: p.uuid(),
    title: p.text(),
    body: p.text(),
    series: p.text().nullable(),
    image: p.text().nullable(),
    state: p.string().$type<SubmissionState>(),
    /** The editor who published it. */
    publishedBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Submission = InstanceType<typeof SubmissionEntity.class>;

/** An editor's decision: the state it led to, the note for the author, and who (for the audit log only). */
export const SubmissionDecisionEntity = defineEntity({
  name: 'SubmissionDecision',
  tableName: 'submission_decisions',
  properties: {
    id: p.uuid().primary(),
    submissionId: p.uuid(),
    state: p.string().$type<SubmissionState>(),
    note: p.text(),
    editorId: p.uuid().nullable(),
    at: p.datetime().onCreate(() => new Date()),
  },
});
export type SubmissionDecisionRow = InstanceType<typeof SubmissionDecisionEntity.class>;

/** The editorial board's discussion of a submission. */
export const SubmissionCommentEntity = defineEntity({
  name: 'SubmissionComment',
  tableName: 'submission_comments',
  properties: {
    id: p.uuid().primary(),
    submissionId: p.uuid(),
    /** Null once its author was erased. */
    authorId: p.uuid().nullable(),
    body: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SubmissionCommentRow = InstanceType<typeof SubmissionCommentEntity.class>;

/** Someone reported a piece of content; a moderator decides. */
export const ReportEntity = defineEntity({
  name: 'Report',
  tableName: 'reports',
  properties: {
    id: p.uuid().primary(),
    intranet: p.string().$type<Intranet>(),
    contentType: p.string().$type<ModeratedContentType>(),
    contentId: p.uuid(),
    parentId: p.uuid().nullable(),
    /** Null once the reporter was erased. */
    reporterId: p.uuid().nullable(),
    reason: p.text(),
    state: p.string().$type<ReportState>(),
    note: p.text().nullable(),
    decidedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Report = InstanceType<typeof ReportEntity.class>;

/** One entry of the append-only audit log (the database refuses UPDATE and DELETE). */
export const AuditEntryEntity = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    id: p.uuid().primary(),
    at: p.datetime().onCreate(() => new Date()),
    actorId: p.uuid().nullable(),
    action: p.text(),
    subjectType: p.text(),
    subjectId: p.text(),
    reason: p.text().nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export type AuditEntryRow = InstanceType<typeof AuditEntryEntity.class>;

export const MODERATION_ENTITIES = [
  PersonEntity,
  PersonFactsEntity,
  SubmissionEntity,
  SubmissionDecisionEntity,
  SubmissionCommentEntity,
  ReportEntity,
  AuditEntryEntity,
];
