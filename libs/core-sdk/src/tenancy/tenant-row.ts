import type { StoredTenant, TenantDraft, TenantStatus } from './tenant-record.interface';

/** The column values of a tenant row, identical for SQLite and PostgreSQL. */
export interface TenantRow {
  id: string;
  display_name: string | null;
  status: string;
  attributes: string;
  limits: string | null;
  policy_path: string | null;
  policy_source: string | null;
  version: number | string;
  updated_at: string;
}

export const TENANT_TABLE = 'coresdk_tenants';

const STATUSES: readonly TenantStatus[] = ['active', 'disabled', 'deleted'];

export function rowToTenant(row: TenantRow): StoredTenant {
  const status = STATUSES.includes(row.status as TenantStatus)
    ? (row.status as TenantStatus)
    : // An unknown status written by a newer version must never admit anyone.
      'disabled';
  return {
    id: row.id,
    displayName: row.display_name,
    status,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    limits: row.limits === null ? null : (JSON.parse(row.limits) as StoredTenant['limits']),
    policy:
      row.policy_path !== null && row.policy_source !== null
        ? { path: row.policy_path, source: row.policy_source }
        : null,
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

/** Column values in the order of `TENANT_COLUMNS`. */
export function tenantValues(draft: TenantDraft, version: number, updatedAt: string): unknown[] {
  return [
    draft.id,
    draft.displayName,
    draft.status,
    JSON.stringify(draft.attributes),
    draft.limits === null ? null : JSON.stringify(draft.limits),
    draft.policy?.path ?? null,
    draft.policy?.source ?? null,
    version,
    updatedAt,
  ];
}

export const TENANT_COLUMNS = [
  'id',
  'display_name',
  'status',
  'attributes',
  'limits',
  'policy_path',
  'policy_source',
  'version',
  'updated_at',
] as const;
