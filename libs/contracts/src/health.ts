import { z } from 'zod';
import { defineRpc } from './rpc.js';

/** Every service answers `<service>.health.ping`; the gateway's readiness asks each one. */
export const HealthPong = z.object({ service: z.string(), ok: z.boolean() });
export const healthPing = (service: string) =>
  defineRpc(`${service}.health.ping`, z.object({}), HealthPong, { needsPrincipal: false });
