import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problem, requestIdOf, sendProblem } from './problem.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route that takes a raw (binary) body instead of JSON, such as a photo upload; its handler checks the content. */
export interface RawBodyRoute {
  method: string;
  path: RegExp;
  limitBytes: number;
  /** Says what the limit is about in the 413's detail. */
  what: string;
}

/**
 * Reads JSON bodies at the edge: a body must be application/json (415 otherwise), at most `limit`
 * bytes (413), and well-formed (400). Requests without a body pass through.
 * The few `rawRoutes` (and only those) take their body as bytes of any declared type, up to their own limit;
 * their handlers decide by content what the bytes are.
 */
export function jsonBody(
  limitBytes: number,
  rawRoutes: readonly RawBodyRoute[] = [],
  /** Routes whose handlers read the body themselves, as a stream (document uploads). */
  streamRoutes: readonly { method: string; path: RegExp }[] = [],
): RequestHandler {
  const parse = express.json({
    limit: limitBytes,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!METHODS_WITH_BODY.has(req.method) || !hasBody) return next();
    const extra = { instance: req.originalUrl.split('?')[0] ?? '/', requestId: requestIdOf(req) };
    if (streamRoutes.some((r) => r.method === req.method && r.path.test(extra.instance))) return next();
    const raw = rawRoutes.find((r) => r.method === req.method && r.path.test(extra.instance));
    if (raw) {
      return express.raw({ type: () => true, limit: raw.limitBytes })(req, res, (err?: unknown) => {
        if (!err) return next();
        const type = (err as { type?: string }).type;
        if (type === 'entity.too.large') {
          return sendProblem(
            res,
            problem(
              413,
              'content_too_large',
              `The ${raw.what} is larger than ${raw.limitBytes} bytes`,
              extra,
            ),
          );
        }
        return sendProblem(res, problem(400, 'bad_request', 'The body could not be read', extra));
      });
    }
    if (!req.is(['application/json', 'application/*+json'])) {
      return sendProblem(
        res,
        problem(415, 'unsupported_media_type', 'Send the body as application/json', extra),
      );
    }
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      if (type === 'entity.too.large') {
        return sendProblem(
          res,
          problem(413, 'content_too_large', `The body is larger than ${limitBytes} bytes`, extra),
        );
      }
      if (type === 'entity.parse.failed') {
        return sendProblem(res, problem(400, 'malformed_json', 'The body is not valid JSON', extra));
      }
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
        return sendProblem(res, problem(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON', extra));
      }
      return sendProblem(res, problem(400, 'bad_request', 'The body could not be read', extra));
    });
  };
}
