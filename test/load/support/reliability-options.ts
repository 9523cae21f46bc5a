import type { CoreSdkModuleOptions, FailMode } from '@coresdk/core-sdk';
import { AUDIENCE, ISSUER } from '../../../libs/core-sdk/test/tenant-support/test-keys';
import { RELIABILITY_TENANTS } from './tenant-records';

export interface ReliabilitySettings {
  /** Key source: a JWKS file or a remote JWKS URL. */
  keys: { jwksFile: string } | { jwksUri: string; jwksCooldown: number };
  policyDir: string;
  serviceName: string;
  rateLimit: { limit: number; ttl: string; storage: string };
  failMode?: FailMode;
  /** `[audit]` settings (sinks, collector URL, batching); default: the request span only. */
  audit?: CoreSdkModuleOptions['audit'];
}

/** forRoot options of the reliability fixture: no toml, no environment, everything explicit. */
export function reliabilityOptions(settings: ReliabilitySettings): CoreSdkModuleOptions {
  return {
    configFile: false,
    env: {},
    sdk: { serviceName: settings.serviceName, failMode: settings.failMode ?? 'closed' },
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], ...settings.keys },
    policies: { dir: settings.policyDir, regoVersion: 'v1', entrypoint: 'coresdk/authz/allow' },
    rateLimit: settings.rateLimit,
    tenants: RELIABILITY_TENANTS,
    ...(settings.audit ? { audit: settings.audit } : {}),
  };
}
