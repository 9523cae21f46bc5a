import { Logger } from '@nestjs/common';
import { compile, loadCompiledPolicy } from '@coresdk/rego';
import { writePolicyDir, type PolicyDir } from '../../test/authz-support/policy-dir';
import { resolveCoreSdkConfig } from '../config';
import type { CoreSdkModuleOptions } from '../config/core-sdk-options.interface';
import { DecisionMemo } from './decision-memo';
import type { PolicyInput } from './policy-decision.interface';
import { PolicyStore } from './policy-store';

/** Allows reads of one path, or of anything when the tenant's data says `open`. */
const PATH_POLICY = `package coresdk.authz

default allow := false

allow if {
	input.action == "docs:read"
	input.request.path == "/docs/1"
	input.resource.owner == input.user.sub
}

allow if data.tenants.acme.open == true
`;

const CLOCK_POLICY = `package coresdk.authz

allow if {
	input.action == "docs:read"
	time.now_ns() > 0
}
`;

const CLAIMS = Object.freeze({ sub: 'alice', tenant_id: 'acme' });

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    action: 'docs:read',
    tenant_id: 'acme',
    user: CLAIMS,
    resource: { owner: 'alice' },
    request: { method: 'GET', path: '/docs/1' },
    ...overrides,
  };
}

/** Every opa-wasm instance shares one class: spying on its prototype counts evaluations. */
async function countEvaluations(): Promise<jest.SpyInstance> {
  const probe = compile([{ path: 'probe.rego', source: 'package p\n\nx := 1\n' }], {
    entrypoints: ['p/x'],
    regoVersion: 'v1',
  });
  const loaded = await loadCompiledPolicy({ wasm: probe.wasm!, hostBuiltins: [] });
  return jest.spyOn(Object.getPrototypeOf(loaded) as { evaluate: () => unknown }, 'evaluate');
}

describe('PolicyStore decision memo', () => {
  let dir: PolicyDir;
  const storeFor = (global: string, policies: CoreSdkModuleOptions['policies'] = {}) => {
    dir = writePolicyDir({ 'global.rego': global });
    return PolicyStore.load(
      resolveCoreSdkConfig({
        configFile: false,
        env: {},
        auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
        policies: { dir: dir.dir, ...policies },
        tenants: [{ id: 'acme' }],
      }),
    );
  };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    dir.remove();
    jest.restoreAllMocks();
  });

  it('answers a repeated input of a pure module without evaluating again', async () => {
    const store = storeFor(PATH_POLICY);
    await expect(store.decide('acme', input())).resolves.toMatchObject({ outcome: 'allow' });
    const evaluations = await countEvaluations();
    expect(store.decideNow('acme', input())).toEqual({ outcome: 'allow', policy: 'global' });
    expect(store.decideNow('acme', input())).toEqual({ outcome: 'allow', policy: 'global' });
    expect(evaluations).not.toHaveBeenCalled();
  });

  it('keeps decisions apart by action, method, path, resource and token', async () => {
    const store = storeFor(PATH_POLICY);
    const outcome = (value: PolicyInput) => store.decideNow('acme', value)?.outcome;
    await store.decide('acme', input());
    expect(outcome(input())).toBe('allow');
    expect(outcome(input({ action: 'docs:write' }))).toBe('deny');
    expect(outcome(input({ request: { method: 'GET', path: '/docs/2' } }))).toBe('deny');
    expect(outcome(input({ resource: { owner: 'bob' } }))).toBe('deny');
    expect(outcome(input({ user: Object.freeze({ sub: 'bob', tenant_id: 'acme' }) }))).toBe('deny');
    // And the remembered allow is still the allow.
    expect(outcome(input())).toBe('allow');
  });

  it('forgets everything when the tenant data changes (a new slot)', async () => {
    const store = storeFor(PATH_POLICY);
    const elsewhere = input({ request: { method: 'GET', path: '/docs/9' } });
    await expect(store.decide('acme', elsewhere)).resolves.toMatchObject({ outcome: 'deny' });
    store.setTenantData('acme', { open: true });
    await expect(store.decide('acme', elsewhere)).resolves.toMatchObject({ outcome: 'allow' });
  });

  it('evaluates every time when the module reads the clock', async () => {
    const store = storeFor(CLOCK_POLICY);
    await store.decide('acme', input());
    const evaluations = await countEvaluations();
    store.decideNow('acme', input());
    store.decideNow('acme', input());
    expect(evaluations).toHaveBeenCalledTimes(2);
  });

  it('evaluates every time when the claims are not frozen (they could change)', async () => {
    const store = storeFor(PATH_POLICY);
    const mutable = input({ user: { sub: 'alice', tenant_id: 'acme' } });
    await store.decide('acme', mutable);
    const evaluations = await countEvaluations();
    expect(store.decideNow('acme', mutable)?.outcome).toBe('allow');
    (mutable.user as { sub: string }).sub = 'mallory';
    expect(store.decideNow('acme', mutable)?.outcome).toBe('deny');
    expect(evaluations).toHaveBeenCalledTimes(2);
  });

  it('is off with decision_cache = 0', async () => {
    const store = storeFor(PATH_POLICY, { decisionCache: 0 });
    await store.decide('acme', input());
    const evaluations = await countEvaluations();
    store.decideNow('acme', input());
    expect(evaluations).toHaveBeenCalledTimes(1);
  });

  it('does not remember an engine that could not decide', async () => {
    const store = storeFor(PATH_POLICY);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // The input cannot be serialised: an evaluation error, asked again every time.
    await expect(store.decide('acme', input({ resource: cyclic }))).resolves.toMatchObject({
      outcome: 'error',
    });
    await expect(store.decide('acme', input({ resource: cyclic }))).resolves.toMatchObject({
      outcome: 'error',
    });
  });
});

describe('DecisionMemo', () => {
  const post = (overrides: Partial<PolicyInput> = {}) =>
    input({ request: { method: 'POST', path: '/x' }, ...overrides });

  it('keys cannot be forged by moving text between fields', () => {
    const memo = new DecisionMemo(8);
    const a = memo.slotOf(post({ request: { method: 'POST', path: '3:/x' } }));
    const b = memo.slotOf(post({ request: { method: 'POST3:', path: '/x' } }));
    expect(a).not.toBeNull();
    expect(a!.key).not.toEqual(b!.key);
  });

  it('keeps a plain GET path apart from a detailed key with the same text', () => {
    const memo = new DecisionMemo(8);
    const detailed = memo.slotOf(post())!;
    const plain = memo.slotOf(
      input({ request: { method: 'GET', path: detailed.key }, resource: null }),
    )!;
    expect(plain.plain).toBe(true);
    memo.remember(detailed, true);
    expect(memo.recall(plain)).toBeUndefined();
  });

  it('tells a null resource from a missing one', () => {
    const memo = new DecisionMemo(8);
    expect(memo.slotOf(post({ resource: null }))!.key).not.toEqual(
      memo.slotOf(post({ resource: undefined }))!.key,
    );
  });

  it('keeps at most perCaller decisions per token', () => {
    const memo = new DecisionMemo(2);
    const slot = (path: string) =>
      memo.slotOf(input({ resource: null, request: { method: 'GET', path } }))!;
    memo.remember(slot('/1'), true);
    memo.remember(slot('/2'), false);
    memo.remember(slot('/2'), false); // the same key again does not count twice
    expect(memo.recall(slot('/1'))).toBe(true);
    memo.remember(slot('/3'), true);
    expect(memo.recall(slot('/1'))).toBeUndefined();
    expect(memo.recall(slot('/3'))).toBe(true);
  });
});
