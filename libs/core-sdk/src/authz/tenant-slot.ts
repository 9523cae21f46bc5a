import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { loadCompiledPolicy } from '@coresdk/rego';
import type { DecisionMemo } from './decision-memo';
import type { PolicyDecision } from './policy-decision.interface';
import type { CompiledModule } from './policy-snapshot.interface';

/**
 * One tenant's binding to a module and its data: the unit the store swaps. A request takes
 * its tenant's slot once and finishes on it, even if a reload or a runtime override has
 * replaced the slot meanwhile; the replaced slot is simply dropped when no request holds it.
 */
export class TenantSlot {
  /** Set once the instance finished loading: the hot path reads it without awaiting. */
  ready: LoadedPolicy | null = null;
  private loading: Promise<LoadedPolicy> | null = null;
  /** The two decisions this slot can give, built once (they are handed out read-only). */
  readonly allowed: PolicyDecision;
  readonly denied: PolicyDecision;

  constructor(
    readonly module: CompiledModule,
    private readonly data: Record<string, unknown>,
    /** Decisions already made; null when the module is not pure or the memo is off. */
    readonly memo: DecisionMemo | null = null,
  ) {
    this.allowed = Object.freeze({ outcome: 'allow' as const, policy: module.name });
    this.denied = Object.freeze({ outcome: 'deny' as const, policy: module.name });
  }

  /** The tenant's own Wasm instance, created on first use. A failed load is retried next time. */
  instance(): Promise<LoadedPolicy> {
    if (!this.loading) {
      const loading = loadCompiledPolicy(this.module).then((policy) => {
        policy.setData(this.data);
        this.ready = policy;
        return policy;
      });
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }
}
