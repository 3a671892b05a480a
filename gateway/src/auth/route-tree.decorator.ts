import { SetMetadata } from '@nestjs/common';
import type { RouteTree } from '@plein/auth';

export const ROUTE_ACCESS = 'plein:route-access';
export type RouteAccess = { kind: 'tree'; tree: RouteTree } | { kind: 'public' };

/** Puts a controller in one of the route trees; the realm rule of that tree guards every handler. */
export const InTree = (tree: RouteTree) =>
  SetMetadata(ROUTE_ACCESS, { kind: 'tree', tree } satisfies RouteAccess);

/** Marks a route that anyone may call without a token (health, API docs). Use sparingly. */
export const PublicRoute = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);
