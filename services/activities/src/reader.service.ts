import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type Reader, canRead, hasRole } from '@plein/auth';
import { type Principal, readerRelationsRpc } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { Activity } from './entities/activity.entity.js';

export const ACTIVITIES_NATS_CLIENT = Symbol('ACTIVITIES_NATS_CLIENT');

/** One reader of activities: the principal with the groups they are a member of. */
export class ActivityReader {
  readonly rule: Reader;

  constructor(
    readonly principal: Principal,
    readonly groupIds: readonly string[],
  ) {
    this.rule = { principal: { ...principal, groupIds: [...groupIds] }, follows: () => false };
  }

  /** THE visibility rule, narrowed to the intranet of the route tree the request came through. */
  canRead(a: Activity): boolean {
    return (
      a.intranet === this.principal.intranet &&
      canRead(this.rule, {
        intranet: a.intranet,
        audience: a.audience,
        groupId: a.groupId,
        authorId: a.organiserId ?? '',
        hidden: false,
      })
    );
  }

  get isStaff(): boolean {
    return this.principal.realm === 'staff';
  }

  get isAdmin(): boolean {
    return this.isStaff && hasRole(this.principal, 'admin');
  }

  /** The organiser and administrators manage an activity: edit it, remove it, see who takes part. */
  canManage(a: Activity): boolean {
    return this.isStaff && (a.organiserId === this.principal.userId || this.isAdmin);
  }
}

/**
 * Group memberships live in timelines and are asked for per request, so leaving a group counts at once. When
 * timelines does not answer, the reader has no groups: they see less, never more.
 */
@Injectable()
export class ReaderService {
  private readonly logger = new Logger('ReaderService');

  constructor(@Inject(ACTIVITIES_NATS_CLIENT) private readonly nats: ClientProxy) {}

  async of(principal: Principal): Promise<ActivityReader> {
    let groupIds: string[] = [];
    try {
      groupIds = (await callRpc(this.nats, readerRelationsRpc, {}, principal, 2000)).groupIds;
    } catch (err) {
      this.logger.warn(`reader relations unavailable, reading without groups: ${String(err)}`);
    }
    return new ActivityReader(principal, [...new Set([...principal.groupIds, ...groupIds])]);
  }
}
