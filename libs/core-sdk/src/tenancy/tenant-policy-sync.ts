import type { Logger } from '@nestjs/common';
import type { PolicyStoreHandle } from '../authz/policy-store.provider';
import type { StoredTenant, TenantPolicySource, TenantView } from './tenant-record.interface';
import { policyData } from './tenant-view';

/**
 * Keeps the live policy store in step with the registry: each tenant's `data.tenants[id]`
 * and its runtime policy module. Remembers what it applied so a change that an instance
 * already validated (and applied) is not compiled a second time when it comes back
 * through the sync.
 */
export class TenantPolicySync {
  private readonly appliedPolicies = new Map<string, string | null>();
  /** Tenants whose stored module could not be applied here: refused until it can. */
  private readonly broken = new Set<string>();

  constructor(
    private readonly handle: PolicyStoreHandle,
    private readonly logger: Logger,
  ) {}

  /**
   * True when the tenant's stored module failed to compile on this instance (e.g. a fresh
   * instance whose global policy changed). Its requests are refused rather than decided by
   * a module other than the one the operator set.
   */
  isBroken(tenantId: string): boolean {
    return this.broken.has(tenantId);
  }

  /** True when policies are compiled in this application (it has `@Authorize` routes). */
  get available(): boolean {
    return this.handle.current !== null;
  }

  /**
   * Validates and applies `source` for the tenant; returns the diagnostics on refusal
   * (nothing changed then). The previous module is returned for a rollback.
   */
  apply(
    tenantId: string,
    source: TenantPolicySource | null,
  ): { ok: boolean; diagnostics: string[]; previous: string | null | undefined } {
    const store = this.handle.current;
    const previous = this.appliedPolicies.get(tenantId);
    if (!store) return { ok: false, diagnostics: ['policies are not compiled'], previous };
    const result = store.applyTenantPolicy(tenantId, source);
    if (result.ok) {
      this.appliedPolicies.set(tenantId, policyKey(source));
      this.broken.delete(tenantId);
    }
    return { ...result, previous };
  }

  /** Puts back what `apply` replaced (after a failed write). */
  rollback(tenantId: string, previous: string | null | undefined): void {
    const store = this.handle.current;
    if (!store) return;
    if (previous === undefined) {
      // There was no runtime override before. The store cannot forget one, so the tenant
      // goes to the global module (a policies/tenants/<id>.rego file is not restored).
      store.applyTenantPolicy(tenantId, null);
      this.appliedPolicies.set(tenantId, null);
      return;
    }
    store.applyTenantPolicy(tenantId, previous === null ? null : parseKey(previous));
    this.appliedPolicies.set(tenantId, previous);
  }

  /** Brings the tenant's data and module to what the registry now holds. */
  push(view: TenantView | null, previous?: StoredTenant, row?: StoredTenant): void {
    const store = this.handle.current;
    if (!store) return;
    const id = row?.id ?? view?.id;
    if (!id) return;
    if (row || view?.origin === 'store') store.setTenantData(id, view ? policyData(view) : null);
    const policy = row?.policy ?? null;
    const key = policyKey(policy);
    const applied = this.appliedPolicies.get(id);
    // A tenant that never had a runtime module keeps its policies/tenants/<id>.rego.
    const hadRuntimePolicy = (applied ?? null) !== null || previous?.policy != null;
    if (!row || applied === key || (policy === null && !hadRuntimePolicy)) return;
    const result = store.applyTenantPolicy(id, row.status === 'deleted' ? null : policy);
    if (result.ok) {
      this.appliedPolicies.set(id, key);
      this.broken.delete(id);
      return;
    }
    this.broken.add(id);
    this.logger.error(
      `tenant ${id}: its stored policy does not compile against the global policy; the ` +
        `tenant is refused until it is fixed:\n${result.diagnostics.join('\n')}`,
    );
  }
}

function policyKey(source: TenantPolicySource | null): string | null {
  return source === null ? null : JSON.stringify([source.path, source.source]);
}

function parseKey(key: string): TenantPolicySource {
  const [path, source] = JSON.parse(key) as [string, string];
  return { path, source };
}
