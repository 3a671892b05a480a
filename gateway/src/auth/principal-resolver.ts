import { Inject, Injectable } from '@nestjs/common';
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
import type { VerifiedToken } from './token-verifier.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * Builds the Principal for a verified token: the identity service mirrors the user on first sight
 * (just in time) and gives Plein's user id. Answers are cached briefly per realm, subject and claims.
 */
@Injectable()
export class PrincipalResolver {
  /** The least recently used answers go first when it is full, not every answer at once. */
  private readonly cache = new LRUCache<string, User>({ max: CACHE_MAX, ttl: CACHE_TTL_MS });
  private readonly inflight = new Map<string, Promise<User>>();

  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

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
    const hit = this.cache.get(key);
    if (hit) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = callRpc(this.nats, IdentityRpc.ensureUser, claims)
      .then((user) => {
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
