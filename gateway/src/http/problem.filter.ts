import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { PleinError } from '@plein/contracts';
import type { Request, Response } from 'express';
import { ZodError } from 'zod';
import { problem, requestIdOf, sendProblem } from './problem.js';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'content_too_large',
  415: 'unsupported_media_type',
};

/** Every error leaves the gateway as application/problem+json; nothing unexpected leaks a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const extra = { instance: req.originalUrl.split('?')[0] ?? '/', requestId: requestIdOf(req) };
    if (exception instanceof PleinError) {
      if (exception.status >= 500) this.logger.error(`${exception.code}: ${exception.message}`);
      const details = exception.details === undefined ? {} : { errors: exception.details };
      return sendProblem(
        res,
        problem(exception.status, exception.code, exception.message, { ...extra, ...details }),
      );
    }
    if (exception instanceof ZodError) {
      const errors = exception.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      this.logger.error(`a service answered outside its contract: ${JSON.stringify(errors)}`);
      return sendProblem(
        res,
        problem(502, 'bad_service_answer', 'A service gave an unexpected answer', extra),
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail =
        status === 404
          ? `No route ${req.method} ${extra.instance}`
          : status < 500
            ? exception.message
            : 'Internal error';
      return sendProblem(res, problem(status, CODES[status] ?? 'error', detail, extra));
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    sendProblem(res, problem(500, 'internal', 'Something went wrong on our side', extra));
  }
}
