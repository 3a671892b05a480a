import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type RouteAccess } from '../auth/route-tree.decorator.js';
import { GatewayModule } from '../gateway.module.js';
import { loadGatewayConfig } from '../gateway.config.js';

/** Fails when a gateway route declares neither a route tree nor that it is public. */
describe('every gateway route declares its access rule', () => {
  const controllers =
    GatewayModule.forRoot(loadGatewayConfig({ NATS_USER: 'gateway', NATS_PASSWORD: 'secret' })).controllers ??
    [];

  it('finds the controllers', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(4);
  });

  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, unknown>;
    const handlers = Object.getOwnPropertyNames(proto).filter(
      (name) =>
        name !== 'constructor' && Reflect.getMetadata(PATH_METADATA, proto[name] as object) !== undefined,
    );
    it(`${controller.name}: ${handlers.join(', ')}`, () => {
      expect(handlers.length).toBeGreaterThan(0);
      for (const name of handlers) {
        const access =
          (Reflect.getMetadata(ROUTE_ACCESS, proto[name] as object) as RouteAccess | undefined) ??
          (Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined);
        expect(access, `${controller.name}.${name}`).toBeDefined();
      }
      // routes under /api/<tree>/v1 must be in that tree
      const path = Reflect.getMetadata(PATH_METADATA, controller) as string;
      const tree = /^api\/(staff|client|admin)\/v1/.exec(path)?.[1];
      const access = Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined;
      if (tree) expect(access).toEqual({ kind: 'tree', tree });
    });
  }
});
