import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import { AUDIENCE, ISSUER } from './test-keys';

/**
 * Module options for the fixture app: no toml file, no environment, issuer and audience
 * checked, two declared tenants unless `tenants` says otherwise.
 */
export function testOptions(
  auth: NonNullable<CoreSdkModuleOptions['auth']>,
  tenants: string[] = ['acme', 'globex'],
): CoreSdkModuleOptions {
  return {
    configFile: false,
    env: {},
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], ...auth },
    tenants: tenants.map((id) => ({ id })),
  };
}
