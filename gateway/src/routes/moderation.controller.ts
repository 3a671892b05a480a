import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { findPersonalData } from '@plein/auth';
import {
  type AuditEntry,
  AuditQuery,
  GuardCheck,
  GuardResult,
  KnowledgeRpc,
  ModerationRpc as R,
  PleinError,
  type Principal,
  ReportCreate,
  ReportDecision,
  ReportListQuery,
  SubmissionCommentCreate,
  SubmissionCreate,
  SubmissionDecision,
  SubmissionListQuery,
  SubmissionUpdate,
  TimelinesRpc,
  notFound,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

const uuid = (id: string, what: string) => parseOrBadRequest(z.uuid(), id, what);

/** Submissions: articles proposed for the news of the tree's intranet (moderation). */
function submissionsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/submissions`)
  class SubmissionsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Post()
    @ApiOperation({
      summary: 'Submit an article for the news: { title, body, series?, image?, confirmPersonalData? }',
    })
    @Takes(SubmissionCreate)
    @Answers(R.createSubmission, {
      problems: {
        422: 'The text looks like it holds personal data (details.findings); confirm or change it',
      },
    })
    create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      const input = parseOrBadRequest(SubmissionCreate, body ?? {}, 'submission');
      return callRpc(this.nats, R.createSubmission, input, principal);
    }

    @Get()
    @ApiOperation({
      summary: 'Your submissions (?mine=true) or the queue (editors, client editors): ?state=&cursor=',
    })
    @TakesQuery(SubmissionListQuery)
    @Answers(R.listSubmissions)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('mine') mine?: string,
      @Query('state') state?: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      const query = parseOrBadRequest(SubmissionListQuery, { mine, state, cursor, limit }, 'query');
      return callRpc(this.nats, R.listSubmissions, query, principal);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One submission with its feedback (and, for the board, its comments)' })
    @Answers(R.getSubmission)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getSubmission, { id: uuid(id, 'submission id') }, principal);
    }

    @Put(':id')
    @ApiOperation({
      summary: 'Revise (author; a returned submission goes back to the queue) or correct (editors)',
    })
    @Takes(SubmissionUpdate)
    @Answers(R.updateSubmission, {
      problems: {
        409: 'The submission was published or rejected',
        422: 'The text looks like it holds personal data (details.findings); confirm or change it',
      },
    })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const change = parseOrBadRequest(SubmissionUpdate, body ?? {}, 'submission');
      return callRpc(this.nats, R.updateSubmission, { id: uuid(id, 'submission id'), change }, principal);
    }

    @Post(':id/comments')
    @ApiOperation({ summary: 'The editorial board discusses: { body } (editors, client editors)' })
    @Takes(SubmissionCommentCreate)
    @Answers(R.commentSubmission)
    comment(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(SubmissionCommentCreate, body ?? {}, 'comment');
      return callRpc(this.nats, R.commentSubmission, { id: uuid(id, 'submission id'), ...input }, principal);
    }

    @Post(':id/decision')
    @HttpCode(200)
    @ApiOperation({ summary: 'Editors decide: { action: publish|return|reject, note }' })
    @Takes(SubmissionDecision)
    @Answers(R.decideSubmission, { problems: { 409: 'The submission is not waiting for a decision' } })
    decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const decision = parseOrBadRequest(SubmissionDecision, body ?? {}, 'decision');
      return callRpc(this.nats, R.decideSubmission, { id: uuid(id, 'submission id'), decision }, principal);
    }
  }
  return named(tree, 'Submissions', SubmissionsController);
}

/**
 * Whether the reporter can see what they report: the owning service's read RPC answers for this principal (a
 * comment is looked up in its post, an answer in its question). 404 when not, the same as for nothing at all.
 */
async function assertCanSee(nats: ClientProxy, r: ReportCreate, principal: Principal): Promise<void> {
  switch (r.contentType) {
    case 'post':
      await callRpc(nats, TimelinesRpc.getPost, { id: r.contentId }, principal);
      return;
    case 'comment': {
      const post = await callRpc(nats, TimelinesRpc.getPost, { id: r.parentId! }, principal);
      if (!post.comments.some((c) => c.id === r.contentId)) throw notFound('No such comment');
      return;
    }
    case 'question':
      await callRpc(nats, KnowledgeRpc.getQuestion, { id: r.contentId }, principal);
      return;
    case 'answer': {
      const q = await callRpc(nats, KnowledgeRpc.getQuestion, { id: r.parentId! }, principal);
      if (!q.answers.some((a) => a.id === r.contentId)) throw notFound('No such answer');
      return;
    }
    case 'article':
      await callRpc(nats, KnowledgeRpc.getArticle, { id: r.contentId }, principal);
      return;
    case 'document':
    case 'activity':
      // their services have no read RPC to ask yet
      throw new PleinError(422, 'not_reportable', `Reporting a ${r.contentType} is not possible yet`);
  }
}

/** Reports on content, and the moderators' queue. */
function reportsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/reports`)
  class ReportsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Post()
    @ApiOperation({
      summary:
        'Report content you can see: { contentType, contentId, parentId? (comment: its post), reason }',
    })
    @Takes(ReportCreate)
    @Answers(R.createReport, { problems: { 422: 'This kind of content cannot be reported yet' } })
    async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      const input = parseOrBadRequest(ReportCreate, body ?? {}, 'report');
      await assertCanSee(this.nats, input, principal);
      return callRpc(this.nats, R.createReport, input, principal);
    }

    @Get()
    @ApiOperation({
      summary: 'The report queue (moderators; ?state=open by default) or your own (?mine=true)',
    })
    @TakesQuery(ReportListQuery)
    @Answers(R.listReports)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('mine') mine?: string,
      @Query('state') state?: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      const query = parseOrBadRequest(ReportListQuery, { mine, state, cursor, limit }, 'query');
      return callRpc(this.nats, R.listReports, query, principal);
    }

    @Post(':id/decision')
    @HttpCode(200)
    @ApiOperation({ summary: 'Moderators decide: { action: hide|restore|dismiss, note? }' })
    @Takes(ReportDecision)
    @Answers(R.decideReport, { problems: { 409: 'The report was decided already' } })
    decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const decision = parseOrBadRequest(ReportDecision, body ?? {}, 'decision');
      return callRpc(this.nats, R.decideReport, { id: uuid(id, 'report id'), decision }, principal);
    }
  }
  return named(tree, 'Reports', ReportsController);
}

/** The personal-data guard, for a portal to warn while the author writes. */
function guardController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/guard`)
  class GuardController {
    @Post('check')
    @HttpCode(200)
    @ApiOperation({
      summary: 'Does this text look like it holds personal data (BSN, phone, e-mail, IBAN, address)?',
    })
    @Takes(GuardCheck)
    @Answers(GuardResult)
    check(@Body() body: unknown) {
      const { text } = parseOrBadRequest(GuardCheck, body ?? {}, 'text');
      return { findings: findPersonalData(text) };
    }
  }
  return named(tree, 'Guard', GuardController);
}

export const StaffSubmissionsController = submissionsController('staff');
export const ClientSubmissionsController = submissionsController('client');
export const StaffReportsController = reportsController('staff');
export const ClientReportsController = reportsController('client');
export const StaffGuardController = guardController('staff');
export const ClientGuardController = guardController('client');

const CSV_COLUMNS = [
  'at',
  'actor',
  'action',
  'subjectType',
  'subjectId',
  'reason',
  'before',
  'after',
] as const;
const csvCell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // a leading = + - @ would be a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const csvRow = (e: AuditEntry) =>
  [
    e.at,
    e.actorErased ? 'erased' : (e.actorId ?? ''),
    e.action,
    e.subjectType,
    e.subjectId,
    e.reason,
    e.before,
    e.after,
  ]
    .map(csvCell)
    .join(',');
const AuditCsvQuery = AuditQuery.pick({ actor: true, action: true });

/** The audit log of editorial and moderation actions: read-only, admins. No route changes or deletes an entry. */
@ApiTags('administration')
@InTree('admin')
@Controller('api/admin/v1')
export class AdminAuditController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Get('audit')
  @ApiOperation({ summary: 'The audit log, newest first: ?actor=&action=&cursor=' })
  @TakesQuery(AuditQuery)
  @Answers(R.listAudit)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('actor') actor?: string,
    @Query('action') action?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ) {
    const query = parseOrBadRequest(AuditQuery, { actor, action, cursor, limit }, 'query');
    return callRpc(this.nats, R.listAudit, query, principal);
  }

  @Get('audit.csv')
  @ApiOperation({ summary: 'The audit log as CSV (the same filters), for export' })
  @TakesQuery(AuditCsvQuery)
  @Answers({ media: ['text/csv'], description: 'Every matching entry, newest first' })
  async csv(
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
    @Query('actor') actor?: string,
    @Query('action') action?: string,
  ): Promise<void> {
    const filter = parseOrBadRequest(AuditCsvQuery, { actor, action }, 'query');
    // the first page before any header, so a refusal is still a problem answer
    let page = await callRpc(this.nats, R.listAudit, { ...filter, limit: 1000 }, principal);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="plein-audit.csv"')
      .set('Cache-Control', 'no-store');
    res.write(`${CSV_COLUMNS.join(',')}\n`);
    for (;;) {
      for (const e of page.items) res.write(`${csvRow(e)}\n`);
      if (!page.nextCursor) break;
      page = await callRpc(
        this.nats,
        R.listAudit,
        { ...filter, limit: 1000, cursor: page.nextCursor },
        principal,
      );
    }
    res.end();
  }
}
