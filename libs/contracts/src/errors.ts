import { z } from 'zod';

/** How an error travels between services and the gateway (the gateway turns it into problem+json). */
export const ErrorBody = z.object({
  status: z.number().int().min(400).max(599),
  code: z.string().min(1),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A failure with an HTTP status that is safe to show to the caller. */
export class PleinError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PleinError';
  }

  toBody(): ErrorBody {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  static fromBody(body: ErrorBody): PleinError {
    return new PleinError(body.status, body.code, body.message, body.details);
  }
}

export const badRequest = (message: string, details?: unknown): PleinError =>
  new PleinError(400, 'bad_request', message, details);
export const notFound = (message = 'Not found'): PleinError => new PleinError(404, 'not_found', message);
export const forbidden = (message = 'Forbidden'): PleinError => new PleinError(403, 'forbidden', message);
