import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from '@plein/contracts';
import type { AuthedRequest } from './realm.guard.js';

/** The Principal the RealmGuard attached to this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a route tree');
  return principal;
});

/** When the token of this request expires (ms since the epoch): a live stream ends then. */
export const TokenExpiresAt = createParamDecorator((_data: unknown, ctx: ExecutionContext): number => {
  const expiresAt = ctx.switchToHttp().getRequest<AuthedRequest>().tokenExpiresAt;
  if (expiresAt === undefined) throw new Error('TokenExpiresAt used on a route without a route tree');
  return expiresAt;
});
