import { context, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuditDraft, attachAuditDraft } from './audit-draft';
import type { AuditRecord } from './audit-record.interface';
import type { AuditSink } from './audit-sink.interface';
import { auditSpanAttributes, auditEventAttributes } from './audit-span-attributes';
import { isoTimestamp } from './iso-timestamp';

/** Tracer name under which CoreSDK's request spans appear. */
export const CORESDK_TRACER = 'coresdk';

/**
 * Opens the audit draft and span of a request and closes both exactly once when the
 * response finishes (or the client goes away). Guards run before interceptors and exception
 * filters, and rejections skip the handler entirely, so only the response itself sees every
 * request to the end.
 */
export class AuditRecorder {
  private readonly tracer: Tracer = trace.getTracer(CORESDK_TRACER);

  constructor(
    private readonly serviceName: string,
    private readonly sinks: readonly AuditSink[] = [],
    /** `[audit].sinks` includes `otel`: the span carries the whole record as an event. */
    private readonly spanEvent = true,
  ) {}

  begin(request: IncomingMessage, response: ServerResponse): AuditDraft {
    // Express rewrites `url` relative to a router's mount path and keeps the client's in
    // `originalUrl` (so does Fastify's middleware layer, middie).
    const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    const queryAt = url.indexOf('?');
    // Runs on every request: slice rather than split, which allocates an array.
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const draft: AuditDraft = {
      startedAt: performance.now(),
      arrivedAt: Date.now(),
      method: request.method ?? 'GET',
      path,
      route: null,
      tenantId: null,
      subject: null,
      action: null,
      decision: null,
      reason: null,
      policy: null,
      failModeApplied: false,
      emitted: false,
    };
    attachAuditDraft(request, draft);
    const span = this.tracer.startSpan(
      `coresdk ${draft.method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': draft.method } },
      context.active(),
    );
    // Node emits 'close' on every response: right after 'finish' when it was sent, or alone
    // when the client went away first (then `writableFinished` is false). One listener
    // therefore sees every request exactly once (`on`: `once` would allocate a wrapper).
    response.on('close', () => this.complete(draft, response, span));
    return draft;
  }

  private complete(draft: AuditDraft, response: ServerResponse, span: Span): void {
    if (draft.emitted) return;
    draft.emitted = true;
    const record = toRecord(
      draft,
      response.statusCode,
      this.serviceName,
      response.writableFinished,
    );
    span.setAttributes(auditSpanAttributes(record));
    if (this.spanEvent) span.addEvent('coresdk.audit', auditEventAttributes(record));
    if (record.decision === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.updateName(`coresdk ${record.method} ${record.route}`);
    span.end();
    for (const sink of this.sinks) {
      try {
        sink.write(record);
      } catch {
        // A sink must never break a response; sinks count their own losses.
      }
    }
  }
}

function toRecord(
  draft: AuditDraft,
  status: number,
  service: string,
  finished: boolean,
): AuditRecord {
  const decision = draft.decision ?? (status >= 500 ? 'error' : status >= 400 ? 'deny' : 'allow');
  const reason = draft.reason ?? (finished ? defaultReason(status) : 'client_closed');
  return {
    timestamp: isoTimestamp(draft.arrivedAt),
    service,
    tenant_id: draft.tenantId,
    ...(draft.homeTenantId !== undefined && {
      cross_tenant: true as const,
      home_tenant_id: draft.homeTenantId,
    }),
    subject: draft.subject,
    action: draft.action,
    decision,
    reason,
    policy: draft.policy,
    fail_mode_applied: draft.failModeApplied,
    status,
    method: draft.method,
    route: draft.route ?? draft.path,
    duration_ms: Math.round((performance.now() - draft.startedAt) * 1000) / 1000,
  };
}

function defaultReason(status: number): string {
  if (status === 404) return 'not_found';
  if (status >= 500) return 'handler_error';
  if (status >= 400) return 'rejected';
  return 'served';
}
