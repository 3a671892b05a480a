import type { Type } from '@nestjs/common';
import type { RouteTree } from '@plein/auth';

export type IntranetTree = Extract<RouteTree, 'staff' | 'client'>;
export const INTRANET_TREES: readonly IntranetTree[] = ['staff', 'client'];

/** Names a per-tree controller class (StaffPostsController, ClientPostsController, …). */
export function named<T extends Type>(tree: IntranetTree, resource: string, controller: T): T {
  Object.defineProperty(controller, 'name', {
    value: `${tree[0]!.toUpperCase()}${tree.slice(1)}${resource}Controller`,
  });
  return controller;
}
