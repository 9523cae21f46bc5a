import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreSdkModule, Authorize, Tenant } from '../../src';
import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import type { PolicyStoreHost } from '../../src/authz/policy-store.host';
import { POLICY_STORE } from '../../src/authz/policy-store.provider';
import { AUDIENCE, ISSUER } from '../tenant-support/test-keys';

@Controller()
class PolicyRoutesController {
  @Authorize('products:read')
  @Get('products')
  products(@Tenant() tenant: string) {
    return { tenant };
  }

  @Authorize('analytics:read')
  @Get('analytics')
  analytics(@Tenant() tenant: string) {
    return { tenant };
  }

  @Authorize('reports:read')
  @Get('reports')
  reports(@Tenant() tenant: string) {
    return { tenant };
  }
}

export const POLICY_TENANTS = [
  { id: 'acme', plan: 'pro' },
  { id: 'globex', plan: 'free' },
];

/** forRoot options for the policy-source specs: a JWKS file and the given [policies]. */
export function policyOptions(
  jwksFile: string,
  policies: CoreSdkModuleOptions['policies'],
): CoreSdkModuleOptions {
  return {
    configFile: false,
    env: {},
    auth: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], jwksFile },
    policies: { regoVersion: 'v1', ...policies },
    tenants: POLICY_TENANTS,
  };
}

/** A running instance of the fixture app, listening on its own 127.0.0.1 port. */
export interface PolicyApp {
  app: INestApplication;
  url: string;
  host: PolicyStoreHost;
  /** Status code of `GET path` as `tenant`. */
  status(path: string, token: string): Promise<number>;
  close(): Promise<void>;
}

export async function startPolicyApp(options: CoreSdkModuleOptions): Promise<PolicyApp> {
  @Module({ imports: [CoreSdkModule.forRoot(options)], controllers: [PolicyRoutesController] })
  class PolicyFixtureModule {}

  const app = await NestFactory.create(PolicyFixtureModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    url,
    host: app.get<PolicyStoreHost>(POLICY_STORE),
    status: async (path, token) => {
      const response = await fetch(`${url.replace('[::1]', '127.0.0.1')}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      return response.status;
    },
    close: () => app.close(),
  };
}

/** Polls `check` every 20 ms until it holds or `timeoutMs` passes; returns the time it took. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
