import { z } from 'zod';
import { badRequest } from './errors.js';
import { Principal } from './principal.js';

/** One request/reply message: its NATS pattern and the schemas of its payload and its answer. */
export interface RpcContract<Req extends z.ZodType, Res extends z.ZodType> {
  readonly pattern: string;
  readonly request: Req;
  readonly response: Res;
  /** Whether the gateway must pass a principal (every user-facing call does). */
  readonly needsPrincipal: boolean;
}

export function defineRpc<Req extends z.ZodType, Res extends z.ZodType>(
  pattern: string,
  request: Req,
  response: Res,
  options: { needsPrincipal?: boolean } = {},
): RpcContract<Req, Res> {
  if (!/^[a-z]+\.[a-z-]+\.[a-z-]+$/.test(pattern))
    throw new Error(`RPC pattern ${pattern} is not <service>.<noun>.<verb>`);
  return { pattern, request, response, needsPrincipal: options.needsPrincipal ?? true };
}

/** What travels over NATS: the principal (set by the gateway only) and the payload. */
export const RpcEnvelope = z.object({ principal: Principal.optional(), data: z.unknown() });
export type RpcEnvelope = z.infer<typeof RpcEnvelope>;

export type RpcRequest<C> = C extends RpcContract<infer Req, z.ZodType> ? z.infer<Req> : never;
export type RpcResponse<C> = C extends RpcContract<z.ZodType, infer Res> ? z.infer<Res> : never;

/** Parses a payload against a schema; a mismatch is the caller's fault (400) with the issues as details. */
export function parseOrBadRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'input',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(
      `Invalid ${what}`,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}
