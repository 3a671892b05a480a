import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErasureRequested, type PersonalData, ProfileCreated, ProfileUpdated } from '@plein/contracts';
import { type ConsumerSpec, confirmErasure } from '@plein/messaging';
import { appendAudit, erasedActor, erasedSubject } from './audit.js';
import {
  AuditEntryEntity,
  PersonEntity,
  PersonFactsEntity,
  ReportEntity,
  SubmissionCommentEntity,
  SubmissionDecisionEntity,
  SubmissionEntity,
} from './entities/index.js';
import { People } from './people.js';
import { SERVICE } from './moderation.config.js';

/**
 * The right to erasure (AVG): the person's submissions (with their decisions and comments) and their own board
 * comments are removed; the reports they made stay for the moderators but without the reporter (anonymised);
 * an editor's id on decisions is cleared. The audit log is append-only: it holds only actor ids (never names);
 * the person's entries get their pseudonym as actor (the one change the log allows, `erasedActor`) and an entry
 * `person.erased` (about the pseudonym, never the id) is appended, after which every entry of that actor is shown
 * as "erased" and the id is no longer given out. All in one transaction with the confirmation in the outbox; a redelivered request
 * finds nothing left and confirms again.
 */
export async function erase(tx: EntityManager, d: typeof ErasureRequested.data._output): Promise<void> {
  const userId = d.userId;
  const submissions = await tx.find(SubmissionEntity, { authorId: userId }, { fields: ['id'] });
  const ids = submissions.map((s) => s.id);
  const decisions = ids.length
    ? await tx.nativeDelete(SubmissionDecisionEntity, { submissionId: { $in: ids } })
    : 0;
  const ownComments = await tx.nativeDelete(SubmissionCommentEntity, {
    $or: [{ authorId: userId }, ...(ids.length ? [{ submissionId: { $in: ids } }] : [])],
  });
  const removedSubmissions = ids.length ? await tx.nativeDelete(SubmissionEntity, { id: { $in: ids } }) : 0;
  const reports = await tx.nativeUpdate(ReportEntity, { reporterId: userId }, { reporterId: null });
  const editorOn = await tx.nativeUpdate(SubmissionDecisionEntity, { editorId: userId }, { editorId: null });
  const published = await tx.nativeUpdate(SubmissionEntity, { publishedBy: userId }, { publishedBy: null });
  const people =
    (await tx.nativeDelete(PersonEntity, { id: userId })) +
    (await tx.nativeDelete(PersonFactsEntity, { userId }));
  const actorEntries = await tx.nativeUpdate(
    AuditEntryEntity,
    { actorId: userId },
    { actorId: erasedActor(userId) },
  );
  const subjectId = erasedSubject(userId);
  const already = await tx.count(AuditEntryEntity, { action: 'person.erased', subjectId });
  if (already === 0)
    appendAudit(tx, {
      actorId: d.byUserId,
      action: 'person.erased',
      subjectType: 'person',
      subjectId,
      after: { erasureId: d.erasureId },
    });
  confirmErasure(
    tx,
    SERVICE,
    { erasureId: d.erasureId, userId },
    {
      removed: { submissions: removedSubmissions, decisions, comments: ownComments, people },
      anonymised: { reports, decisions: editorOn, publications: published, auditEntries: actorEntries },
    },
  );
}

/** What moderation holds of one person, for `GET /me/export`: their submissions, comments and reports. */
@Injectable()
export class PrivacyService {
  constructor(private readonly em: EntityManager) {}

  async export(userId: string): Promise<PersonalData> {
    const submissions = await this.em.find(
      SubmissionEntity,
      { authorId: userId },
      { orderBy: { createdAt: 'asc' } },
    );
    const feedback = submissions.length
      ? await this.em.find(SubmissionDecisionEntity, { submissionId: { $in: submissions.map((s) => s.id) } })
      : [];
    const comments = await this.em.find(
      SubmissionCommentEntity,
      { authorId: userId },
      { orderBy: { createdAt: 'asc' } },
    );
    const reports = await this.em.find(
      ReportEntity,
      { reporterId: userId },
      { orderBy: { createdAt: 'asc' } },
    );
    return {
      service: SERVICE,
      sections: {
        submissions: submissions.map((s) => ({
          id: s.id,
          intranet: s.intranet,
          title: s.title,
          body: s.body,
          series: s.series,
          image: s.image,
          state: s.state,
          createdAt: s.createdAt.toISOString(),
          feedback: feedback
            .filter((f) => f.submissionId === s.id)
            .map((f) => ({ state: f.state, note: f.note, at: f.at.toISOString() })),
        })),
        submissionComments: comments.map((c) => ({
          id: c.id,
          submissionId: c.submissionId,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
        reports: reports.map((r) => ({
          id: r.id,
          contentType: r.contentType,
          contentId: r.contentId,
          reason: r.reason,
          state: r.state,
          createdAt: r.createdAt.toISOString(),
        })),
      },
    };
  }
}

export const moderationConsumers: ConsumerSpec<never>[] = [
  { durable: 'moderation-erasure', event: ErasureRequested, handle: erase } as ConsumerSpec<
    typeof ErasureRequested.data
  > as unknown as ConsumerSpec<never>,
  {
    durable: 'moderation-directory-profile-created',
    event: ProfileCreated,
    handle: (tx, data, e) => new People(tx).follow(data, e.occurredAt),
  } as ConsumerSpec<typeof ProfileCreated.data> as unknown as ConsumerSpec<never>,
  {
    durable: 'moderation-directory-profile-updated',
    event: ProfileUpdated,
    handle: (tx, data, e) => new People(tx).follow(data, e.occurredAt),
  } as ConsumerSpec<typeof ProfileUpdated.data> as unknown as ConsumerSpec<never>,
];
