import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { realmRule } from '@plein/auth';
import { type Principal, PleinError } from '@plein/contracts';
import type { Request } from 'express';
import { PrincipalResolver, toClaims } from './principal-resolver.js';
import { ROUTE_ACCESS, type RouteAccess } from './route-tree.decorator.js';
import { TokenVerifier } from './token-verifier.js';

/** A request the RealmGuard let in: its Principal, and when its token stops being valid (ms since the epoch). */
export type AuthedRequest = Request & { principal?: Principal; tokenExpiresAt?: number };

/**
 * The gateway's one guard: every route is either public or in a route tree. For a tree it verifies
 * the token (401), applies the tree's realm rule (403) and attaches the Principal.
 * A route with neither is refused, so a forgotten declaration can never open a hole.
 */
@Injectable()
export class RealmGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new PleinError(500, 'route_without_access_rule', 'This route declares no access rule');
    if (access.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = await this.tokens.verify(request.headers.authorization);
    const claims = toClaims(token);
    const rule = realmRule(access.tree, claims.realm, claims.roles);
    if (!rule.allowed) throw new PleinError(403, 'forbidden', rule.reason);
    request.principal = await this.principals.resolve(claims, rule.intranet);
    // What outlives the request (a live stream) must end when the token does.
    request.tokenExpiresAt = token.claims.exp * 1000;
    return true;
  }
}
