import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExpressLikeApp, FastifyLikeInstance } from '../tenant/tenant-context.hooks';
import type { AuditRecorder } from './audit-recorder';

/** The part of Node's HTTP server the hook needs. */
export interface RequestEventSource {
  prependListener(
    event: 'request',
    listener: (request: IncomingMessage, response: ServerResponse) => void,
  ): unknown;
}

/**
 * Express: opens every request's audit record from the HTTP server's `request` event,
 * before Express sees the request at all: nothing Express or Nest does (body parsers,
 * routing, a rejected body) can come first, and no router layer is added per request.
 */
export function installServerAudit(server: RequestEventSource, recorder: AuditRecorder): void {
  server.prependListener('request', function coreSdkAudit(request, response) {
    recorder.begin(request, response);
  });
}

/**
 * Express without an HTTP server yet: opens every request's audit record in the
 * application's first `app.use` handler. Installed before Nest adds its body parsers, so a request the JSON parser
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
