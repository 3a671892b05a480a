import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ArticleCreate,
  ArticlePatch,
  ChapterCreate,
  DiffQuery,
  KnowledgeRpc as R,
  type Principal,
  ReviewDueQuery,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';

const articleId = (id: string) => parseOrBadRequest(z.uuid(), id, 'article id');

/** The quality handbook: staff intranet only; editors and admins write it. */
@ApiTags('staff intranet')
@InTree('staff')
@Controller('api/staff/v1/handbook')
export class StaffHandbookController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Get()
  @ApiOperation({ summary: 'Chapters with their articles (readers: published ones only)' })
  @Answers(R.listChapters)
  chapters(@CurrentPrincipal() principal: Principal) {
    return callRpc(this.nats, R.listChapters, {}, principal);
  }

  @Post('chapters')
  @ApiOperation({ summary: 'A new chapter: { slug, title, position? } (editors, admins)' })
  @Takes(R.createChapter)
  @Answers(R.createChapter, { problems: { 403: 'Editors and admins write the handbook' } })
  createChapter(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return callRpc(
      this.nats,
      R.createChapter,
      parseOrBadRequest(ChapterCreate, body ?? {}, 'chapter'),
      principal,
    );
  }

  @Get('review-due')
  @ApiOperation({ summary: 'Articles whose review date has come (?within=days to look ahead)' })
  @TakesQuery(R.reviewDue)
  @Answers(R.reviewDue)
  reviewDue(@CurrentPrincipal() principal: Principal, @Query('within') within?: string) {
    return callRpc(this.nats, R.reviewDue, parseOrBadRequest(ReviewDueQuery, { within }, 'query'), principal);
  }

  @Post('articles')
  @ApiOperation({
    summary: 'A new article: { chapterId, title, body, changeNote?, ownerId?, reviewBy?, state? }',
  })
  @Takes(R.createArticle)
  @Answers(R.createArticle, { problems: { 403: 'Editors and admins write the handbook' } })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return callRpc(
      this.nats,
      R.createArticle,
      parseOrBadRequest(ArticleCreate, body ?? {}, 'article'),
      principal,
    );
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One article: the published version (editors: the newest)' })
  @Answers(R.getArticle)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callRpc(this.nats, R.getArticle, { id: articleId(id) }, principal);
  }

  @Patch('articles/:id')
  @ApiOperation({ summary: 'Edit: a new version { title?, body?, changeNote, state?, ownerId?, reviewBy? }' })
  @Takes(ArticlePatch)
  @Answers(R.updateArticle, { problems: { 403: 'Editors and admins write the handbook' } })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseOrBadRequest(ArticlePatch, body ?? {}, 'change');
    return callRpc(this.nats, R.updateArticle, { id: articleId(id), patch }, principal);
  }

  @Get('articles/:id/versions')
  @ApiOperation({ summary: 'The versions: { items: [{ n, changeNote, author, at }] }' })
  @Answers(R.listVersions)
  versions(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callRpc(this.nats, R.listVersions, { id: articleId(id) }, principal);
  }

  @Get('articles/:id/versions/:n')
  @ApiOperation({ summary: 'One version' })
  @Answers(R.getVersion, { params: { n: z.number().int().min(1).describe('The version number (1, 2, …)') } })
  version(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('n') n: string) {
    const { n: num } = parseOrBadRequest(z.object({ n: z.coerce.number().int().min(1) }), { n }, 'version');
    return callRpc(this.nats, R.getVersion, { id: articleId(id), n: num }, principal);
  }

  @Get('articles/:id/diff')
  @ApiOperation({ summary: 'The diff between two versions: ?from=&to=' })
  @TakesQuery(DiffQuery)
  @Answers(R.diffVersions)
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    const q = parseOrBadRequest(DiffQuery, { from, to }, 'query');
    return callRpc(this.nats, R.diffVersions, { id: articleId(id), ...q }, principal);
  }
}
