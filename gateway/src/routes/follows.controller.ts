import { Controller, Delete, Get, HttpCode, Inject, Param, Put, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Principal, TimelinesRpc as R, parseOrBadRequest } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

function followsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/follows`)
  class FollowsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'Whom I follow' })
    @Answers(R.listFollows)
    list(@CurrentPrincipal() p: Principal) {
      return callRpc(this.nats, R.listFollows, {}, p);
    }

    @Put(':userId')
    @HttpCode(204)
    @ApiOperation({ summary: 'Follow a person (idempotent)' })
    @Answers(null, { problems: { 422: 'The person’s account is no longer active' } })
    async follow(@CurrentPrincipal() p: Principal, @Param('userId') userId: string): Promise<void> {
      await callRpc(this.nats, R.follow, { userId: parseOrBadRequest(z.uuid(), userId, 'user id') }, p);
    }

    @Delete(':userId')
    @HttpCode(204)
    @ApiOperation({ summary: 'Stop following (idempotent)' })
    @Answers(null)
    async unfollow(@CurrentPrincipal() p: Principal, @Param('userId') userId: string): Promise<void> {
      await callRpc(this.nats, R.unfollow, { userId: parseOrBadRequest(z.uuid(), userId, 'user id') }, p);
    }
  }
  return named(tree, 'Follows', FollowsController);
}

export const StaffFollowsController = followsController('staff');
export const ClientFollowsController = followsController('client');
