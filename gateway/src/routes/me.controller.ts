import { Controller, Get, Inject, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RouteTree } from '@plein/auth';
import { IdentityRpc, type Principal, type User } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers } from '../http/route-docs.decorator.js';

/** `GET /me` in a route tree: the caller as identity knows them, with realm and roles. */
function meController(tree: Extract<RouteTree, 'staff' | 'client'>): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1`)
  class MeController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get('me')
    @ApiOperation({ summary: 'The caller: { id, realm, username, displayName, roles }' })
    @Answers(IdentityRpc.me)
    me(@CurrentPrincipal() principal: Principal): Promise<User> {
      return callRpc(this.nats, IdentityRpc.me, {}, principal);
    }
  }
  Object.defineProperty(MeController, 'name', {
    value: `${tree[0]!.toUpperCase()}${tree.slice(1)}MeController`,
  });
  return MeController;
}

export const StaffMeController = meController('staff');
export const ClientMeController = meController('client');
