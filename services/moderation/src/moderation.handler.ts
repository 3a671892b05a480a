import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ModerationRpc as R, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { AuditService } from './audit.service.js';
import { PrivacyService } from './privacy.js';
import { ReportService } from './report.service.js';
import { SubmissionService } from './submission.service.js';

const Export = personalDataExport('moderation');

/** Moderation's RPCs: one line per message, the work in the services. */
@Controller()
export class ModerationHandler {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly privacy: PrivacyService,
  ) {}

  @MessagePattern(R.createSubmission.pattern)
  createSubmission(@Payload() raw: unknown) {
    return handleRpc(R.createSubmission, raw, (d, p) => this.submissions.create(d, p!));
  }

  @MessagePattern(R.listSubmissions.pattern)
  listSubmissions(@Payload() raw: unknown) {
    return handleRpc(R.listSubmissions, raw, (q, p) => this.submissions.list(q, p!));
  }

  @MessagePattern(R.getSubmission.pattern)
  getSubmission(@Payload() raw: unknown) {
    return handleRpc(R.getSubmission, raw, ({ id }, p) => this.submissions.get(id, p!));
  }

  @MessagePattern(R.updateSubmission.pattern)
  updateSubmission(@Payload() raw: unknown) {
    return handleRpc(R.updateSubmission, raw, ({ id, change }, p) => this.submissions.update(id, change, p!));
  }

  @MessagePattern(R.commentSubmission.pattern)
  commentSubmission(@Payload() raw: unknown) {
    return handleRpc(R.commentSubmission, raw, ({ id, body }, p) => this.submissions.comment(id, body, p!));
  }

  @MessagePattern(R.decideSubmission.pattern)
  decideSubmission(@Payload() raw: unknown) {
    return handleRpc(R.decideSubmission, raw, ({ id, decision }, p) =>
      this.submissions.decide(id, decision, p!),
    );
  }

  @MessagePattern(R.createReport.pattern)
  createReport(@Payload() raw: unknown) {
    return handleRpc(R.createReport, raw, (d, p) => this.reports.create(d, p!));
  }

  @MessagePattern(R.listReports.pattern)
  listReports(@Payload() raw: unknown) {
    return handleRpc(R.listReports, raw, (q, p) => this.reports.list(q, p!));
  }

  @MessagePattern(R.decideReport.pattern)
  decideReport(@Payload() raw: unknown) {
    return handleRpc(R.decideReport, raw, ({ id, decision }, p) => this.reports.decide(id, decision, p!));
  }

  @MessagePattern(R.moderateContent.pattern)
  moderateContent(@Payload() raw: unknown) {
    return handleRpc(R.moderateContent, raw, (d, p) => this.reports.moderate(d, p!));
  }

  @MessagePattern(R.listAudit.pattern)
  listAudit(@Payload() raw: unknown) {
    return handleRpc(R.listAudit, raw, (q, p) => this.audit.list(q, p!));
  }

  @MessagePattern(Export.pattern)
  export(@Payload() raw: unknown) {
    return handleRpc(Export, raw, ({ userId }) => this.privacy.export(userId));
  }
}
