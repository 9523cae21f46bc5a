import type { PolicyInput } from './policy-decision.interface';

/** The input of a cross-tenant request also names the acting tenant (see AuthorizeGuard). */
type DecisionInput = PolicyInput & { home_tenant_id?: string };

/**
 * Decisions one tenant slot's module has already made, so a repeated request (same token,
 * same action, method, path and resource) is answered without evaluating the module again.
 *
 * Exact, not approximate: it is only used for modules the compiler found pure (no clock,
 * randomness, network or print built-in), which decide from input and data alone, and it
 * lives on the slot, so a policy reload, a runtime override or new tenant data (each a new
 * slot) starts from nothing. The first key is the claims object itself: deep-frozen and
 * shared by every request presenting the same token (the verified-token cache), so the
 * claims need no serialising and the entries go away with the cached token. Errors are
 * never remembered: an engine that could not decide is asked again next time.
 */
export class DecisionMemo {
  private readonly byCaller = new WeakMap<object, Map<string, boolean>>();

  /** `perCaller`: most decisions kept per token; past it that token's entries restart. */
  constructor(private readonly perCaller: number) {}

  /**
   * The rest of the input as a key, or null when it cannot be remembered: claims that are
   * not frozen could change under the memo (a caller outside TenantGuard built them).
   */
  keyOf(input: DecisionInput): string | null {
    if (!Object.isFrozen(input.user)) return null;
    const { action, request } = input;
    const home = input.home_tenant_id ?? '';
    let resource: string | undefined;
    try {
      // The same JSON text the policy is given (opa-wasm serialises the input so).
      resource = input.resource === undefined ? '' : JSON.stringify(input.resource);
    } catch {
      // Not serialisable (a cycle, a BigInt): the evaluation reports it, uncached.
      return null;
    }
    // Length-prefixed fields cannot run into each other whatever they contain; the
    // resource goes last.
    return (
      `${action.length}:${action}${request.method.length}:${request.method}` +
      `${request.path.length}:${request.path}${home.length}:${home}${resource}`
    );
  }

  recall(input: DecisionInput, key: string): boolean | undefined {
    return this.byCaller.get(input.user)?.get(key);
  }

  remember(input: DecisionInput, key: string, allowed: boolean): void {
    let decisions = this.byCaller.get(input.user);
    if (decisions === undefined) {
      decisions = new Map();
      this.byCaller.set(input.user, decisions);
    } else if (decisions.size >= this.perCaller) {
      // A token walking many distinct paths (ids in URLs) keeps a bounded set; clearing
      // is simpler than an LRU and costs one evaluation per path afterwards.
      decisions.clear();
    }
    decisions.set(key, allowed);
  }
}
