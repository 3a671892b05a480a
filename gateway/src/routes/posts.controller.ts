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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommentCreate,
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
import { type IntranetTree, named } from './tree-controller.js';

const postId = (id: string) => parseOrBadRequest(z.uuid(), id, 'post id');

/** Posts in an intranet: the tree decides which. 404 whenever the caller may not see the post. */
function postsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @ApiBearerAuth(tree === 'staff' ? 'staff' : 'clients')
  @InTree(tree)
  @Controller(`api/${tree}/v1/posts`)
  class PostsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Post()
    @ApiOperation({
      summary: 'Write a post: { body, audience, groupId?, namedUserIds?, mentions?, type?, … }',
    })
    create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      return callRpc(this.nats, R.createPost, parseOrBadRequest(PostCreate, body ?? {}, 'post'), principal);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One post with its comments (404 when you may not see it)' })
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getPost, { id: postId(id) }, principal);
    }

    @Patch(':id')
    @ApiOperation({ summary: 'Edit (author; keeps history) or pin/unpin an announcement (editors)' })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(PostPatch, body ?? {}, 'change');
      return callRpc(this.nats, R.updatePost, { id: postId(id), patch }, principal);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: 'Delete (author) or remove (editors, moderators)' })
    async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.deletePost, { id: postId(id) }, principal);
    }

    @Get(':id/history')
    @ApiOperation({ summary: 'Earlier versions of an edited post (author, editors, moderators)' })
    history(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.postHistory, { id: postId(id) }, principal);
    }

    @Put(':id/hidden')
    @ApiOperation({ summary: 'Moderation: { hidden: true|false } (moderators)' })
    hide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const { hidden } = parseOrBadRequest(z.object({ hidden: z.boolean() }).strict(), body ?? {}, 'body');
      return callRpc(this.nats, R.hidePost, { id: postId(id), hidden }, principal);
    }

    @Post(':id/comments')
    @ApiOperation({ summary: 'Comment, or reply to a comment (parentId; one level)' })
    comment(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(CommentCreate, body ?? {}, 'comment');
      return callRpc(this.nats, R.createComment, { postId: postId(id), ...input }, principal);
    }

    @Post(':id/reactions')
    @ApiOperation({ summary: 'React: { kind: like|heart|thanks|laugh|support } (one per person; replaces)' })
    react(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(ReactionSet, body ?? {}, 'reaction');
      return callRpc(this.nats, R.setReaction, { postId: postId(id), ...input }, principal);
    }

    @Delete(':id/reactions')
    @ApiOperation({ summary: 'Take your reaction back' })
    unreact(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.removeReaction, { postId: postId(id) }, principal);
    }

    @Post(':id/confirmations')
    @ApiOperation({ summary: '"Gelezen": confirm having read an announcement' })
    confirm(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.confirmRead, { postId: postId(id) }, principal);
    }

    @Get(':id/confirmations')
    @ApiOperation({ summary: 'Who has and has not confirmed (author, editors)' })
    confirmations(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.listConfirmations, { postId: postId(id) }, principal);
    }
  }
  return named(tree, 'Posts', PostsController);
}

export const StaffPostsController = postsController('staff');
export const ClientPostsController = postsController('client');
