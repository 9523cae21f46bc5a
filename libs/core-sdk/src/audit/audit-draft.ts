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

/** Drafts by Node request: nothing is added to the request object (see the tenant scope). */
const drafts = new WeakMap<object, AuditDraft>();

type Carrier = { raw?: unknown };

/**
 * Express hands guards the Node request itself; Fastify wraps it (`request.raw`). The draft
 * lives on the Node request so middleware and guards find the same one on both adapters.
 */
function nodeRequest(request: unknown): Carrier {
  const carrier = request as Carrier;
  return (carrier.raw as Carrier | undefined) ?? carrier;
}

export function attachAuditDraft(request: unknown, draft: AuditDraft): void {
  drafts.set(nodeRequest(request), draft);
}

export function getAuditDraft(request: unknown): AuditDraft | undefined {
  // The request itself first: on Express it is the Node request, and reading a `raw` it
  // lacks walks Express's whole prototype chain on every call.
  return drafts.get(request as object) ?? drafts.get((request as Carrier).raw as object);
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
