import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type Reader, canRead } from '@plein/auth';
import { type Principal, readerRelationsRpc } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { ContentFacts } from './repositories/notifier.js';

export const NOTIFICATIONS_NATS_CLIENT = Symbol('NOTIFICATIONS_NATS_CLIENT');

/** One reader of notifications: the principal with the groups they are in and the people they follow. */
export class NotificationReader {
  readonly rule: Reader;

  constructor(
    readonly principal: Principal,
    groupIds: readonly string[],
    followeeIds: readonly string[],
  ) {
    const follows = new Set(followeeIds);
    this.rule = { principal: { ...principal, groupIds: [...groupIds] }, follows: (id) => follows.has(id) };
  }

  /**
   * THE visibility rule, at the moment of reading, narrowed to the intranet of the route tree; and hidden content
   * is not notified about at all (not even to its author or a moderator, who still find it where it is).
   */
  canRead(content: ContentFacts): boolean {
    return (
      content.intranet === this.principal.intranet &&
      !content.hidden &&
      canRead(this.rule, { ...content, hidden: false })
    );
  }
}

/**
 * Group memberships and follows live in timelines and are asked for per request (as knowledge and search do),
 * so leaving a group counts at once. When timelines does not answer, the reader has none: less, never more.
 */
@Injectable()
export class ReaderService {
  private readonly logger = new Logger('ReaderService');

  constructor(@Inject(NOTIFICATIONS_NATS_CLIENT) private readonly nats: ClientProxy) {}

  async of(principal: Principal): Promise<NotificationReader> {
    let relations = { groupIds: [] as string[], followeeIds: [] as string[] };
    try {
      relations = await callRpc(this.nats, readerRelationsRpc, {}, principal, 2000);
    } catch (err) {
      this.logger.warn(`reader relations unavailable, reading without groups and follows: ${String(err)}`);
    }
    return new NotificationReader(
      principal,
      [...new Set([...principal.groupIds, ...relations.groupIds])],
      relations.followeeIds,
    );
  }
}
