import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentityRpc, type Principal, type UserPage, parseOrBadRequest } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';

/** Administration: the users Plein has mirrored from both realms. Staff realm, role admin. */
@ApiTags('administration')
@InTree('admin')
@Controller('api/admin/v1')
export class AdminUsersController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Get('users')
  @ApiOperation({ summary: 'Users mirrored from Keycloak, A–Z, optionally one realm' })
  @TakesQuery(IdentityRpc.listUsers)
  @Answers(IdentityRpc.listUsers)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('realm') realm?: string,
    @Query('cursor') cursor?: string,
  ): Promise<UserPage> {
    const query = parseOrBadRequest(IdentityRpc.listUsers.request, { realm, cursor }, 'query');
    return callRpc(this.nats, IdentityRpc.listUsers, query, principal);
  }
}
