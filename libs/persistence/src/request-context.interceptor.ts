import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Observable } from 'rxjs';

/**
 * Gives every message handler its own MikroORM request context (a forked EntityManager),
 * so no handler ever touches the global one.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly orm: MikroORM) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return new Observable((subscriber) => {
      RequestContext.create(this.orm.em, () => {
        const subscription = next.handle().subscribe(subscriber);
        subscriber.add(subscription);
      });
    });
  }
}
