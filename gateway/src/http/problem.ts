import type { Request, Response } from 'express';
import { z } from 'zod';

/** The id pino-http gave this request. */
export const requestIdOf = (req: Request): string => (typeof req.id === 'string' ? req.id : '');

/** RFC 9457 problem details, as every error leaves the gateway (the OpenAPI document's `Problem`). */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  /** Stable and machine-readable: `not_found`, `person_inactive`, … */
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  /** For invalid input: `[{ path, message }]`, one per issue; otherwise what the service added. */
  errors: z.unknown().optional(),
});
export type Problem = z.infer<typeof Problem>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { instance?: string; requestId?: string; errors?: unknown } = {},
): Problem {
  return {
    type: `https://plein.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

export function sendProblem(res: Response, body: Problem): void {
  if (body.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="plein"');
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
