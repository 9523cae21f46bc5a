import { Controller, ExecutionContext, Get, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { attachAuditDraft, AuditDraft } from '../audit/audit-draft';
import type { CoreSdkConfig, FailMode } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { PolicyDeniedException } from '../errors/policy-denied.exception';
import { attachVerifiedTenant } from '../tenant/request-tenant';
import { Authorize } from './authorize.decorator';
import { AuthorizeGuard } from './authorize.guard';
import type { PolicyDecision, PolicyInput } from './policy-decision.interface';
import type { PolicyStore } from './policy-store';
import { POLICY_STORE, PolicyStoreHandle } from './policy-store.provider';

@Authorize('reports:read')
@Controller()
class ReportsController {
  @Get()
  list() {}

  @Authorize({
    action: 'reports:export',
    resource: (req: { params: { id: string } }) => req.params,
  })
  @Get(':id')
  export() {}
}

@Controller()
class OpenController {
  @Get()
  open() {}
}

function contextFor(controller: object, handler: string, request: object): ExecutionContext {
  const type = controller as new () => object;
  return {
    getHandler: () => (type.prototype as Record<string, unknown>)[handler],
    getClass: () => type,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
    getArgByIndex: (index: number) => [request][index],
  } as unknown as ExecutionContext;
}

function requestFor(tenant: string | null): {
  request: Record<string, unknown>;
  draft: AuditDraft;
} {
  const request: Record<string, unknown> = {
    method: 'GET',
    originalUrl: '/reports/r-1?token=secret',
    params: { id: 'r-1' },
  };
  const draft = { failModeApplied: false } as AuditDraft;
  attachAuditDraft(request, draft);
  if (tenant) {
    attachVerifiedTenant(request, {
      tenantId: tenant,
      subject: 'alice',
      claims: Object.freeze({ sub: 'alice', tenant_id: tenant }),
    } as never);
  }
  return { request, draft };
}

/** The guard answers synchronously or with a promise; tests await either as a promise. */
function activate(guard: AuthorizeGuard, context: ExecutionContext): Promise<boolean> {
  return Promise.resolve().then(() => guard.canActivate(context));
}

describe('AuthorizeGuard', () => {
  let decide: jest.Mock<Promise<PolicyDecision>, [string, PolicyInput]>;
  /** The store's synchronous answer; undefined (instance still loading) falls back to decide. */
  let decideNow: jest.Mock<PolicyDecision | undefined, [string, PolicyInput]>;
  let handle: PolicyStoreHandle;

  async function guardFor(failMode: FailMode): Promise<AuthorizeGuard> {
    const config = { sdk: { failMode } } as CoreSdkConfig;
    const moduleRef = await Test.createTestingModule({
      providers: [
        AuthorizeGuard,
        Reflector,
        { provide: CORE_SDK_CONFIG, useValue: config },
        { provide: POLICY_STORE, useValue: handle },
      ],
    }).compile();
    return moduleRef.get(AuthorizeGuard);
  }

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    decide = jest.fn();
    decideNow = jest.fn().mockReturnValue(undefined);
    handle = { current: { decide, decideNow } as unknown as PolicyStore };
  });
  afterEach(() => jest.restoreAllMocks());

  it('lets a route without @Authorize through without asking the policy', async () => {
    const guard = await guardFor('closed');
    const { request } = requestFor('acme');
    await expect(activate(guard, contextFor(OpenController, 'open', request))).resolves.toBe(true);
    expect(decide).not.toHaveBeenCalled();
  });

  it('builds the documented input, the handler decorator winning over the class', async () => {
    decide.mockResolvedValue({ outcome: 'allow', policy: 'tenant:acme' });
    const guard = await guardFor('closed');
    const { request, draft } = requestFor('acme');
    await expect(activate(guard, contextFor(ReportsController, 'export', request))).resolves.toBe(
      true,
    );
    expect(decide).toHaveBeenCalledWith('acme', {
      action: 'reports:export',
      tenant_id: 'acme',
      user: { sub: 'alice', tenant_id: 'acme' },
      resource: { id: 'r-1' },
      request: { method: 'GET', path: '/reports/r-1' },
    });
    expect(draft).toMatchObject({
      action: 'reports:export',
      decision: 'allow',
      reason: 'policy_allow',
      policy: 'tenant:acme',
      failModeApplied: false,
    });
  });

  it('answers synchronously when the tenant instance is loaded (no promise per request)', async () => {
    decideNow.mockReturnValue({ outcome: 'allow', policy: 'global' });
    const guard = await guardFor('closed');
    const { request, draft } = requestFor('acme');
    expect(guard.canActivate(contextFor(ReportsController, 'list', request))).toBe(true);
    expect(decide).not.toHaveBeenCalled();
    expect(draft).toMatchObject({ decision: 'allow', reason: 'policy_allow', policy: 'global' });
    decideNow.mockReturnValue({ outcome: 'deny', policy: 'global' });
    expect(() => guard.canActivate(contextFor(ReportsController, 'list', request))).toThrow(
      PolicyDeniedException,
    );
  });

  it('keeps an earlier fail mode readable next to the policy verdict', async () => {
    decideNow.mockReturnValue({ outcome: 'allow', policy: 'global' });
    const guard = await guardFor('open');
    const { request, draft } = requestFor('acme');
    // The rate limit's store was down and fail_mode=open let the request on.
    Object.assign(draft, { failModeApplied: true, reason: 'rate_limit_unavailable' });
    expect(guard.canActivate(contextFor(ReportsController, 'list', request))).toBe(true);
    expect(draft).toMatchObject({
      decision: 'allow',
      reason: 'rate_limit_unavailable+policy_allow',
      failModeApplied: true,
    });
  });

  it('uses the class action and a null resource when the handler has none', async () => {
    decide.mockResolvedValue({ outcome: 'deny', policy: 'global' });
    const guard = await guardFor('open');
    const { request, draft } = requestFor('globex');
    await expect(
      activate(guard, contextFor(ReportsController, 'list', request)),
    ).rejects.toBeInstanceOf(PolicyDeniedException);
    expect(decide.mock.calls[0][1]).toMatchObject({ action: 'reports:read', resource: null });
    // fail_mode open never turns a policy's deny into an allow.
    expect(draft).toMatchObject({
      decision: 'deny',
      reason: 'policy_deny',
      failModeApplied: false,
    });
  });

  it('denies without a verified tenant, whatever the fail mode', async () => {
    const guard = await guardFor('open');
    const { request, draft } = requestFor(null);
    await expect(
      activate(guard, contextFor(ReportsController, 'list', request)),
    ).rejects.toBeInstanceOf(PolicyDeniedException);
    expect(decide).not.toHaveBeenCalled();
    expect(draft).toMatchObject({ decision: 'deny', reason: 'no_verified_tenant' });
  });

  describe.each([
    ['closed', false],
    ['open', true],
  ] as Array<[FailMode, boolean]>)(
    'when the engine cannot decide, fail_mode %s',
    (mode, allows) => {
      const expectOutcome = async (
        guard: AuthorizeGuard,
        reason: string,
        policy: string | null,
      ) => {
        const { request, draft } = requestFor('acme');
        const result = activate(guard, contextFor(ReportsController, 'list', request));
        if (allows) await expect(result).resolves.toBe(true);
        else await expect(result).rejects.toBeInstanceOf(PolicyDeniedException);
        expect(draft).toMatchObject({
          decision: allows ? 'allow' : 'deny',
          reason: `fail_mode_applied:${reason}`,
          policy,
          failModeApplied: true,
        });
      };

      it.each(['module_unavailable', 'evaluation_error', 'time_budget_exceeded'])(
        'applies to %s',
        async (reason) => {
          decide.mockResolvedValue({ outcome: 'error', policy: 'tenant:acme', reason });
          await expectOutcome(await guardFor(mode), reason, 'tenant:acme');
        },
      );

      it('applies when no policy store is loaded', async () => {
        handle.current = null;
        await expectOutcome(await guardFor(mode), 'no_policy_store', null);
      });
    },
  );
});
