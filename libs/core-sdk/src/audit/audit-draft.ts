import { NodeRequestMap } from '../node-request-map';
import type { AuditDecision } from './audit-record.interface';

/**
 * The audit record under construction for one request. Guards and interceptors fill it in as
 * the request moves through CoreSDK; the audit hook turns it into exactly one record
 * when the response finishes.
 */
export interface AuditDraft {
  /** `performance.now()` at arrival, for the duration. */
  startedAt: number;
  /** Epoch milliseconds at arrival; formatted as ISO-8601 only when the record is written. */
  arrivedAt: number;
  method: string;
  path: string;
  route: string | null;
  tenantId: string | null;
  /** Set by TenantGuard on a cross-tenant request: the service token's own tenant. */
  homeTenantId?: string;
  subject: string | null;
  action: string | null;
  decision: AuditDecision | null;
  reason: string | null;
  policy: string | null;
  failModeApplied: boolean;
  emitted: boolean;
}

const drafts = new NodeRequestMap<AuditDraft>();

export function attachAuditDraft(request: unknown, draft: AuditDraft): void {
  drafts.set(request as object, draft);
}

export function getAuditDraft(request: unknown): AuditDraft | undefined {
  return drafts.get(request as object);
}

/** Records a decision on the request's draft; the last decision made wins. */
export function recordDecision(
  request: unknown,
  update: Partial<
    Pick<
      AuditDraft,
      | 'decision'
      | 'reason'
      | 'policy'
      | 'failModeApplied'
      | 'tenantId'
      | 'homeTenantId'
      | 'subject'
      | 'action'
      | 'route'
    >
  >,
): void {
  const draft = getAuditDraft(request);
  if (draft) Object.assign(draft, update);
}
