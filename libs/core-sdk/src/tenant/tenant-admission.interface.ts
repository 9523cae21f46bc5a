/** Private token under which the module hands TokenVerifier/TenantGuard the tenant registry. */
export const TENANT_ADMISSION = Symbol('TenantAdmission');

/** What authentication asks the tenant registry. */
export interface TenantAdmission {
  /** Whether requests of this (already well-formed) tenant id may be served right now. */
  admits(tenantId: string): boolean;
  /** Whether `targetTenantId` is served and opted into service tokens of `homeTenantId`. */
  acceptsCrossTenant(targetTenantId: string, homeTenantId: string): boolean;
}
