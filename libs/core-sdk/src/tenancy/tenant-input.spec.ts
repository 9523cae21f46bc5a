import { checkTenantInput } from './tenant-input';

const PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

describe('checkTenantInput', () => {
  it('accepts a complete tenant', () => {
    expect(
      checkTenantInput(
        {
          id: 'acme',
          displayName: 'Acme',
          attributes: { plan: 'pro', accept_cross_tenant: ['svc-billing'] },
          limits: { requests: 10, windowMs: 1000 },
          policy: { source: 'package coresdk.authz\n' },
          status: 'disabled',
        },
        'create',
        PATTERN,
      ),
    ).toEqual([]);
  });

  it.each([
    [null, 'the body must be a JSON object'],
    [[], 'the body must be a JSON object'],
    [{ id: 'Acme' }, 'id must be a tenant id matching ^[a-z0-9][a-z0-9-]{0,62}$'],
    [
      { id: 'acme', displayName: '' },
      'displayName must be a string of 1 to 200 characters, or null',
    ],
    [
      { id: 'acme', attributes: { id: 'globex' } },
      'attributes must not set id: the registry fills them',
    ],
    [{ id: 'acme', attributes: [] }, 'attributes must be a JSON object'],
    [
      { id: 'acme', limits: { requests: 1.5 } },
      'limits.requests must be a whole number of 1 or more',
    ],
    [{ id: 'acme', limits: { burst: 1 } }, 'unknown field limits.burst: use requests, windowMs'],
    [
      { id: 'acme', policy: 'allow' },
      'policy must be { path?, source } with source the Rego text, or null',
    ],
    [
      { id: 'acme', status: 'deleted' },
      'status must be "active" or "disabled" (delete a tenant with DELETE)',
    ],
  ])('reports %j', (input, problem) => {
    expect(checkTenantInput(input, 'create', PATTERN)).toContain(problem);
  });

  it('refuses an id in an update body', () => {
    expect(checkTenantInput({ id: 'globex' }, 'update', PATTERN)).toEqual([
      'unknown field id: use displayName, attributes, limits, policy, status',
    ]);
  });
});
