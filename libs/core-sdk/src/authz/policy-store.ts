import { Logger } from '@nestjs/common';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { compile, formatDiagnostic, loadCompiledPolicy } from '@coresdk/rego';
import type { CoreSdkConfig, TenantDeclaration } from '../config/core-sdk-config.interface';
import { PolicyCompileError } from '../errors/policy-compile.error';
import type { PolicyDecision, PolicyInput } from './policy-decision.interface';
import { PolicyFile, readPolicyFiles } from './policy-files';

interface CompiledPolicy {
  /** `global` or `tenant:<id>`; names the module in audit records. */
  name: string;
  wasm: Uint8Array;
  hostBuiltins: string[];
}

/** Limits on one evaluation; over either, the engine "could not decide" and fail_mode applies. */
export interface EvaluationBudget {
  timeMs: number;
  memoryBytes: number;
}

export const DEFAULT_EVALUATION_BUDGET: EvaluationBudget = {
  timeMs: 50,
  memoryBytes: 64 * 1024 * 1024,
};

/**
 * Compiles every tenant's policy at startup and decides requests with it.
 *
 * Isolation: each tenant evaluates in its own Wasm instance whose `data` holds only that
 * tenant's own `data.tenants` entry, so no policy can read another tenant's attributes or
 * state. Tenants without an override share the compiled global module (compiled once) but
 * still get their own instance, created on the tenant's first request.
 */
export class PolicyStore {
  private readonly logger = new Logger('CoreSdkPolicies');
  private readonly instances = new Map<string, Promise<LoadedPolicy>>();
  /** Instances whose load finished: the hot path reads these without awaiting a promise. */
  private readonly readyInstances = new Map<string, LoadedPolicy>();

  private constructor(
    private readonly config: CoreSdkConfig,
    private readonly globalPolicy: CompiledPolicy,
    private readonly tenantPolicies: ReadonlyMap<string, CompiledPolicy>,
    private readonly tenants: ReadonlyMap<string, TenantDeclaration>,
    private readonly budget: EvaluationBudget,
  ) {}

  /** Reads and compiles the policy directory; a compile error stops startup with its diagnostics. */
  static load(config: CoreSdkConfig, budget = DEFAULT_EVALUATION_BUDGET): PolicyStore {
    const logger = new Logger('CoreSdkPolicies');
    const files = readPolicyFiles(config.policies.dir);
    const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
    const entrypoint = config.policies.entrypoint;
    const globalPolicy = compilePolicy('global', files.shared, config, entrypoint);

    const tenantPolicies = new Map<string, CompiledPolicy>();
    for (const [id, file] of files.tenantOverrides) {
      // Only a declared tenant (or, with no tenant list, a well-formed id) gets a module.
      const declared = tenants.size === 0 ? config.auth.tenantIdPattern.test(id) : tenants.has(id);
      if (!declared) {
        logger.warn(`${file.path}: no declared tenant "${id}" in [[tenants]]; the file is ignored`);
        continue;
      }
      tenantPolicies.set(
        id,
        compilePolicy(`tenant:${id}`, [...files.shared, file], config, entrypoint),
      );
    }
    logger.log(
      `compiled the global policy and ${tenantPolicies.size} tenant override(s) from ${config.policies.dir}`,
    );
    return new PolicyStore(config, globalPolicy, tenantPolicies, tenants, budget);
  }

  /** Name of the module that decides for this tenant (`global` or `tenant:<id>`). */
  policyNameFor(tenantId: string): string {
    return (this.tenantPolicies.get(tenantId) ?? this.globalPolicy).name;
  }

  async decide(tenantId: string, input: PolicyInput): Promise<PolicyDecision> {
    const compiled = this.tenantPolicies.get(tenantId) ?? this.globalPolicy;
    let instance = this.readyInstances.get(tenantId);
    if (!instance) {
      try {
        instance = await this.instanceFor(tenantId, compiled);
      } catch {
        this.instances.delete(tenantId);
        return { outcome: 'error', policy: compiled.name, reason: 'module_unavailable' };
      }
    }
    return this.evaluate(tenantId, compiled, instance, input);
  }

  private evaluate(
    tenantId: string,
    compiled: CompiledPolicy,
    instance: LoadedPolicy,
    input: PolicyInput,
  ): PolicyDecision {
    const started = performance.now();
    let resultSet: unknown;
    try {
      resultSet = instance.evaluate(input, this.config.policies.entrypoint);
    } catch {
      // A trap or an abort can leave the instance's heap in any state: start a fresh one.
      this.discardInstance(tenantId);
      return { outcome: 'error', policy: compiled.name, reason: 'evaluation_error' };
    }
    if (performance.now() - started > this.budget.timeMs) {
      return { outcome: 'error', policy: compiled.name, reason: 'time_budget_exceeded' };
    }
    if (instance.mem.buffer.byteLength > this.budget.memoryBytes) {
      this.discardInstance(tenantId);
      return { outcome: 'error', policy: compiled.name, reason: 'memory_budget_exceeded' };
    }
    return { outcome: isExactlyTrue(resultSet) ? 'allow' : 'deny', policy: compiled.name };
  }

  private instanceFor(tenantId: string, compiled: CompiledPolicy): Promise<LoadedPolicy> {
    let instance = this.instances.get(tenantId);
    if (!instance) {
      const loading = loadCompiledPolicy(compiled).then((policy) => {
        policy.setData({ tenants: this.tenantData(tenantId) });
        // Publish only if no trap discarded this load meanwhile.
        if (this.instances.get(tenantId) === loading) this.readyInstances.set(tenantId, policy);
        return policy;
      });
      instance = loading;
      this.instances.set(tenantId, instance);
    }
    return instance;
  }

  private discardInstance(tenantId: string): void {
    this.instances.delete(tenantId);
    this.readyInstances.delete(tenantId);
  }

  private tenantData(tenantId: string): Record<string, unknown> {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) return {};
    return {
      [tenantId]: { ...tenant.attributes, id: tenant.id, display_name: tenant.displayName },
    };
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

function compilePolicy(
  name: string,
  files: PolicyFile[],
  config: CoreSdkConfig,
  entrypoint: string,
): CompiledPolicy {
  const result = compile(files, {
    entrypoints: [entrypoint],
    regoVersion: config.policies.regoVersion,
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.ok || !result.wasm || errors.length > 0) {
    const sources = new Map(files.map((file) => [file.path, file.source]));
    throw PolicyCompileError.create(
      name,
      errors.map((diagnostic) => formatDiagnostic(diagnostic, sources)),
    );
  }
  return { name, wasm: result.wasm, hostBuiltins: result.hostBuiltins };
}
