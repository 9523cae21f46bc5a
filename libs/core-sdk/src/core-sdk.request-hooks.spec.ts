import type { AbstractHttpAdapter } from '@nestjs/core';
import type { AuditRecorder } from './audit/audit-recorder';
import { CoreSdkRequestHooks } from './core-sdk.request-hooks';
import { UnsupportedHttpAdapterError } from './errors/unsupported-http-adapter.error';

/**
 * Records what CoreSdkRequestHooks installs on a fake Express app or Fastify instance and
 * on the HTTP server, which (as with Nest's factories) exists only once `createServer` ran.
 */
function fakeAdapter(type: string) {
  const installed: string[] = [];
  const instance = {
    use: (handler: { name: string }) => installed.push(`use:${handler.name}`),
    addHook: (name: string, hook: { name: string }) => installed.push(`${name}:${hook.name}`),
  };
  let server: object | undefined;
  const adapter = {
    getType: () => type,
    getInstance: () => instance,
    getHttpServer: () => server,
  };
  const createServer = () => {
    server = {
      prependListener: (event: string, listener: { name: string }) =>
        installed.push(`server:${event}:${listener.name}`),
    };
  };
  return { adapter: adapter as unknown as AbstractHttpAdapter, installed, createServer };
}

describe('CoreSdkRequestHooks', () => {
  const recorder = {} as AuditRecorder;

  it('on Express audits from the server, ahead of Express, and opens the scope at init', () => {
    const { adapter, installed, createServer } = fakeAdapter('express');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(adapter); // providers are created before Nest creates the server
    expect(installed).toEqual([]);
    createServer();
    hooks.atInit(adapter);
    hooks.atInit(adapter);
    expect(installed).toEqual(['server:request:coreSdkAudit', 'use:coreSdkTenantScope']);
  });

  it('on Express falls back to a first app.use when there is no server at init', () => {
    const { adapter, installed } = fakeAdapter('express');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(adapter);
    hooks.atInit(adapter);
    expect(installed).toEqual(['use:coreSdkAudit', 'use:coreSdkTenantScope']);
  });

  it('on Fastify adds an onRequest audit hook and a preHandler scope hook, once each', () => {
    const { adapter, installed } = fakeAdapter('fastify');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(adapter);
    hooks.atInit(adapter);
    expect(installed).toEqual(['onRequest:coreSdkAudit', 'preHandler:coreSdkTenantScope']);
  });

  it('installs everything at init when the adapter was not known before (testing module)', () => {
    const { adapter, installed, createServer } = fakeAdapter('express');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(undefined);
    createServer();
    hooks.atInit(adapter);
    expect(installed).toEqual(['server:request:coreSdkAudit', 'use:coreSdkTenantScope']);
  });

  it('refuses an adapter it cannot hook into, saying which ones it supports', () => {
    const { adapter } = fakeAdapter('koa');
    expect(() => new CoreSdkRequestHooks(recorder).beforeInit(adapter)).toThrow(
      UnsupportedHttpAdapterError,
    );
    expect(() => new CoreSdkRequestHooks(recorder).atInit(adapter)).toThrow(
      /"koa".*platform-express.*platform-fastify/,
    );
  });

  it('does nothing without an HTTP adapter (application context, microservice)', () => {
    const hooks = new CoreSdkRequestHooks(recorder);
    expect(() => hooks.beforeInit(undefined)).not.toThrow();
    expect(() => hooks.atInit(null)).not.toThrow();
  });
});
