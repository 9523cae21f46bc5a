import type { AbstractHttpAdapter } from '@nestjs/core';
import type { AuditRecorder } from './audit/audit-recorder';
import { CoreSdkRequestHooks } from './core-sdk.request-hooks';
import { UnsupportedHttpAdapterError } from './errors/unsupported-http-adapter.error';

/** Records what CoreSdkRequestHooks installs on a fake Express app or Fastify instance. */
function fakeAdapter(type: string) {
  const installed: string[] = [];
  const instance = {
    use: (handler: { name: string }) => installed.push(`use:${handler.name}`),
    addHook: (name: string, hook: { name: string }) => installed.push(`${name}:${hook.name}`),
  };
  const adapter = { getType: () => type, getInstance: () => instance };
  return { adapter: adapter as unknown as AbstractHttpAdapter, installed };
}

describe('CoreSdkRequestHooks', () => {
  const recorder = {} as AuditRecorder;

  it('on Express opens the audit record before init and the tenant scope at init', () => {
    const { adapter, installed } = fakeAdapter('express');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(adapter);
    expect(installed).toEqual(['use:coreSdkAudit']);
    hooks.atInit(adapter);
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
    const { adapter, installed } = fakeAdapter('express');
    const hooks = new CoreSdkRequestHooks(recorder);
    hooks.beforeInit(undefined);
    hooks.atInit(adapter);
    expect(installed).toEqual(['use:coreSdkAudit', 'use:coreSdkTenantScope']);
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
