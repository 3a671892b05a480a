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
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommentCreate,
  ModerationRpc,
  PostCreate,
  PostPatch,
  type Principal,
  ReactionSet,
  TimelinesRpc as R,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

const postId = (id: string) => parseOrBadRequest(z.uuid(), id, 'post id');
const HiddenSet = z.object({ hidden: z.boolean(), note: z.string().max(2000).optional() }).strict();

/** Posts in an intranet: the tree decides which. 404 whenever the caller may not see the post. */
function postsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/posts`)
  class PostsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Post()
    @ApiOperation({
      summary: 'Write a post: { body, audience, groupId?, namedUserIds?, mentions?, type?, … }',
    })
    @Takes(R.createPost)
    @Answers(R.createPost, {
      problems: {
        403: 'Only members post in a group; only editors write announcements and articles',
        409: 'The workgroup is archived (its team was dissolved)',
        422: 'A named or mentioned person’s account is no longer active',
      },
    })
    create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      return callRpc(this.nats, R.createPost, parseOrBadRequest(PostCreate, body ?? {}, 'post'), principal);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One post with its comments (404 when you may not see it)' })
    @Answers(R.getPost)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getPost, { id: postId(id) }, principal);
    }

    @Patch(':id')
    @ApiOperation({ summary: 'Edit (author; keeps history) or pin/unpin an announcement (editors)' })
    @Takes(PostPatch)
    @Answers(R.updatePost)
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(PostPatch, body ?? {}, 'change');
      return callRpc(this.nats, R.updatePost, { id: postId(id), patch }, principal);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: 'Delete (author) or remove (editors, moderators)' })
    @Answers(null)
    async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.deletePost, { id: postId(id) }, principal);
    }

    @Get(':id/history')
    @ApiOperation({ summary: 'Earlier versions of an edited post (author, editors, moderators)' })
    @Answers(R.postHistory)
    history(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.postHistory, { id: postId(id) }, principal);
    }

    @Put(':id/hidden')
    @ApiOperation({
      summary:
        'Moderation: { hidden: true|false, note? } (moderators). Decided by the moderation service (audit log); the post follows within a second',
    })
    @Takes(HiddenSet)
    @Answers(ModerationRpc.moderateContent)
    async hide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const { hidden, note } = parseOrBadRequest(HiddenSet, body ?? {}, 'body');
      // 404 for a post the caller cannot see, as for every post route
      await callRpc(this.nats, R.getPost, { id: postId(id) }, principal);
      return callRpc(
        this.nats,
        ModerationRpc.moderateContent,
        { contentType: 'post', contentId: postId(id), hidden, ...(note ? { note } : {}) },
        principal,
      );
    }

    @Post(':id/comments')
    @ApiOperation({ summary: 'Comment, or reply to a comment (parentId; one level)' })
    @Takes(CommentCreate)
    @Answers(R.createComment)
    comment(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(CommentCreate, body ?? {}, 'comment');
      return callRpc(this.nats, R.createComment, { postId: postId(id), ...input }, principal);
    }

    @Post(':id/reactions')
    @ApiOperation({ summary: 'React: { kind: like|heart|thanks|laugh|support } (one per person; replaces)' })
    @Takes(ReactionSet)
    @Answers(R.setReaction)
    react(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(ReactionSet, body ?? {}, 'reaction');
      return callRpc(this.nats, R.setReaction, { postId: postId(id), ...input }, principal);
    }

    @Delete(':id/reactions')
    @ApiOperation({ summary: 'Take your reaction back' })
    @Answers(R.removeReaction)
    unreact(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.removeReaction, { postId: postId(id) }, principal);
    }

    @Post(':id/confirmations')
    @ApiOperation({ summary: '"Gelezen": confirm having read an announcement' })
    @Answers(R.confirmRead)
    confirm(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.confirmRead, { postId: postId(id) }, principal);
    }

    @Get(':id/confirmations')
    @ApiOperation({ summary: 'Who has and has not confirmed (author, editors)' })
    @Answers(R.listConfirmations)
    confirmations(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.listConfirmations, { postId: postId(id) }, principal);
    }
  }
  return named(tree, 'Posts', PostsController);
}

export const StaffPostsController = postsController('staff');
export const ClientPostsController = postsController('client');
