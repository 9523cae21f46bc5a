export type {
  AuditSection,
  AuditSinkName,
  AuthSection,
  CoreSdkConfig,
  FailMode,
  JwtAlgorithm,
  PoliciesSection,
  RateLimitAlgorithm,
  RateLimitSection,
  SdkSection,
  TenantRateLimit,
  TenantDeclaration,
} from './core-sdk-config.interface';
export type { CoreSdkModuleOptions, DurationInput } from './core-sdk-options.interface';
export { resolveCoreSdkConfig } from './resolve-config';
export { parseDuration } from './duration';
export { DEFAULT_TENANT_ID_PATTERN } from './config-defaults';
export { SUPPORTED_ALGORITHMS } from './setting-rules';
export { CoreSdkConfigError } from '../errors/core-sdk-config.error';
