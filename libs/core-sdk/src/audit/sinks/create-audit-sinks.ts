import type { AuditSection } from '../../config/core-sdk-config.interface';
import type { AuditSink } from '../audit-sink.interface';
import type { AuditStats } from './audit-stats';
import { HttpBatchSink } from './http-batch.sink';
import { JsonLinesFileSink } from './json-lines-file.sink';

/** The `file` and `http` sinks `[audit].sinks` lists (`otel` is the request span itself). */
export function createAuditSinks(config: AuditSection, stats: AuditStats): AuditSink[] {
  const policy = {
    batchSize: config.batchSize,
    flushIntervalMs: config.flushIntervalMs,
    maxQueue: config.maxQueue,
    retryBackoffMs: config.retryBackoffMs,
    maxRetryBackoffMs: config.maxRetryBackoffMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  };
  const sinks: AuditSink[] = [];
  if (config.sinks.includes('file'))
    sinks.push(new JsonLinesFileSink(config.fileDir, policy, stats));
  if (config.sinks.includes('http')) {
    if (config.httpUrl === null) {
      // Config validation requires it; this guards programmatic misuse.
      throw new Error('[audit].sinks lists "http" but [audit].http_url is not set');
    }
    sinks.push(
      new HttpBatchSink(
        {
          ...policy,
          urlTemplate: config.httpUrl,
          tenantUrls: config.tenantHttpUrls,
          timeoutMs: config.httpTimeoutMs,
        },
        stats,
      ),
    );
  }
  return sinks;
}
