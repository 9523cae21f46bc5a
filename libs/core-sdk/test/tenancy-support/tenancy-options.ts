import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import { AUDIENCE, ISSUER } from '../tenant-support/test-keys';

/** The bootstrap tenants of the tenancy specs, as `[[tenants]]` would declare them. */
export const BOOTSTRAP_TENANTS = [
  { id: 'acme', displayName: 'Acme', accept_cross_tenant: ['svc-billing'] },
  { id: 'globex', displayName: 'Globex' },
  { id: 'hooli', displayName: 'Hooli', accept_cross_tenant: true },
  { id: 'svc-billing', displayName: 'Billing service' },
  { id: 'svc-reports', displayName: 'Reports service' },
];

/** forRoot options of one instance: JWKS file, policy dir, tenancy settings, no toml or env. */
export function tenancyOptions(
  jwksFile: string,
  policyDir: string,
  tenancy: NonNullable<CoreSdkModuleOptions['tenancy']>,
  tenants = BOOTSTRAP_TENANTS,
): CoreSdkModuleOptions {
  return {
    configFile: false,
    env: {},
    sdk: { serviceName: 'tenancy-e2e' },
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], jwksFile },
    policies: { dir: policyDir, regoVersion: 'v1', entrypoint: 'coresdk/authz/allow' },
    tenancy: { enabled: true, adminApi: true, ...tenancy },
    tenants,
  };
}
