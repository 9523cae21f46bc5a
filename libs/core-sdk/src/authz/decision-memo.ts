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
/** One token's remembered decisions for one action. */
interface ActionDecisions {
  /** GET requests without a resource or acting tenant, by path alone (the common case). */
  readonly plain: Map<string, boolean>;
  /** Everything else, by a key of all the other fields. */
  readonly detailed: Map<string, boolean>;
}

/** One token's remembered decisions, by action. */
interface CallerDecisions {
  size: number;
  readonly byAction: Map<string, ActionDecisions>;
}

/** Where one input's decision lives: which map of which token, under which key. */
export interface MemoSlot {
  readonly caller: object;
  readonly action: string;
  readonly plain: boolean;
  readonly key: string;
}

export class DecisionMemo {
  private readonly byCaller = new WeakMap<object, CallerDecisions>();

  /** `perCaller`: most decisions kept per token; past it that token's entries restart. */
  constructor(private readonly perCaller: number) {}

  /**
   * Where the input's decision is remembered, or null when it cannot be: claims that are
   * not frozen could change under the memo (a caller outside TenantGuard built them).
   * Nested maps keyed by strings V8 has already hashed (the action, the method) keep a
   * lookup to one hash of the path in the common case, instead of building a long key.
   */
  slotOf(input: DecisionInput): MemoSlot | null {
    if (!Object.isFrozen(input.user)) return null;
    const { action, request } = input;
    const home = input.home_tenant_id;
    if (request.method === 'GET' && input.resource === null && home === undefined) {
      return { caller: input.user, action, plain: true, key: request.path };
    }
    let resource: string;
    try {
      // The same JSON text the policy is given (opa-wasm serialises the input so).
      resource = input.resource === undefined ? '' : (JSON.stringify(input.resource) ?? '');
    } catch {
      // Not serialisable (a cycle, a BigInt): the evaluation reports it, uncached.
      return null;
    }
    const acting = home ?? '';
    // Length-prefixed fields cannot run into each other whatever they contain; the
    // resource goes last. `undefined` and `null` resources differ ('' vs 'null').
    const key =
      `${request.method.length}:${request.method}${request.path.length}:${request.path}` +
      `${acting.length}:${acting}${input.resource === undefined ? '-' : '+'}${resource}`;
    return { caller: input.user, action, plain: false, key };
  }

  recall(slot: MemoSlot): boolean | undefined {
    const decisions = this.byCaller.get(slot.caller)?.byAction.get(slot.action);
    if (decisions === undefined) return undefined;
    return (slot.plain ? decisions.plain : decisions.detailed).get(slot.key);
  }

  remember(slot: MemoSlot, allowed: boolean): void {
    let caller = this.byCaller.get(slot.caller);
    if (caller === undefined) {
      caller = { size: 0, byAction: new Map() };
      this.byCaller.set(slot.caller, caller);
    }
    let decisions = caller.byAction.get(slot.action);
    const known = decisions && (slot.plain ? decisions.plain : decisions.detailed);
    if (known?.has(slot.key)) {
      known.set(slot.key, allowed);
      return;
    }
    if (caller.size >= this.perCaller) {
      // A token walking many distinct paths (ids in URLs) keeps a bounded set; clearing
      // is simpler than an LRU and costs one evaluation per path afterwards.
      caller.byAction.clear();
      caller.size = 0;
      decisions = undefined;
    }
    if (decisions === undefined) {
      decisions = { plain: new Map(), detailed: new Map() };
      caller.byAction.set(slot.action, decisions);
    }
    (slot.plain ? decisions.plain : decisions.detailed).set(slot.key, allowed);
    caller.size += 1;
  }
}
