import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { CORE_SDK_CONFIG } from '../../core-sdk.constants';
import type { CoreSdkConfig } from '../../config/core-sdk-config.interface';
import { AUDIT_SINKS, type AuditSink } from '../audit-sink.interface';
import { AuditStats } from './audit-stats';
import { createAuditSinks } from './create-audit-sinks';

/**
 * Owns the configured audit sinks plus any registered under `AUDIT_SINKS`, and flushes
 * them all on graceful shutdown. Nest calls `onApplicationShutdown` after the HTTP server
 * stopped accepting requests, so the flush sees every record; each configured sink bounds
 * its own flush by `[audit].shutdown_timeout`, and custom sinks get the same bound here.
 */
@Injectable()
export class AuditSinkHost implements OnApplicationShutdown {
  readonly sinks: readonly AuditSink[];
  private readonly logger = new Logger('CoreSdkAudit');

  constructor(
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    readonly stats: AuditStats,
    @Optional() @Inject(AUDIT_SINKS) extraSinks?: AuditSink[],
  ) {
    this.sinks = [...createAuditSinks(config.audit, stats), ...(extraSinks ?? [])];
  }

  /** Whether records also go to the request span as a `coresdk.audit` event. */
  get otelEnabled(): boolean {
    return this.config.audit.sinks.includes('otel');
  }

  async onApplicationShutdown(): Promise<void> {
    const bound = this.config.audit.shutdownTimeoutMs;
    await Promise.all(
      this.sinks.map(async (sink) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), bound + 100);
        });
        try {
          const outcome = await Promise.race([sink.flush?.(), timeout]);
          if (outcome === 'timeout')
            this.logger.warn(`an audit sink did not flush within ${bound} ms`);
        } catch (error) {
          this.logger.warn(`an audit sink failed to flush: ${(error as Error).message}`);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const { dropped } = this.stats;
    if (dropped > 0) this.logger.warn(`${dropped} audit records were dropped since startup`);
  }
}
