import type { TenantDeclaration } from '../config/core-sdk-config.interface';
import type { StoredTenant, TenantDraft, TenantView } from './tenant-record.interface';

/** The effective view: a stored row wins over the toml declaration; a tombstone hides both. */
export function effectiveView(
  id: string,
  stored: StoredTenant | undefined,
  declared: TenantDeclaration | undefined,
): TenantView | null {
  if (stored) {
    if (stored.status === 'deleted') return null;
    return {
      id,
      displayName: stored.displayName,
      status: stored.status,
      attributes: stored.attributes,
      limits: stored.limits,
      policyPath: stored.policy?.path ?? null,
      origin: 'store',
      version: stored.version,
    };
  }
  if (!declared) return null;
  return {
    id,
    displayName: declared.displayName,
    status: 'active',
    attributes: declared.attributes,
    limits: null,
    policyPath: null,
    origin: 'toml',
    version: 0,
  };
}

/** The draft an update starts from: the live row, or the toml declaration on first change. */
export function baseDraft(
  stored: StoredTenant | null,
  declared: TenantDeclaration | undefined,
): TenantDraft | null {
  if (stored && stored.status !== 'deleted') {
    const { version: _version, updatedAt: _updatedAt, ...draft } = stored;
    return draft;
  }
  if (stored === null && declared) {
    return {
      id: declared.id,
      displayName: declared.displayName,
      status: 'active',
      attributes: { ...declared.attributes },
      limits: null,
      policy: null,
    };
  }
  return null;
}

/** What `data.tenants[id]` holds for a policy. */
export function policyData(view: TenantView): Record<string, unknown> {
  return { ...view.attributes, id: view.id, display_name: view.displayName };
}

/** Whether `target` opted into service tokens of `home` (`accept_cross_tenant`). */
export function acceptsCrossTenant(target: TenantView, home: string): boolean {
  const accept = target.attributes.accept_cross_tenant;
  return accept === true || (Array.isArray(accept) && accept.includes(home));
}
