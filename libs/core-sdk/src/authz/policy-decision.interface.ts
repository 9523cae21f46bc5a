/** The policy input CoreSDK builds for every `@Authorize` check. Stable: policies key on it. */
export interface PolicyInput {
  action: string;
  tenant_id: string;
  /** The verified JWT claims. */
  user: Record<string, unknown>;
  /** Resource attributes from `@Authorize({ resource })`, else null. */
  resource: unknown;
  request: { method: string; path: string };
}

/**
 * What the policy engine said. `error` means the engine could not decide (no module, trap,
 * evaluation error, budget exceeded): fail_mode turns it into allow or deny.
 */
export type PolicyDecision =
  | { outcome: 'allow' | 'deny'; policy: string }
  | { outcome: 'error'; policy: string | null; reason: string };
