import type { AbstractHttpAdapter } from '@nestjs/core';
import {
  installExpressAudit,
  installFastifyAudit,
  installServerAudit,
  type RequestEventSource,
} from './audit/audit-hook';
import type { AuditRecorder } from './audit/audit-recorder';
import { UnsupportedHttpAdapterError } from './errors/unsupported-http-adapter.error';
import {
  type ExpressLikeApp,
  type FastifyLikeInstance,
  installExpressTenantScope,
  installFastifyTenantScope,
} from './tenant/tenant-context.hooks';

/**
 * Installs CoreSDK's per-request hooks on the underlying Express or Fastify server
 * instead of Nest middleware and a global interceptor, which cost far more per request.
 *
 * On Express the audit hook listens to the HTTP server's `request` event, ahead of Express
 * itself, as soon as the server exists (at the latest `atInit`); the tenant scope is an
 * `app.use` handler after Nest's body parsers (`atInit`, when Nest registers module
 * middleware, before any route). Fastify's hooks are lifecycle stages, so their order does
 * not depend on when they are added.
 */
export class CoreSdkRequestHooks {
  private auditInstalled = false;
  private scopeInstalled = false;

  constructor(private readonly recorder: AuditRecorder) {}

  /**
   * Called while the providers are created. `NestFactory.create` has set the adapter by
   * then (a testing module only later): Fastify's audit hook goes in now; Express's waits
   * for the HTTP server, which Nest creates right after the providers.
   */
  beforeInit(adapter: AbstractHttpAdapter | null | undefined): void {
    // No HTTP server: an application context or a microservice.
    if (adapter === undefined || adapter === null) return;
    if (adapterType(adapter) === 'fastify' || serverOf(adapter) !== undefined) {
      this.installAudit(adapter);
    }
  }

  /** Called from `CoreSdkModule.configure`: after the body parsers, before the routes. */
  atInit(adapter: AbstractHttpAdapter | null | undefined): void {
    // No HTTP server: an application context or a microservice.
    if (adapter === undefined || adapter === null) return;
    this.installAudit(adapter);
    if (this.scopeInstalled) return;
    this.scopeInstalled = true;
    if (adapterType(adapter) === 'fastify') {
      installFastifyTenantScope(adapter.getInstance<FastifyLikeInstance>());
    } else {
      installExpressTenantScope(adapter.getInstance<ExpressLikeApp>());
    }
  }

  private installAudit(adapter: AbstractHttpAdapter): void {
    if (this.auditInstalled) return;
    this.auditInstalled = true;
    if (adapterType(adapter) === 'fastify') {
      installFastifyAudit(adapter.getInstance<FastifyLikeInstance>(), this.recorder);
      return;
    }
    const server = serverOf(adapter);
    // Without a server (not seen with Nest's own factories) the first app.use still comes
    // before every route, though after the body parsers.
    if (server !== undefined) installServerAudit(server, this.recorder);
    else installExpressAudit(adapter.getInstance<ExpressLikeApp>(), this.recorder);
  }
}

/** The adapter's Node HTTP server once Nest has created it. */
function serverOf(adapter: AbstractHttpAdapter): RequestEventSource | undefined {
  const server = adapter.getHttpServer() as Partial<RequestEventSource> | undefined;
  return typeof server?.prependListener === 'function' ? (server as RequestEventSource) : undefined;
}

function adapterType(adapter: AbstractHttpAdapter): 'express' | 'fastify' {
  const type = adapter.getType();
  if (type === 'express' || type === 'fastify') return type;
  throw UnsupportedHttpAdapterError.create(type);
}
