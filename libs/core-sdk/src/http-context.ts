import type { ExecutionContext } from '@nestjs/common';

/**
 * The request (Express `req`, Fastify `request`) of an HTTP execution context. Same value
 * as `context.switchToHttp().getRequest()`, which allocates a wrapper with three closures
 * on every call; guards and parameter decorators run on every request.
 */
export function httpRequestOf<T = unknown>(context: ExecutionContext): T {
  return context.getArgByIndex<T>(0);
}

/** The response (Express `res`, Fastify `reply`) of an HTTP execution context. */
export function httpResponseOf<T = unknown>(context: ExecutionContext): T {
  return context.getArgByIndex<T>(1);
}
