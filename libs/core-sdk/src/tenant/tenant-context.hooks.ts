import type { IncomingMessage, ServerResponse } from 'node:http';
import { runInTenantScope } from './tenant-context.scope';

/** The part of an Express application the hook needs. */
export interface ExpressLikeApp {
  use(
    handler: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
  ): unknown;
}

/** The part of a Fastify instance the hook needs. */
export interface FastifyLikeInstance {
  addHook(
    name: 'onRequest' | 'preHandler',
    hook: (
      request: { raw: IncomingMessage },
      reply: { raw: ServerResponse },
      done: () => void,
    ) => void,
  ): unknown;
}

/**
 * Express: enters the tenant scope in a plain `app.use` handler, installed after the body
 * parsers (Nest registers them at the start of `app.init()`, before module middleware). A
 * parser resumes the pipeline from the request stream's events; whether those still carry
 * the async context of code that ran before the body arrived is up to Node's stream and
 * HTTP internals, so the scope is entered where nothing asynchronous is left to lose it.
 */
export function installExpressTenantScope(app: ExpressLikeApp): void {
  app.use(function coreSdkTenantScope(request, _response, next) {
    runInTenantScope(request, next);
  });
}

/**
 * Fastify: enters the tenant scope in a root `preHandler` hook, which runs after the body
 * is parsed and calls the route handler (Nest's guards, pipes and handler) synchronously
 * from `done`, for the same reason as above. Far cheaper than the global Nest interceptor
 * it replaces, which made Nest build an rxjs pipeline and bind async resources per request.
 */
export function installFastifyTenantScope(fastify: FastifyLikeInstance): void {
  fastify.addHook('preHandler', function coreSdkTenantScope(request, _reply, done) {
    runInTenantScope(request.raw, done);
  });
}
