import { Controller, Get, Inject, Query, Req, Res, type Type } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PleinError, type Principal, TimelinesRpc as R, parseOrBadRequest } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, TokenExpiresAt } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { NATS_CLIENT } from '../gateway.config.js';
import { Answers, TakesQuery } from '../http/route-docs.decorator.js';
import { type LiveEvent, LiveFeed } from '../live/live-feed.service.js';
import { type IntranetTree, named } from './tree-controller.js';

const StreamQuery = z
  .object({
    feed: z.enum(['home', 'organization', 'news', 'group']).default('home'),
    groupId: z.uuid().optional(),
  })
  .refine(
    (q) => (q.feed === 'group') === (q.groupId !== undefined),
    'groupId goes with feed=group (and only there)',
  );

const HEARTBEAT_MS = 20_000;

/** Why a stream ended, told to the reader as the last event (`event: end`) before the response closes. */
type EndReason = 'token-expired' | 'account-deactivated';

/**
 * `GET /feed/stream?feed=home|organization|news|group&groupId=`: Server-Sent Events with the new posts of an
 * open feed (`event: post`), changed ones (`event: updated`) and ones that went away for this reader
 * (`event: removed`, only for posts this stream showed). Every post is re-read from timelines with the
 * caller's principal, so the stream shows exactly what GET /posts/{id} would.
 *
 * A stream lives no longer than its right to exist: when the token it was opened with expires, or the account
 * is deactivated (identity's `plein.identity.user.deactivated`), it sends `event: end` with the reason and
 * closes; nothing is written after that. The reader opens a new stream with a fresh token.
 */
function feedStreamController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1`)
  class FeedStreamController {
    constructor(
      @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
      private readonly live: LiveFeed,
    ) {}

    @Get('feed/stream')
    @ApiOperation({ summary: 'Live new items of an open feed (text/event-stream)' })
    @TakesQuery(StreamQuery)
    @Answers(
      {
        media: ['text/event-stream'],
        description: 'Server-Sent Events: `post`, `updated` (the post as JSON) and `removed` (`{ id }`)',
      },
      { problems: { 404: 'No such group, or the caller may not see it' } },
    )
    async stream(
      @CurrentPrincipal() principal: Principal,
      @TokenExpiresAt() expiresAt: number,
      @Query() rawQuery: Record<string, unknown>,
      @Req() req: Request,
      @Res() res: Response,
    ): Promise<void> {
      const query = parseOrBadRequest(StreamQuery, rawQuery, 'query');
      if (query.groupId) await callRpc(this.nats, R.getGroup, { id: query.groupId }, principal);
      const shown = new Set<string>();
      let queue = Promise.resolve();
      let ended = false;
      // Checked on every write, not only by the timer: a timer may fire late, a token's expiry may not.
      const alive = () => !ended && Date.now() < expiresAt;
      const send = (event: string, id: string, data: unknown) => {
        if (!alive()) {
          end('token-expired');
          return;
        }
        res.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      let stop: () => void = () => undefined;
      const end = (reason: EndReason) => {
        if (ended) return;
        ended = true;
        stop();
        open();
        res.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
        res.end();
      };
      const open = () => {
        if (res.headersSent) return;
        res.status(200);
        res.setHeader('content-type', 'text/event-stream; charset=utf-8');
        res.setHeader('cache-control', 'no-cache, no-transform');
        res.setHeader('x-accel-buffering', 'no');
        res.flushHeaders();
        res.write(': verbonden\n\n');
      };
      const reread = async (postId: string) => {
        try {
          return await callRpc(this.nats, R.getPost, { id: postId }, principal);
        } catch (err) {
          if (err instanceof PleinError && err.status === 404) return undefined;
          throw err;
        }
      };
      const handle = async (event: LiveEvent): Promise<void> => {
        if (!alive()) return;
        if (event.kind === 'account-deactivated') return;
        const data = event.data;
        if (data.intranet !== principal.intranet) return;
        if (event.kind === 'deleted') {
          if (shown.delete(data.postId)) send('removed', data.postId, { id: data.postId });
          return;
        }
        if (event.kind === 'updated') {
          if (!shown.has(data.postId)) return;
          const post = await reread(data.postId);
          if (post) send('updated', post.id, post);
          else {
            shown.delete(data.postId);
            send('removed', data.postId, { id: data.postId });
          }
          return;
        }
        const d = event.data;
        if (query.feed === 'organization' && d.audience !== 'organization') return;
        if (query.feed === 'news' && d.type !== 'article') return;
        if (query.feed === 'group' && d.groupId !== query.groupId) return;
        const post = await reread(d.postId);
        if (!post) return;
        // the home feed has the groups one follows, not every group one is in (a member can turn one off)
        if (query.feed === 'home' && post.groupId) {
          const group = await callRpc(this.nats, R.getGroup, { id: post.groupId }, principal);
          if (!group.following) return;
        }
        shown.add(post.id);
        send('post', post.id, post);
      };
      const unsubscribe = await this.live.subscribe((event) => {
        // the account's end does not wait behind posts still being re-read
        if (event.kind === 'account-deactivated') {
          if (event.data.userId === principal.userId) end('account-deactivated');
          return;
        }
        // one at a time per stream, in the order the events came
        queue = queue.then(() => handle(event)).catch(() => undefined);
      });
      open();
      if (ended) {
        // ended while subscribing (stop was not set yet)
        unsubscribe();
        return;
      }
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const expiry = setTimeout(() => end('token-expired'), Math.max(0, expiresAt - Date.now()));
      stop = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
      };
      req.on('close', () => {
        ended = true;
        stop();
      });
    }
  }
  return named(tree, 'FeedStream', FeedStreamController);
}

export const StaffFeedStreamController = feedStreamController('staff');
export const ClientFeedStreamController = feedStreamController('client');
