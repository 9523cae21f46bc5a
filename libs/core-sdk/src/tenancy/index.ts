// Runtime tenant provisioning. Re-exported from the package root.
export { TenantRegistry } from './tenant-registry.service';
export { TenantAdminController } from './tenant-admin.controller';
export { TenantAdminGuard } from './tenant-admin.guard';
export { TenancySetupError } from './create-tenancy-backends';
export {
  TenantExistsException,
  TenantInputInvalidException,
  TenantNotFoundException,
  TenantPolicyRejectedException,
  TenancyUnavailableException,
} from './tenancy.exceptions';
export type { CreateTenantInput, UpdateTenantInput } from './tenant-input';
export type {
  TenantLimits,
  TenantPolicySource,
  TenantStatus,
  TenantView,
} from './tenant-record.interface';
export { CROSS_TENANT_AUDIT_SINKS } from './cross-tenant-audit.sink';
export type { TenancySection } from '../config/core-sdk-config.interface';
