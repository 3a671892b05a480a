import { Body, Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HowtoCreate,
  HowtoPatch,
  KnowledgeRpc as R,
  type Principal,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes } from '../http/route-docs.decorator.js';

const howtoId = (id: string) => parseOrBadRequest(z.uuid(), id, 'page id');

/** "Hoe werkt het?": how-to pages in the client intranet, written by staff (editors, mentors, admins). */
@ApiTags('client intranet')
@InTree('client')
@Controller('api/client/v1/howtos')
export class ClientHowtosController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Get()
  @ApiOperation({ summary: 'The how-to pages' })
  @Answers(R.listHowtos)
  list(@CurrentPrincipal() principal: Principal) {
    return callRpc(this.nats, R.listHowtos, {}, principal);
  }

  @Post()
  @ApiOperation({ summary: 'A new page: { title, body, published? } (staff: editors, mentors, admins)' })
  @Takes(R.createHowto)
  @Answers(R.createHowto, { problems: { 403: 'Staff (editors, mentors) write the how-to pages' } })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return callRpc(this.nats, R.createHowto, parseOrBadRequest(HowtoCreate, body ?? {}, 'page'), principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One page' })
  @Answers(R.getHowto)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callRpc(this.nats, R.getHowto, { id: howtoId(id) }, principal);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a page: { title?, body?, published? }' })
  @Takes(HowtoPatch)
  @Answers(R.updateHowto, { problems: { 403: 'Staff (editors, mentors) write the how-to pages' } })
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const patch = parseOrBadRequest(HowtoPatch, body ?? {}, 'change');
    return callRpc(this.nats, R.updateHowto, { id: howtoId(id), patch }, principal);
  }
}
