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
  private readonly cache = new Map<string, { user: User; expires: number }>();
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
    if (hit && hit.expires > Date.now()) return hit.user;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = callRpc(this.nats, IdentityRpc.ensureUser, claims)
      .then((user) => {
        if (this.cache.size >= CACHE_MAX) this.cache.clear();
        this.cache.set(key, { user, expires: Date.now() + CACHE_TTL_MS });
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
