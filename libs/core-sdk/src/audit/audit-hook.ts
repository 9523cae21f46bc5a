import type { ExpressLikeApp, FastifyLikeInstance } from '../tenant/tenant-context.hooks';
import type { AuditRecorder } from './audit-recorder';

/**
 * Express: opens every request's audit record in the application's first `app.use`
 * handler. Installed before Nest adds its body parsers, so a request the JSON parser
 * rejects (malformed or oversized body) is audited like any other.
 */
export function installExpressAudit(app: ExpressLikeApp, recorder: AuditRecorder): void {
  app.use(function coreSdkAudit(request, response, next) {
    recorder.begin(request, response);
    next();
  });
}

/**
 * Fastify: opens every request's audit record in a root `onRequest` hook, the first step
 * of Fastify's lifecycle (before body parsing, routing errors and the 404 handler). A
 * native hook instead of a Nest middleware spares @fastify/middie's per-request work.
 */
export function installFastifyAudit(fastify: FastifyLikeInstance, recorder: AuditRecorder): void {
  fastify.addHook('onRequest', function coreSdkAudit(request, reply, done) {
    recorder.begin(request.raw, reply.raw);
    done();
  });
}
