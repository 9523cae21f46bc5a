import type { AbstractHttpAdapter } from '@nestjs/core';
import { installExpressAudit, installFastifyAudit } from './audit/audit-hook';
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
 * Two moments matter on Express: the audit hook must come before Nest's body parsers
 * (`beforeInit`, while the module's providers are created) and the tenant scope after them
 * (`atInit`, when Nest registers module middleware, before any route). Fastify's hooks are
 * lifecycle stages, so their order does not depend on when they are added.
 */
export class CoreSdkRequestHooks {
  private auditInstalled = false;
  private scopeInstalled = false;

  constructor(private readonly recorder: AuditRecorder) {}

  /**
   * Called while the providers are created. `NestFactory.create` has set the adapter by
   * then; a testing module gets it only later, so `atInit` catches up (on Express the body
   * parser then runs first, and requests it rejects go unaudited).
   */
  beforeInit(adapter: AbstractHttpAdapter | null | undefined): void {
    // No HTTP server: an application context or a microservice.
    if (adapter === undefined || adapter === null) return;
    this.installAudit(adapter);
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
    } else {
      installExpressAudit(adapter.getInstance<ExpressLikeApp>(), this.recorder);
    }
  }
}

function adapterType(adapter: AbstractHttpAdapter): 'express' | 'fastify' {
  const type = adapter.getType();
  if (type === 'express' || type === 'fastify') return type;
  throw UnsupportedHttpAdapterError.create(type);
}
