import type { AuditStats } from './audit-stats';
import { PermanentDeliveryError, type Deliver, type DeliveryPolicy } from './delivery-queue';
import { TenantRoutedSink } from './tenant-routed.sink';

export interface HttpBatchSinkOptions extends DeliveryPolicy {
  /** Collector URL; `{tenant}` becomes the stream name (URL-encoded). */
  urlTemplate: string;
  /** A tenant's own collector, replacing the template for that tenant. */
  tenantUrls: Record<string, string>;
  timeoutMs: number;
  shutdownTimeoutMs: number;
}

/**
 * POSTs each tenant's records in batches as `{"tenant": "...", "records": [...]}`. A 2xx
 * is delivered; a network error, timeout, 408, 429 or 5xx is retried with backoff; any
 * other status is a permanent refusal and the batch is dropped and counted.
 */
export class HttpBatchSink extends TenantRoutedSink {
  constructor(
    private readonly options: HttpBatchSinkOptions,
    stats: AuditStats,
  ) {
    super('http', options, stats);
  }

  urlOf(stream: string): string {
    const own = Object.prototype.hasOwnProperty.call(this.options.tenantUrls, stream)
      ? this.options.tenantUrls[stream]
      : undefined;
    return own ?? this.options.urlTemplate.split('{tenant}').join(encodeURIComponent(stream));
  }

  protected deliverer(stream: string): Deliver {
    const { url, authorization } = splitCredentials(this.urlOf(stream));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    return async (batch) => {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tenant: stream, records: batch }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const retryable =
        response.status === 408 || response.status === 429 || response.status >= 500;
      const message = `audit collector answered ${response.status}`;
      throw retryable ? new Error(message) : new PermanentDeliveryError(message);
    };
  }
}

/**
 * `fetch` refuses URLs with credentials; a collector URL written as
 * `https://user:secret@host/...` is sent as HTTP Basic authentication instead.
 */
export function splitCredentials(text: string): { url: string; authorization: string | null } {
  const url = new URL(text);
  if (url.username === '' && url.password === '') return { url: text, authorization: null };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  return { url: url.toString(), authorization: `Basic ${token}` };
}
