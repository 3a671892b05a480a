import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import {
  IdentityRpc,
  type Intranet,
  type Principal,
  type User,
  type UserClaims,
  toUserClaims,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { LRUCache } from 'lru-cache';
import { NATS_CLIENT } from '../gateway.config.js';
import { LiveFeed } from '../live/live-feed.service.js';
import type { VerifiedToken } from './token-verifier.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Builds the Principal for a verified token: the identity service mirrors the user on first sight
 * (just in time) and gives Plein's user id. Answers are cached briefly per realm, subject and claims; an
 * account deactivated in identity is dropped from the cache at once, so its still valid tokens are refused
 * (identity answers 403 account_inactive) from the next request on, not a minute later. Until the gateway
 * hears those events (NATS not reached yet), nothing is cached.
 */
@Injectable()
export class PrincipalResolver implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PrincipalResolver');
  /** Whether account deactivations reach this gateway; only then may answers be cached. */
  private watching = false;
  private retry: NodeJS.Timeout | undefined;
  /** The least recently used answers go first when it is full, not every answer at once. */
  private readonly cache = new LRUCache<string, User>({ max: CACHE_MAX, ttl: CACHE_TTL_MS });
  private readonly inflight = new Map<string, Promise<User>>();

  constructor(
    @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
    private readonly live: LiveFeed,
  ) {}

  onModuleInit(): void {
    void this.watch();
  }

  onModuleDestroy(): void {
    clearTimeout(this.retry);
  }

  private async watch(): Promise<void> {
    try {
      await this.live.subscribe((event) => {
        if (event.kind === 'account-deactivated') this.forget(event.data.userId);
      });
      this.watching = true;
    } catch (err) {
      this.logger.warn(`account deactivations not heard yet (${String(err)}); trying again in 5 s`);
      this.retry = setTimeout(() => void this.watch(), 5_000);
      this.retry.unref();
    }
  }

  /** Drops every cached answer for this user (all their tokens). */
  forget(userId: string): void {
    // keys first, then delete: the cache is not changed while it is being walked
    const keys = [...this.cache.entries()].filter(([, user]) => user.id === userId).map(([key]) => key);
    for (const key of keys) this.cache.delete(key);
  }

  async resolve(claims: UserClaims, intranet: Intranet): Promise<Principal> {
    const key = JSON.stringify(claims);
    const user = await this.user(key, claims);
    return {
      realm: claims.realm,
      intranet,
      userId: user.id,
      subject: claims.subject,
      username: claims.username,
      displayName: claims.displayName,
      roles: claims.roles,
      groupIds: [],
    };
  }

  private async user(key: string, claims: UserClaims): Promise<User> {
    const hit = this.watching ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = callRpc(this.nats, IdentityRpc.ensureUser, claims)
      .then((user) => {
        if (!this.watching) return user;
        this.cache.set(key, user);
        return user;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }
}

/** The claims Plein keeps from a verified token (the one mapping, toUserClaims). */
export function toClaims({ realm, claims }: VerifiedToken): UserClaims {
  const username = claims.preferred_username ?? claims.sub;
  return toUserClaims(realm, {
    subject: claims.sub,
    username,
    ...(claims.name !== undefined ? { displayName: claims.name } : {}),
    ...(claims.email !== undefined ? { email: claims.email } : {}),
    roles: claims.realm_access?.roles ?? [],
  });
}
