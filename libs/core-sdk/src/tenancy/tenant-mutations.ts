import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import {
  TenancyUnavailableException,
  TenantExistsException,
  TenantInputInvalidException,
  TenantNotFoundException,
  TenantPolicyRejectedException,
} from './tenancy.exceptions';
import {
  checkLimits,
  checkPolicy,
  checkTenantId,
  checkTenantInput,
  type CreateTenantInput,
  type UpdateTenantInput,
} from './tenant-input';
import type {
  StoredTenant,
  TenantDraft,
  TenantLimits,
  TenantPolicySource,
  TenantView,
} from './tenant-record.interface';
import type { TenantRegistry } from './tenant-registry.service';
import { baseDraft } from './tenant-view';

/**
 * The write path of the registry. Every change is validated, a tenant policy is compiled
 * and applied by the live policy store BEFORE it is persisted (and rolled back if the
 * write then fails), the row is written in one store transaction, the other instances are
 * notified, and the call returns once this instance holds the new version.
 */
export class TenantMutations {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly config: CoreSdkConfig,
  ) {}

  async create(input: CreateTenantInput): Promise<TenantView> {
    this.check(checkTenantInput(input, 'create', this.config.auth.tenantIdPattern));
    const id = input.id;
    const policy = normalisePolicy(id, input.policy);
    return this.write(id, policy, (current) => {
      const exists = current ? current.status !== 'deleted' : !!this.registry.declared(id);
      if (exists) throw new TenantExistsException(id);
      return {
        id,
        displayName: input.displayName ?? null,
        status: input.status ?? 'active',
        attributes: { ...(input.attributes ?? {}) },
        limits: input.limits ?? null,
        policy: policy ?? null,
      };
    });
  }

  async update(tenantId: string, input: UpdateTenantInput): Promise<TenantView> {
    this.check(checkTenantId(tenantId, this.config.auth.tenantIdPattern));
    this.check(checkTenantInput(input, 'update', this.config.auth.tenantIdPattern));
    const policy = normalisePolicy(tenantId, input.policy);
    return this.write(tenantId, policy, (current) => {
      const base = this.existing(tenantId, current);
      return {
        ...base,
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.attributes !== undefined && { attributes: { ...input.attributes } }),
        ...(input.limits !== undefined && { limits: input.limits }),
        ...(policy !== undefined && { policy }),
        ...(input.status !== undefined && { status: input.status }),
      };
    });
  }

  setStatus(tenantId: string, status: 'active' | 'disabled'): Promise<TenantView> {
    return this.update(tenantId, { status });
  }

  setPolicy(tenantId: string, policy: TenantPolicySource | null): Promise<TenantView> {
    if (policy !== null) this.check(checkPolicy(policy));
    return this.update(tenantId, { policy });
  }

  setLimits(tenantId: string, limits: TenantLimits | null): Promise<TenantView> {
    if (limits !== null) this.check(checkLimits(limits));
    return this.update(tenantId, { limits });
  }

  /** Leaves a tombstone: the id is refused everywhere, also when coresdk.toml declares it. */
  async delete(tenantId: string): Promise<void> {
    this.check(checkTenantId(tenantId, this.config.auth.tenantIdPattern));
    await this.write(tenantId, undefined, (current) => ({
      ...this.existing(tenantId, current),
      status: 'deleted',
      policy: null,
    }));
  }

  private existing(tenantId: string, current: StoredTenant | null): TenantDraft {
    const base = baseDraft(current, this.registry.declared(tenantId));
    if (!base) throw new TenantNotFoundException(tenantId);
    return base;
  }

  private async write(
    tenantId: string,
    policy: TenantPolicySource | null | undefined,
    change: (current: StoredTenant | null) => TenantDraft,
  ): Promise<TenantView> {
    const backends = this.registry.backends();
    if (!backends) {
      throw new TenancyUnavailableException(
        'tenant provisioning is off: set [tenancy].enabled = true',
      );
    }
    const policies = this.registry.policySync;
    let applied: { previous: string | null | undefined } | null = null;
    if (policy) {
      if (!policies.available) {
        throw new TenancyUnavailableException(
          'tenant policies are not compiled in this application (it has no @Authorize route)',
        );
      }
      const result = policies.apply(tenantId, policy);
      if (!result.ok) throw new TenantPolicyRejectedException(result.diagnostics);
      applied = result;
    }
    let row: StoredTenant;
    try {
      row = await backends.store.write(tenantId, change);
    } catch (error) {
      if (applied) policies.rollback(tenantId, applied.previous);
      throw error;
    }
    await backends.bus.publish(row.version);
    await this.registry.sync();
    const view = this.registry.get(tenantId);
    return view ?? { ...deletedView(row) };
  }

  private check(problems: string[]): void {
    if (problems.length > 0) throw new TenantInputInvalidException(problems);
  }
}

/** A path is optional in the input; diagnostics need one, so it defaults to a stable name. */
function normalisePolicy(
  tenantId: string,
  policy: { path?: string; source: string } | null | undefined,
): TenantPolicySource | null | undefined {
  if (policy === undefined || policy === null) return policy;
  return { path: policy.path ?? `tenants/${tenantId}.rego`, source: policy.source };
}

function deletedView(row: StoredTenant): TenantView {
  return {
    id: row.id,
    displayName: row.displayName,
    status: 'disabled',
    attributes: {},
    limits: null,
    policyPath: null,
    origin: 'store',
    version: row.version,
  };
}
