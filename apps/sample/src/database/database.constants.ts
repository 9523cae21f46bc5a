/** Injection token of the sample's `TenantDatabase` (SQLite or PostgreSQL). */
export const TENANT_DATABASE = Symbol('TenantDatabase');
