import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { type ClientProxy, RpcException } from '@nestjs/microservices';
import {
  ErrorBody,
  type Principal,
  PleinError,
  type RpcContract,
  RpcEnvelope,
  parseOrBadRequest,
} from '@plein/contracts';
import { type Observable, firstValueFrom, throwError, timeout } from 'rxjs';
import type { z } from 'zod';

/**
 * Service side of one RPC: validates the envelope and the payload (Nest's pipes do not run for
 * message handlers), requires the principal when the contract says so, and validates the answer.
 */
export async function handleRpc<Req extends z.ZodType, Res extends z.ZodType>(
  contract: RpcContract<Req, Res>,
  raw: unknown,
  work: (data: z.infer<Req>, principal: Principal | undefined) => Promise<z.infer<Res>>,
): Promise<z.infer<Res>> {
  const envelope = parseOrBadRequest(RpcEnvelope, raw, 'message');
  if (contract.needsPrincipal && !envelope.principal) {
    throw new PleinError(401, 'unauthenticated', `${contract.pattern} needs a principal`);
  }
  const data = parseOrBadRequest(contract.request, envelope.data, `${contract.pattern} payload`);
  const answer = await work(data, envelope.principal);
  return contract.response.parse(answer);
}

/** Turns every failure in a message handler into an ErrorBody; unexpected ones become a bare 500. */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (exception instanceof PleinError) return throwError(() => exception.toBody());
    if (exception instanceof RpcException) {
      const parsed = ErrorBody.safeParse(exception.getError());
      if (parsed.success) return throwError(() => parsed.data);
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const body: ErrorBody = { status: 500, code: 'internal', message: 'Something went wrong on our side' };
    return throwError(() => body);
  }
}

/** Gateway side: sends a contract's message with the principal and returns the validated answer. */
export async function callRpc<Req extends z.ZodType, Res extends z.ZodType>(
  client: ClientProxy,
  contract: RpcContract<Req, Res>,
  data: z.input<Req>,
  principal?: Principal,
  timeoutMs = 5000,
): Promise<z.infer<Res>> {
  const envelope: RpcEnvelope = { principal, data };
  let answer: unknown;
  try {
    answer = await firstValueFrom(client.send(contract.pattern, envelope).pipe(timeout(timeoutMs)));
  } catch (err) {
    const body = ErrorBody.safeParse(err);
    if (body.success) throw PleinError.fromBody(body.data);
    throw new PleinError(
      503,
      'service_unavailable',
      `The ${contract.pattern.split('.')[0]} service did not answer`,
    );
  }
  return contract.response.parse(answer);
}
