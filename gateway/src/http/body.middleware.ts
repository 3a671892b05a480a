import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problem, requestIdOf, sendProblem } from './problem.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads JSON bodies at the edge: a body must be application/json (415 otherwise), at most `limit`
 * bytes (413), and well-formed (400). Requests without a body pass through.
 */
export function jsonBody(limitBytes: number): RequestHandler {
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
