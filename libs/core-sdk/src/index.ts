// The public API of @coresdk/core-sdk. Everything else is internal and may change.

export { CoreSdkModule } from './core-sdk.module';
export { CORE_SDK_CONFIG, PUBLIC_ROUTE_METADATA } from './core-sdk.constants';

export { resolveCoreSdkConfig, CoreSdkConfigError } from './config';
export type {
  CoreSdkConfig,
  CoreSdkModuleOptions,
  AuthSection,
  SdkSection,
  PoliciesSection,
  RateLimitSection,
  RateLimitAlgorithm,
  TenantRateLimit,
  AuditSection,
  AuditSinkName,
  TenantDeclaration,
  JwtAlgorithm,
  FailMode,
  DurationInput,
} from './config';

export { TenantGuard } from './tenant/tenant.guard';
export { TenantContext } from './tenant/tenant-context.service';
export { Public } from './tenant/public.decorator';
export { Tenant } from './tenant/tenant.decorator';
export { Claims } from './tenant/claims.decorator';
export { readVerifiedTenant } from './tenant/request-tenant';
export type { VerifiedTenant, TokenClaims } from './tenant/verified-tenant.interface';
export { TARGET_TENANT_HEADER } from './tenant/cross-tenant';

// Runtime tenant provisioning and cross-tenant service tokens.
export * from './tenancy';

export { AUDIT_SINKS } from './audit/audit-sink.interface';
export type { AuditSink } from './audit/audit-sink.interface';
export type { AuditRecord, AuditDecision } from './audit/audit-record.interface';
export {
  AuditStats,
  UNAUTHENTICATED_STREAM,
  TenantRoutedSink,
  PermanentDeliveryError,
} from './audit/sinks';
export type {
  AuditDropReason,
  AuditStatsSnapshot,
  AuditStreamCounts,
  DeliveryPolicy,
  Deliver,
} from './audit/sinks';

export { AuthenticationFailedException } from './errors/authentication-failed.exception';
export type { AuthenticationFailureMessage } from './errors/authentication-failed.exception';
export { TenantForbiddenException } from './errors/tenant-forbidden.exception';
export { TenantContextUnavailableError } from './errors/tenant-context-unavailable.error';
export { KeySourceSetupError } from './errors/key-source-setup.error';
export { UnsupportedHttpAdapterError } from './errors/unsupported-http-adapter.error';

// Authorization (authz/) and tenant-scoped data access (data/): exported here because the
// sample API and applications import them from the package root.
export { Authorize } from './authz/authorize.decorator';
export type { AuthorizeOptions } from './authz/authorize.decorator';
export { TenantScopedRepository } from './data/tenant-scoped.repository';
export { SqliteTenantDatabase } from './data/sqlite-tenant.database';
export { PostgresTenantDatabase } from './data/postgres-tenant.database';
export type { PostgresTenantDatabaseOptions } from './data/postgres-tenant.database';
export type {
  TenantDatabase,
  TenantSqlSession,
  SqlDialect,
  CurrentTenant,
} from './data/tenant-database.interface';

// Live policy store: runtime per-tenant overrides and reloads (see README "Policy sources").
export { POLICY_STORE } from './authz/policy-store.provider';
export type { LivePolicyStore } from './authz/policy-store.provider';
export type { PolicyChangeResult } from './authz/policy-store';
export type { PolicyInput } from './authz/policy-decision.interface';
export type { LoadedTenantStats } from './authz/loaded-tenant-cache';
