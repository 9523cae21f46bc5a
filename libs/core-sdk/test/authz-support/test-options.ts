import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import { AUDIENCE, ISSUER } from '../tenant-support/test-keys';

/** Declared tenants of the authz specs: acme has an override, globex and hooli do not. */
export const AUTHZ_TENANTS = [
  { id: 'acme', displayName: 'Acme', plan: 'pro' },
  { id: 'globex', displayName: 'Globex', plan: 'free' },
  { id: 'hooli', displayName: 'Hooli', plan: 'pro' },
];

/** forRoot options: a JWKS file, the given policy dir and the authz tenants, no toml or env. */
export function authzOptions(
  jwksFile: string,
  policyDir: string,
  overrides: Pick<CoreSdkModuleOptions, 'sdk' | 'rateLimit'> = {},
): CoreSdkModuleOptions {
  return {
    configFile: false,
    env: {},
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], jwksFile },
    policies: { dir: policyDir, regoVersion: 'v1', entrypoint: 'coresdk/authz/allow' },
    tenants: AUTHZ_TENANTS,
    ...overrides,
  };
}
