import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
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
  NotificationListQuery,
  NotificationPreferencesPatch,
  NotificationsRpc as R,
  PleinError,
  type Principal,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, TokenExpiresAt } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
import { LiveNotifications } from '../live/live-notifications.service.js';
import { type IntranetTree, named } from './tree-controller.js';

const uuid = (id: string, what: string) => parseOrBadRequest(z.uuid(), id, what);
const HEARTBEAT_MS = 20_000;

/** A person's notifications in one intranet (the tree decides which), their read state and live stream. */
function notificationsController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/notifications`)
  class NotificationsController {
    constructor(
      @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
      private readonly live: LiveNotifications,
    ) {}

    @Get()
    @ApiOperation({
      summary: 'My notifications, newest (or latest changed) first: ?unread=true&cursor=&limit=',
    })
    @TakesQuery(NotificationListQuery)
    @Answers(R.list)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('cursor') cursor?: string,
      @Query('limit') limit?: string,
      @Query('unread') unread?: string,
    ) {
      const query = parseOrBadRequest(NotificationListQuery, { cursor, limit, unread }, 'query');
      return callRpc(this.nats, R.list, query, principal);
    }

    @Get('unread-count')
    @ApiOperation({ summary: 'How many unread notifications: { count }' })
    @Answers(R.unreadCount)
    unreadCount(@CurrentPrincipal() principal: Principal) {
      return callRpc(this.nats, R.unreadCount, {}, principal);
    }

    @Post('read-all')
    @HttpCode(200)
    @ApiOperation({ summary: 'Mark every notification read: { count: 0 }' })
    @Answers(R.markAllRead)
    readAll(@CurrentPrincipal() principal: Principal) {
      return callRpc(this.nats, R.markAllRead, {}, principal);
    }

    @Get('stream')
    @ApiOperation({ summary: 'Live notifications (text/event-stream)' })
    @Answers({
      media: ['text/event-stream'],
      description:
        'Server-Sent Events: `notification` (the notification as JSON) and `count` (`{ count }` unread)',
    })
    async stream(
      @CurrentPrincipal() principal: Principal,
      @TokenExpiresAt() expiresAt: number,
      @Req() req: Request,
      @Res() res: Response,
    ): Promise<void> {
      let ended = false;
      let queue = Promise.resolve();
      const alive = () => !ended && Date.now() < expiresAt;
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      res.write(': verbonden\n\n');
      const end = () => {
        if (ended) return;
        ended = true;
        stop();
        res.write(`event: end\ndata: ${JSON.stringify({ reason: 'token-expired' })}\n\n`);
        res.end();
      };
      const handle = async (notificationId: string) => {
        if (!alive()) return end();
        let n;
        try {
          n = await callRpc(this.nats, R.get, { id: notificationId }, principal);
        } catch (err) {
          if (err instanceof PleinError && err.status === 404) return;
          throw err;
        }
        const { count } = await callRpc(this.nats, R.unreadCount, {}, principal);
        if (!alive()) return end();
        res.write(`event: notification\nid: ${n.id}\ndata: ${JSON.stringify(n)}\n\n`);
        res.write(`event: count\ndata: ${JSON.stringify({ count })}\n\n`);
      };
      const unsubscribe = await this.live.subscribe((e) => {
        if (e.intranet !== principal.intranet) return;
        if (e.userId !== null && e.userId !== principal.userId) return;
        queue = queue.then(() => handle(e.notificationId)).catch(() => undefined);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const expiry = setTimeout(end, Math.max(0, expiresAt - Date.now()));
      function stop() {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
      }
      req.on('close', () => {
        ended = true;
        stop();
      });
    }

    @Get(':id')
    @ApiOperation({ summary: 'One notification' })
    @Answers(R.get)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.get, { id: uuid(id, 'notification id') }, principal);
    }

    @Post(':id/read')
    @HttpCode(200)
    @ApiOperation({ summary: 'Mark one notification read' })
    @Answers(R.markRead)
    read(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.markRead, { id: uuid(id, 'notification id') }, principal);
    }
  }
  return named(tree, 'Notifications', NotificationsController);
}

/** Per kind: in the app, in the digest, or off. */
function preferencesController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/notification-preferences`)
  class NotificationPreferencesController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'My notification preferences per kind (app, digest, off)' })
    @Answers(R.getPreferences)
    get(@CurrentPrincipal() principal: Principal) {
      return callRpc(this.nats, R.getPreferences, {}, principal);
    }

    @Put()
    @ApiOperation({ summary: 'Change some kinds: { kinds: { mention: "digest", reaction: "off" } }' })
    @Takes(NotificationPreferencesPatch)
    @Answers(R.setPreferences)
    set(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      const patch = parseOrBadRequest(NotificationPreferencesPatch, body ?? {}, 'preferences');
      return callRpc(this.nats, R.setPreferences, patch, principal);
    }
  }
  return named(tree, 'NotificationPreferences', NotificationPreferencesController);
}

export const StaffNotificationsController = notificationsController('staff');
export const ClientNotificationsController = notificationsController('client');
export const StaffNotificationPreferencesController = preferencesController('staff');
export const ClientNotificationPreferencesController = preferencesController('client');
