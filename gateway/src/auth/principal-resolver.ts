import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import {
  IdentityRpc,
  type Intranet,
  type Principal,
  ROLES_BY_REALM,
  type Role,
  type User,
  type UserClaims,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
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
  private readonly cache = new Map<string, { user: User; expires: number }>();
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
    for (const [key, hit] of this.cache) if (hit.user.id === userId) this.cache.delete(key);
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
    if (hit && hit.expires > Date.now()) return hit.user;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = callRpc(this.nats, IdentityRpc.ensureUser, claims)
      .then((user) => {
        if (!this.watching) return user;
        if (this.cache.size >= CACHE_MAX) this.cache.clear();
        this.cache.set(key, { user, expires: Date.now() + CACHE_TTL_MS });
        return user;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }
}

/** The claims Plein keeps from a verified token; roles outside the token's realm are dropped. */
export function toClaims({ realm, claims }: VerifiedToken): UserClaims {
  const known = ROLES_BY_REALM[realm];
  const roles = (claims.realm_access?.roles ?? []).filter((r): r is Role => known.includes(r as Role)).sort();
  const username = claims.preferred_username ?? claims.sub;
  const email = claims.email && /^[^@\s]+@[^@\s]+$/.test(claims.email) ? claims.email : undefined;
  return {
    realm,
    subject: claims.sub,
    username,
    displayName: claims.name?.trim() || username,
    ...(email ? { email } : {}),
    roles,
  };
}
