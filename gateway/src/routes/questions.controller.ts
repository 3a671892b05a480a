import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcceptSet,
  AnswerCommentCreate,
  AnswerCreate,
  KnowledgeRpc as R,
  type Principal,
  QuestionCreate,
  QuestionListQuery,
  QuestionPatch,
  VoteSet,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

const uuid = (id: string, what: string) => parseOrBadRequest(z.uuid(), id, what);

/** The knowledge base's questions in an intranet: the tree decides which. 404 for what the caller may not see. */
function questionsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/questions`)
  class QuestionsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'Questions, newest first: ?filter=recent|unanswered&tag=&cursor=' })
    @TakesQuery(R.listQuestions)
    @Answers(R.listQuestions)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('filter') filter?: string,
      @Query('tag') tag?: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      const query = parseOrBadRequest(QuestionListQuery, { filter, tag, cursor, limit }, 'query');
      return callRpc(this.nats, R.listQuestions, query, principal);
    }

    @Post()
    @ApiOperation({
      summary: `Ask: { title, body, tags?, groupId?${tree === 'staff' ? ', anonymous?' : ''} }`,
    })
    @Takes(R.askQuestion)
    @Answers(R.askQuestion, {
      problems: { 403: 'You can only ask in a group you are a member of' },
    })
    ask(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      return callRpc(
        this.nats,
        R.askQuestion,
        parseOrBadRequest(QuestionCreate, body ?? {}, 'question'),
        principal,
      );
    }

    @Get(':id')
    @ApiOperation({ summary: 'One question with its answers (score, myVote, accepted)' })
    @Answers(R.getQuestion)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getQuestion, { id: uuid(id, 'question id') }, principal);
    }

    @Patch(':id')
    @ApiOperation({ summary: 'Edit a question (the asker, moderators)' })
    @Takes(QuestionPatch)
    @Answers(R.updateQuestion, { problems: { 403: 'Only the asker or a moderator edits a question' } })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(QuestionPatch, body ?? {}, 'change');
      return callRpc(this.nats, R.updateQuestion, { id: uuid(id, 'question id'), patch }, principal);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: 'Remove a question (the asker, moderators)' })
    @Answers(null, { problems: { 403: 'Only the asker or a moderator removes a question' } })
    async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.deleteQuestion, { id: uuid(id, 'question id') }, principal);
    }

    @Post(':id/answers')
    @ApiOperation({ summary: 'Answer: { body }' })
    @Takes(AnswerCreate)
    @Answers(R.postAnswer)
    answer(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(AnswerCreate, body ?? {}, 'answer');
      return callRpc(this.nats, R.postAnswer, { questionId: uuid(id, 'question id'), ...input }, principal);
    }

    @Put(':id/accepted')
    @ApiOperation({ summary: 'Accept an answer of this question: { answerId } (the asker or an editor)' })
    @Takes(AcceptSet)
    @Answers(R.acceptAnswer, { problems: { 403: 'Only the asker or an editor accepts an answer' } })
    accept(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const { answerId } = parseOrBadRequest(AcceptSet, body ?? {}, 'body');
      return callRpc(this.nats, R.acceptAnswer, { id: uuid(id, 'question id'), answerId }, principal);
    }

    @Put(':id/follow')
    @ApiOperation({ summary: 'Follow a question (told of new answers)' })
    @Answers(R.followQuestion)
    follow(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(
        this.nats,
        R.followQuestion,
        { id: uuid(id, 'question id'), following: true },
        principal,
      );
    }

    @Delete(':id/follow')
    @ApiOperation({ summary: 'Stop following a question' })
    @Answers(R.followQuestion)
    unfollow(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(
        this.nats,
        R.followQuestion,
        { id: uuid(id, 'question id'), following: false },
        principal,
      );
    }
  }
  return named(tree, 'Questions', QuestionsController);
}

/** Votes and comments on answers. */
function answersController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/answers`)
  class AnswersController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Put(':id/vote')
    @ApiOperation({ summary: 'Vote { value: 1|-1 }: one vote per person; voting again replaces it' })
    @Takes(VoteSet)
    @Answers(R.voteAnswer, { problems: { 403: 'You cannot vote on your own answer' } })
    vote(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const { value } = parseOrBadRequest(VoteSet, body ?? {}, 'vote');
      return callRpc(this.nats, R.voteAnswer, { id: uuid(id, 'answer id'), value }, principal);
    }

    @Delete(':id/vote')
    @ApiOperation({ summary: 'Take your vote back' })
    @Answers(R.unvoteAnswer)
    unvote(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.unvoteAnswer, { id: uuid(id, 'answer id') }, principal);
    }

    @Post(':id/comments')
    @ApiOperation({ summary: 'Comment on an answer: { body }' })
    @Takes(AnswerCommentCreate)
    @Answers(R.commentAnswer)
    comment(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(AnswerCommentCreate, body ?? {}, 'comment');
      return callRpc(this.nats, R.commentAnswer, { id: uuid(id, 'answer id'), ...input }, principal);
    }
  }
  return named(tree, 'Answers', AnswersController);
}

export const StaffQuestionsController = questionsController('staff');
export const ClientQuestionsController = questionsController('client');
export const StaffAnswersController = answersController('staff');
export const ClientAnswersController = answersController('client');
