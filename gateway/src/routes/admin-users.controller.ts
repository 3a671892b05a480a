import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ErasureReport,
  IdentityAdminRpc,
  IdentityRpc,
  type Principal,
  type RealmDrift,
  type SyncResult,
  type UserPage,
  parseOrBadRequest,
} from '@plein/contracts';
import { z } from 'zod';
import { callRpc } from '@plein/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';

const id = (value: string) => parseOrBadRequest(z.uuid(), value, 'id');

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

  @Post('users/:id/erasure')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Erase a person (AVG): their Keycloak account goes, every service removes or anonymises their data',
  })
  @Answers(IdentityAdminRpc.requestErasure, {
    description: 'The erasure was requested; follow it at /erasures/{id}',
    problems: { 422: 'An administrator cannot erase their own account' },
  })
  erase(@CurrentPrincipal() principal: Principal, @Param('id') userId: string): Promise<{ id: string }> {
    return callRpc(this.nats, IdentityAdminRpc.requestErasure, { userId: id(userId) }, principal, 15_000);
  }

  @Get('erasures/:id')
  @ApiOperation({ summary: 'An erasure’s report: each service’s confirmation, and which are overdue' })
  @Answers(IdentityAdminRpc.getErasure)
  erasure(@CurrentPrincipal() principal: Principal, @Param('id') erasureId: string): Promise<ErasureReport> {
    return callRpc(this.nats, IdentityAdminRpc.getErasure, { id: id(erasureId) }, principal);
  }

  @Get('realms/drift')
  @ApiOperation({
    summary: 'Differences between the running Keycloak and deploy/keycloak (roles, clients, user profile)',
  })
  @Answers(IdentityAdminRpc.drift)
  drift(@CurrentPrincipal() principal: Principal): Promise<RealmDrift> {
    return callRpc(this.nats, IdentityAdminRpc.drift, {}, principal, 15_000);
  }

  @Post('identity/sync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the Keycloak sync now (users, account states, removals)' })
  @Answers(IdentityAdminRpc.sync)
  sync(@CurrentPrincipal() principal: Principal): Promise<SyncResult> {
    return callRpc(this.nats, IdentityAdminRpc.sync, {}, principal, 60_000);
  }
}
