import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GroupCreate,
  MemberAdd,
  type Principal,
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

const uuid = (v: string, what: string) => parseOrBadRequest(z.uuid(), v, what);

function groupsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/groups`)
  class GroupsController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'Groups of this intranet (secret ones only when you are in them)' })
    @Answers(R.listGroups)
    list(@CurrentPrincipal() p: Principal) {
      return callRpc(this.nats, R.listGroups, {}, p);
    }

    @Post()
    @ApiOperation({
      summary: 'Start a group: { name, description?, kind: open|closed|secret }; you become its admin',
    })
    @Takes(R.createGroup)
    @Answers(R.createGroup)
    create(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
      return callRpc(this.nats, R.createGroup, parseOrBadRequest(GroupCreate, body ?? {}, 'group'), p);
    }

    @Get(':id')
    @ApiOperation({ summary: 'One group (404 for a secret group you are not in)' })
    @Answers(R.getGroup)
    get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getGroup, { id: uuid(id, 'group id') }, p);
    }

    @Put(':id/follow')
    @HttpCode(204)
    @ApiOperation({
      summary:
        'Follow a group you are a member of: its posts come into your home feed (idempotent; 403 not_a_member)',
    })
    @Answers(null, { problems: { 403: 'Only members follow a group (not_a_member)' } })
    async follow(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.followGroup, { groupId: uuid(id, 'group id') }, p);
    }

    @Delete(':id/follow')
    @HttpCode(204)
    @ApiOperation({
      summary: 'Stop following a group: you stay a member, its posts stay out of your home feed (idempotent)',
    })
    @Answers(null)
    async unfollow(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.unfollowGroup, { groupId: uuid(id, 'group id') }, p);
    }

    @Get(':id/members')
    @ApiOperation({ summary: 'Members (admins also see requests and invitations)' })
    @Answers(R.listMembers)
    members(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.listMembers, { groupId: uuid(id, 'group id') }, p);
    }

    @Post(':id/members')
    @ApiOperation({ summary: 'Join / ask to join ({}), or as admin approve or invite ({ userId })' })
    @Takes(MemberAdd)
    @Answers(R.addMember, {
      problems: {
        409: "A workgroup's members are its team's: change the team in the directory",
        422: 'The person’s account is no longer active',
      },
    })
    add(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
      const input = parseOrBadRequest(MemberAdd, body ?? {}, 'member');
      return callRpc(this.nats, R.addMember, { groupId: uuid(id, 'group id'), ...input }, p);
    }

    @Delete(':id/members/:userId')
    @HttpCode(204)
    @ApiOperation({ summary: 'Leave, or as admin remove someone' })
    @Answers(null, {
      problems: { 409: "A workgroup's members are its team's: change the team in the directory" },
    })
    async remove(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('userId') userId: string) {
      await callRpc(
        this.nats,
        R.removeMember,
        { groupId: uuid(id, 'group id'), userId: uuid(userId, 'user id') },
        p,
      );
    }
  }
  return named(tree, 'Groups', GroupsController);
}

export const StaffGroupsController = groupsController('staff');
export const ClientGroupsController = groupsController('client');
