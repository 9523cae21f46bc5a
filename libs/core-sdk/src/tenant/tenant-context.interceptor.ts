import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { readVerifiedTenant } from './request-tenant';
import { tenantContextStorage } from './tenant-context.storage';

/**
 * Runs the route handler inside an AsyncLocalStorage scope holding the verified tenant,
 * so `TenantContext` works anywhere down the call chain, across awaits.
 *
 * Why an interceptor rather than a middleware: on Fastify a middleware runs in the
 * `onRequest` hook, and the body is parsed afterwards from socket events that do not
 * carry the middleware's async context, so a POST handler would lose the tenant. The
 * interceptor subscribes to the handler from inside `run()`, which holds on both adapters.
 */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const tenant = readVerifiedTenant(context.switchToHttp().getRequest<object>());
    if (tenant === undefined) {
      return next.handle();
    }
    return new Observable((subscriber) =>
      tenantContextStorage.run(tenant, () => next.handle().subscribe(subscriber)),
    );
  }
}
