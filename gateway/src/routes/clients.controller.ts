import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ClientAccountList,
  type ClientStart,
  IdentityAdminRpc,
  type Principal,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes } from '../http/route-docs.decorator.js';

const id = (value: string) => parseOrBadRequest(z.uuid(), value, 'id');

/**
 * Mentors' client accounts (staff tree, role mentor): make one with a start code, list one's own clients, give a
 * new start code, print the start letter. Another mentor's client is 404; without the mentor role 403.
 */
@ApiTags('staff intranet')
@InTree('staff')
@Controller('api/staff/v1/clients')
export class StaffClientsController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Post()
  @ApiOperation({
    summary: 'Make a client account: a username (suggested when left out) and a one-time start code',
  })
  @Takes(IdentityAdminRpc.createClient)
  @Answers(IdentityAdminRpc.createClient, { problems: { 409: 'The username is taken' } })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ClientStart> {
    const input = parseOrBadRequest(IdentityAdminRpc.createClient.request, body ?? {}, 'body');
    return callRpc(this.nats, IdentityAdminRpc.createClient, input, principal, 15_000);
  }

  @Get()
  @ApiOperation({ summary: 'My clients (mentor), with whether their start code is still unused' })
  @Answers(IdentityAdminRpc.listClients)
  list(@CurrentPrincipal() principal: Principal): Promise<ClientAccountList> {
    return callRpc(this.nats, IdentityAdminRpc.listClients, {}, principal);
  }

  @Post(':id/reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new start code for my client: the password must be changed at the next login' })
  @Answers(IdentityAdminRpc.resetClient)
  reset(@CurrentPrincipal() principal: Principal, @Param('id') clientId: string): Promise<ClientStart> {
    return callRpc(this.nats, IdentityAdminRpc.resetClient, { id: id(clientId) }, principal, 15_000);
  }

  @Get(':id/start-letter.pdf')
  @ApiOperation({ summary: 'The printable start letter (PDF) with portal address, username and start code' })
  @Answers(
    { media: ['application/pdf'], description: 'One A4 page in plain Dutch' },
    { problems: { 409: 'The start code was used; give a new start code first' } },
  )
  async letter(
    @CurrentPrincipal() principal: Principal,
    @Param('id') clientId: string,
    @Res() res: Response,
  ): Promise<void> {
    const letter = await callRpc(this.nats, IdentityAdminRpc.startLetter, { id: id(clientId) }, principal);
    res
      .status(200)
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${letter.filename}"`)
      .set('Cache-Control', 'no-store')
      .set('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(letter.pdf, 'base64'));
  }
}
