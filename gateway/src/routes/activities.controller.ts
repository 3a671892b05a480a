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
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActivitiesRpc as R,
  ActivityCreate,
  ActivityListQuery,
  ActivityPatch,
  CalendarLink,
  type Principal,
  SignupRequest,
  notFound,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree, PublicRoute } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

const uuid = (id: string) => parseOrBadRequest(z.uuid(), id, 'activity id');

/**
 * Where the public feed lives: `/api/calendar/{secret}.ics`, on the host the caller used (behind a proxy, the one
 * it forwards; the answer goes only to the caller, so a forged header fools nobody else).
 */
const feedUrl = (req: Request, secret: string) => {
  const proto = req.get('x-forwarded-proto')?.split(',')[0]?.trim() || req.protocol;
  const host = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host');
  return `${proto}://${host}/api/calendar/${secret}.ics`;
};

const ForUser = z.object({ forUserId: z.uuid().optional() });

/** Activities in an intranet (the tree decides which): sign up, cancel, the waiting list, participants. */
function activitiesController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/activities`)
  class ActivitiesController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'Activities soonest first: ?from=&to=&mine=true&cursor=' })
    @TakesQuery(R.list)
    @Answers(R.list)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('from') from?: string,
      @Query('to') to?: string,
      @Query('mine') mine?: string,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
    ) {
      const query = parseOrBadRequest(ActivityListQuery, { from, to, mine, cursor, limit }, 'query');
      return callRpc(this.nats, R.list, query, principal);
    }

    @Post()
    @ApiOperation({
      summary:
        'Organise (staff): { title, description, location, startsAt, endsAt, capacity, signupDeadline?, groupId?, image?, repeatWeekly? }',
    })
    @Takes(R.create)
    @Answers(R.create, {
      problems: { 403: 'Only staff organise activities; a group activity only in a group of yours' },
    })
    create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      return callRpc(
        this.nats,
        R.create,
        parseOrBadRequest(ActivityCreate, body ?? {}, 'activity'),
        principal,
      );
    }

    @Get(':id')
    @ApiOperation({ summary: 'One activity: places left and my sign-up ({ state, position? })' })
    @Answers(R.get)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.get, { id: uuid(id) }, principal);
    }

    @Patch(':id')
    @ApiOperation({
      summary: 'Change an activity (the organiser, administrators); more places promote the waiting',
    })
    @Takes(ActivityPatch)
    @Answers(R.update, {
      problems: {
        403: 'Only the organiser or an administrator changes an activity',
        409: 'The capacity cannot be lower than the places already given',
      },
    })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(ActivityPatch, body ?? {}, 'change');
      return callRpc(this.nats, R.update, { id: uuid(id), patch }, principal);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: 'Remove an activity (the organiser, administrators)' })
    @Answers(null, { problems: { 403: 'Only the organiser or an administrator removes an activity' } })
    async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
      await callRpc(this.nats, R.remove, { id: uuid(id) }, principal);
    }

    @Put(':id/signup')
    @ApiOperation({
      summary:
        'Sign up ({}), or as a mentor sign up a client you coach ({ forUserId }): confirmed or waitlisted',
    })
    @Takes(SignupRequest)
    @Answers(R.signup, {
      problems: {
        403: 'Only a mentor signs up someone else, and only a client they coach',
        409: 'Already signed up',
        422: 'Signing up closed (after the deadline), or the activity is not for that client',
      },
    })
    signup(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const { forUserId } = parseOrBadRequest(SignupRequest, body ?? {}, 'sign-up');
      return callRpc(this.nats, R.signup, { id: uuid(id), ...(forUserId ? { forUserId } : {}) }, principal);
    }

    @Delete(':id/signup')
    @ApiOperation({
      summary:
        'Cancel my sign-up (?forUserId=: a mentor for their client); the first waiting person gets the place',
    })
    @TakesQuery(ForUser)
    @Answers(R.cancel, {
      problems: { 403: 'Only a mentor cancels for someone else', 422: 'It already started' },
    })
    cancel(
      @CurrentPrincipal() principal: Principal,
      @Param('id') id: string,
      @Query('forUserId') forUserId?: string,
    ) {
      const q = parseOrBadRequest(ForUser, { forUserId }, 'query');
      return callRpc(
        this.nats,
        R.cancel,
        { id: uuid(id), ...(q.forUserId ? { forUserId: q.forUserId } : {}) },
        principal,
      );
    }

    @Get(':id/participants')
    @ApiOperation({ summary: 'Who takes part, the waiting list in order (the organiser, administrators)' })
    @Answers(R.participants, { problems: { 403: 'Only the organiser sees who takes part' } })
    participants(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.participants, { id: uuid(id) }, principal);
    }
  }
  return named(tree, 'Activities', ActivitiesController);
}

/** `GET /calendar`: the secret URL of my sign-ups as iCalendar; `POST /calendar/renew` makes a new one. */
function calendarController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/calendar`)
  class CalendarController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'The secret URL of my sign-ups as an iCalendar feed (made on first ask)' })
    @Answers(CalendarLink)
    async get(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
      const { secret } = await callRpc(this.nats, R.calendar, {}, principal);
      return { url: feedUrl(req, secret) };
    }

    @Post('renew')
    @HttpCode(200)
    @ApiOperation({ summary: 'A new secret URL; the old one stops working at once' })
    @Answers(CalendarLink)
    async renew(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
      const { secret } = await callRpc(this.nats, R.renewCalendar, {}, principal);
      return { url: feedUrl(req, secret) };
    }
  }
  return named(tree, 'Calendar', CalendarController);
}

const FeedFile = z.string().regex(/^[A-Za-z0-9_-]{32,64}\.ics$/);

/** The feed itself: no token (calendar apps have none), only the unguessable secret; 404 for anything else. */
@ApiTags('public')
@PublicRoute()
@Controller('api/calendar')
export class CalendarFeedController {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  @Get(':file')
  @ApiOperation({
    summary: 'My sign-ups as iCalendar (text/calendar), by the secret of GET /calendar: {secret}.ics',
  })
  @Answers({ media: ['text/calendar'], description: 'The iCalendar feed' }, { params: { file: FeedFile } })
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    if (!FeedFile.safeParse(file).success) throw notFound('No such calendar');
    const { ics } = await callRpc(this.nats, R.calendarFeed, { secret: file.slice(0, -4) });
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, no-store')
      .set('X-Robots-Tag', 'noindex')
      .send(ics);
  }
}

export const StaffActivitiesController = activitiesController('staff');
export const ClientActivitiesController = activitiesController('client');
export const StaffCalendarController = calendarController('staff');
export const ClientCalendarController = calendarController('client');
