import { Logger } from '@nestjs/common';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import type { CoreSdkConfig, TenantDeclaration } from '../config/core-sdk-config.interface';
import { PolicyCompileError } from '../errors/policy-compile.error';
import { compileModule } from './compile-module';
import { DecisionMemo } from './decision-memo';
import { PolicySourceError } from './policy-source.error';
import type { PolicyDecision, PolicyInput } from './policy-decision.interface';
import type { PolicyFile } from './policy-files';
import type { CompiledModule, PolicySnapshot } from './policy-snapshot.interface';
import { readDirectorySnapshot } from './sources/directory-snapshot';
import { LoadedTenantCache, type LoadedTenantStats } from './loaded-tenant-cache';
import { jsonCopy, tenantInstanceData } from './tenant-instance-data';
import { TenantSlot } from './tenant-slot';
import { validateModule } from './validate-module';

/** Limits on one evaluation; over either, the engine "could not decide" and fail_mode applies. */
export interface EvaluationBudget {
  timeMs: number;
  memoryBytes: number;
}

/**
 * The time budget is wall-clock and checked after the (synchronous) evaluation returns, so it
 * also counts GC pauses and a busy event loop: a tight value turns a correct decision on a
 * loaded machine into a fail_mode outcome. It is set to flag pathological policies only.
 */
/** Loaded tenant instances kept when the config names no `[policies].max_loaded_tenants`. */
export const DEFAULT_MAX_LOADED_TENANTS = 1_000;

/** Decisions remembered per token when the config names no `[policies].decision_cache`. */
export const DEFAULT_DECISION_CACHE = 64;

export const DEFAULT_EVALUATION_BUDGET: EvaluationBudget = {
  timeMs: 1_000,
  memoryBytes: 64 * 1024 * 1024,
};

/**
 * What installing a snapshot or a runtime override did: `ok` when applied (diagnostics then
 * name tenants whose runtime override kept its previous module), else refused with reasons.
 */
export interface PolicyChangeResult {
  ok: boolean;
  diagnostics: string[];
}

/**
 * Decides requests with the live policy snapshot, one Wasm instance per tenant.
 *
 * Isolation: each tenant evaluates in its own instance whose `data.tenants` holds only that
 * tenant's own entry, so no policy can read another tenant's attributes or state.
 *
 * Swaps: a new snapshot (reload) or a runtime override is compiled and instantiated once
 * for validation BEFORE anything changes; only then are the tenant slots replaced, in one
 * synchronous step. A request that already took its tenant's slot finishes on it; a refused
 * change leaves every tenant on the last good module.
 *
 * Memory: at most `[policies].max_loaded_tenants` instances stay loaded; the least recently
 * used tenant's instance is dropped and re-created (same module, same data) on its next
 * request. Compiled module bytes stay in the snapshot.
 */
export class PolicyStore {
  private readonly logger = new Logger('CoreSdkPolicies');
  private readonly declaredTenants: ReadonlyMap<string, TenantDeclaration>;
  private snapshot!: PolicySnapshot;
  private readonly slots: LoadedTenantCache;
  /** Runtime overrides as given (null = "use the global module"), re-applied on reload. */
  private readonly runtimePolicies = new Map<string, PolicyFile | null>();
  /** The runtime overrides compiled against the current snapshot's global sources. */
  private runtimeModules = new Map<string, CompiledModule | null>();
  private readonly runtimeData = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly config: CoreSdkConfig,
    initial: PolicySnapshot,
    private readonly budget: EvaluationBudget = DEFAULT_EVALUATION_BUDGET,
  ) {
    this.declaredTenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
    this.slots = new LoadedTenantCache(
      config.policies.maxLoadedTenants ?? DEFAULT_MAX_LOADED_TENANTS,
    );
    const result = this.install(initial);
    if (!result.ok) throw PolicyCompileError.create(initial.origin, result.diagnostics);
  }

  /** Reads and compiles the policy directory; a compile error stops startup with its diagnostics. */
  static load(config: CoreSdkConfig, budget = DEFAULT_EVALUATION_BUDGET): PolicyStore {
    let snapshot: PolicySnapshot;
    try {
      snapshot = readDirectorySnapshot(config);
    } catch (error) {
      throw error instanceof PolicySourceError ? error.toStartupError() : error;
    }
    return new PolicyStore(config, snapshot, budget);
  }

  /** The revision every tenant without a runtime override decides with. */
  get revision(): string {
    return this.snapshot.revision;
  }

  /** Loaded-instance cache counters: how many tenants are loaded, hits, misses, evictions. */
  get loadedTenantStats(): LoadedTenantStats {
    return this.slots.stats();
  }

  /** Tenants whose instance is loaded now, least recently used first. */
  loadedTenants(): string[] {
    return this.slots.loadedTenants();
  }

  /** Name of the module that decides for this tenant (`global` or `tenant:<id>`). */
  policyNameFor(tenantId: string): string {
    return this.moduleFor(tenantId).name;
  }

  /**
   * Validates a new snapshot, then swaps all tenants to it at once (re-applying the runtime
   * overrides). A problem with the snapshot's own modules refuses it whole: nothing changes.
   * Applied with diagnostics means some runtime overrides kept their previous module.
   */
  install(snapshot: PolicySnapshot): PolicyChangeResult {
    const tenants = new Map<string, CompiledModule>();
    for (const [id, module] of snapshot.tenants) {
      if (this.isDeclared(id)) tenants.set(id, module);
      else
        this.logger.warn(`${snapshot.origin}: no declared tenant "${id}"; its module is ignored`);
    }
    // The revision's own modules decide for every tenant: any problem refuses it whole.
    const problems = [snapshot.global, ...tenants.values()]
      .map((module) => validateModule(module, this.config.policies.entrypoint))
      .filter((problem): problem is string => problem !== null);
    if (problems.length > 0) return { ok: false, diagnostics: problems };

    const { modules: runtimeModules, diagnostics } = this.recompileRuntimeOverrides(snapshot);
    this.snapshot = { ...snapshot, tenants };
    this.runtimeModules = runtimeModules;
    this.slots.clear();
    return { ok: true, diagnostics };
  }

  /**
   * Compiles each runtime override against the new revision. One tenant's override must not
   * hold back the whole fleet's policy: a tenant whose override no longer compiles (or
   * loads) keeps its previous module, and the diagnostics say so.
   */
  private recompileRuntimeOverrides(snapshot: PolicySnapshot): {
    modules: Map<string, CompiledModule | null>;
    diagnostics: string[];
  } {
    const modules = new Map<string, CompiledModule | null>();
    const diagnostics: string[] = [];
    for (const [id, override] of this.runtimePolicies) {
      if (override === null) {
        modules.set(id, null);
        continue;
      }
      const compiled = this.compileOverride(snapshot, id, override);
      const problems = compiled.ok
        ? [validateModule(compiled.module, this.config.policies.entrypoint)].filter(
            (problem): problem is string => problem !== null,
          )
        : compiled.diagnostics;
      if (compiled.ok && problems.length === 0) {
        modules.set(id, compiled.module);
        continue;
      }
      modules.set(id, this.runtimeModules.get(id) ?? null);
      diagnostics.push(
        ...problems.map(
          (line) => `tenant:${id} (runtime override) keeps its previous module: ${line}`,
        ),
      );
    }
    return { modules, diagnostics };
  }

  /**
   * Runtime tenant provisioning: compiles the global policy plus `source` as this tenant's
   * module, validates it and swaps only this tenant to it. `null` puts the tenant on the
   * global module. Kept across reloads (each reload compiles it again against the new
   * global policy).
   */
  applyTenantPolicy(
    tenantId: string,
    source: { path: string; source: string } | null,
  ): PolicyChangeResult {
    if (!this.config.auth.tenantIdPattern.test(tenantId))
      return { ok: false, diagnostics: [`invalid tenant id ${JSON.stringify(tenantId)}`] };
    if (source !== null && (typeof source.path !== 'string' || typeof source.source !== 'string'))
      return { ok: false, diagnostics: ['the policy source must be { path, source } strings'] };
    let module: CompiledModule | null = null;
    if (source !== null) {
      const compiled = this.compileOverride(this.snapshot, tenantId, source);
      if (!compiled.ok) return compiled;
      const problem = validateModule(compiled.module, this.config.policies.entrypoint);
      if (problem) return { ok: false, diagnostics: [problem] };
      module = compiled.module;
    }
    this.runtimePolicies.set(tenantId, source === null ? null : { ...source });
    this.runtimeModules.set(tenantId, module);
    this.slots.forget(tenantId);
    return { ok: true, diagnostics: [] };
  }

  /** Forgets the tenant's runtime override: it decides with the revision's own module again. */
  clearTenantPolicy(tenantId: string): void {
    this.runtimePolicies.delete(tenantId);
    this.runtimeModules.delete(tenantId);
    this.slots.forget(tenantId);
  }

  /**
   * Replaces what `data.tenants[tenantId]` holds in this tenant's instance (a fresh
   * instance: requests already evaluating keep the old data). `null` drops the runtime
   * value: the tenant sees its declared attributes again, or nothing.
   */
  setTenantData(tenantId: string, attributes: Record<string, unknown> | null): void {
    if (attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes)))
      throw new TypeError('setTenantData: attributes must be a plain object or null');
    if (attributes === null) this.runtimeData.delete(tenantId);
    // A copy: the caller mutating its object later must not change what policies read.
    else this.runtimeData.set(tenantId, jsonCopy(attributes));
    this.slots.forget(tenantId);
  }

  /**
   * The decision without waiting, or undefined while the tenant's instance is still being
   * created (its first request, or the first after an eviction or a swap): then `decide`.
   * The guard's hot path, which so adds no promise to the request.
   */
  decideNow(tenantId: string, input: PolicyInput): PolicyDecision | undefined {
    const slot = this.slotFor(tenantId);
    const instance = slot.ready;
    return instance ? this.evaluate(tenantId, slot, instance, input) : undefined;
  }

  async decide(tenantId: string, input: PolicyInput): Promise<PolicyDecision> {
    const slot = this.slotFor(tenantId);
    let instance = slot.ready;
    if (!instance) {
      try {
        instance = await slot.instance();
      } catch {
        return { outcome: 'error', policy: slot.module.name, reason: 'module_unavailable' };
      }
    }
    return this.evaluate(tenantId, slot, instance, input);
  }

  private evaluate(
    tenantId: string,
    slot: TenantSlot,
    instance: LoadedPolicy,
    input: PolicyInput,
  ): PolicyDecision {
    const memo = slot.memo;
    const remembered = memo === null ? null : memo.slotOf(input);
    if (remembered !== null) {
      const known = (memo as DecisionMemo).recall(remembered);
      if (known !== undefined) return known ? slot.allowed : slot.denied;
    }
    const policy = slot.module.name;
    const started = performance.now();
    let resultSet: unknown;
    try {
      resultSet = instance.evaluate(input, this.config.policies.entrypoint);
    } catch {
      // A trap or an abort can leave the instance's heap in any state: start a fresh one.
      this.discardSlot(tenantId, slot);
      return { outcome: 'error', policy, reason: 'evaluation_error' };
    }
    if (performance.now() - started > this.budget.timeMs) {
      return { outcome: 'error', policy, reason: 'time_budget_exceeded' };
    }
    if (instance.mem.buffer.byteLength > this.budget.memoryBytes) {
      this.discardSlot(tenantId, slot);
      return { outcome: 'error', policy, reason: 'memory_budget_exceeded' };
    }
    const allowed = isExactlyTrue(resultSet);
    if (remembered !== null) (memo as DecisionMemo).remember(remembered, allowed);
    return allowed ? slot.allowed : slot.denied;
  }

  /** Rebuilt from what the store remembers, so an evicted tenant comes back unchanged. */
  private slotFor(tenantId: string): TenantSlot {
    return this.slots.take(tenantId, () =>
      this.newSlot(
        this.moduleFor(tenantId),
        tenantInstanceData(
          tenantId,
          this.snapshot.data,
          this.runtimeData.get(tenantId),
          this.declaredTenants.get(tenantId),
        ),
      ),
    );
  }

  /** A slot with its own (empty) decision memo when the module is pure and the memo is on. */
  private newSlot(module: CompiledModule, data: Record<string, unknown>): TenantSlot {
    const perToken = this.config.policies.decisionCache ?? DEFAULT_DECISION_CACHE;
    const memo = module.pure && perToken > 0 ? new DecisionMemo(perToken) : null;
    return new TenantSlot(module, data, memo);
  }

  /** Only the slot that failed is dropped: a newer one swapped in meanwhile stays. */
  private discardSlot(tenantId: string, slot: TenantSlot): void {
    this.slots.forgetIfCurrent(tenantId, slot);
  }

  private moduleFor(tenantId: string): CompiledModule {
    if (this.runtimeModules.has(tenantId))
      return this.runtimeModules.get(tenantId) ?? this.snapshot.global;
    return this.snapshot.tenants.get(tenantId) ?? this.snapshot.global;
  }

  private compileOverride(snapshot: PolicySnapshot, tenantId: string, override: PolicyFile) {
    if (!snapshot.sharedSources)
      return {
        ok: false as const,
        diagnostics: [
          `tenant:${tenantId}: ${snapshot.origin} carries no Rego sources of the global policy, ` +
            'so a runtime override cannot be compiled against it (ship the .rego files in the bundle)',
        ],
      };
    return compileModule(`tenant:${tenantId}`, [...snapshot.sharedSources, override], {
      entrypoint: this.config.policies.entrypoint,
      regoVersion: this.config.policies.regoVersion,
    });
  }

  private isDeclared(tenantId: string): boolean {
    return this.declaredTenants.size === 0
      ? this.config.auth.tenantIdPattern.test(tenantId)
      : this.declaredTenants.has(tenantId);
  }
}

/** Allowed only when the entrypoint is exactly `true`: false, undefined or any other value denies. */
function isExactlyTrue(resultSet: unknown): boolean {
  return (
    Array.isArray(resultSet) &&
    resultSet.length === 1 &&
    (resultSet[0] as { result?: unknown } | undefined)?.result === true
  );
}
