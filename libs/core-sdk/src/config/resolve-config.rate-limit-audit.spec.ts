import { join } from 'node:path';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

const withKey = (extra: string) => `${JWKS_URI_TOML}${extra}\n`;

describe('per-tenant rate limits and audit sinks in the configuration', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it('reads the issue example: rate_limit = { limit, ttl } in a [[tenants]] entry', () => {
    const config = workspace.resolve({
      toml: withKey(
        [
          '[rate_limit]',
          'algorithm = "sliding"',
          'per_tenant_limit = 50',
          '[audit]',
          'sinks = ["otel", "file", "http"]',
          'file_dir = "logs/audit"',
          'http_url = "https://audit.example.com/v1/{tenant}"',
          'max_queue = 500',
          'shutdown_timeout = "2s"',
          '[[tenants]]',
          'acme-corp = { display_name = "Acme Corp", rate_limit = { limit = 1000, ttl = "1m" } }',
          'globex = { audit = { http_url = "https://siem.globex.example/in" } }',
          'initech = { rate_limit = { limit = 7 } }',
        ].join('\n'),
      ),
    });
    expect(config.rateLimit).toMatchObject({
      algorithm: 'sliding',
      perTenant: { limit: 50, ttlMs: 60_000 },
      tenants: {
        'acme-corp': { limit: 1000, ttlMs: 60_000 },
        initech: { limit: 7, ttlMs: 60_000 },
      },
    });
    expect(config.audit).toMatchObject({
      sinks: ['otel', 'file', 'http'],
      fileDir: join(workspace.dir, 'logs/audit'),
      httpUrl: 'https://audit.example.com/v1/{tenant}',
      tenantHttpUrls: { globex: 'https://siem.globex.example/in' },
      maxQueue: 500,
      shutdownTimeoutMs: 2_000,
    });
    // The attributes stay visible to policies.
    expect(config.tenants[0].attributes.rate_limit).toEqual({ limit: 1000, ttl: '1m' });
  });

  it('accepts the same from forRoot options, rateLimit in camelCase', () => {
    const config = workspace.resolve({
      options: {
        auth: { jwksUri: 'https://i.example/jwks' },
        rateLimit: { perTenantLimit: 5, perTenantTtl: 2_000 },
        audit: { sinks: ['file'], batchSize: 10 },
        tenants: [{ id: 'acme', rateLimit: { limit: 3, ttl: '10s' } }],
      },
    });
    expect(config.rateLimit.perTenant).toEqual({ limit: 5, ttlMs: 2_000 });
    expect(config.rateLimit.tenants).toEqual({ acme: { limit: 3, ttlMs: 10_000 } });
    expect(config.audit.batchSize).toBe(10);
  });

  it.each([
    [
      '[rate_limit]\nalgorithm = "leaky"',
      'coresdk.toml: [rate_limit].algorithm = "leaky" is not valid: use "fixed" or "sliding"',
    ],
    [
      '[rate_limit]\nper_tenant_limit = 0',
      'coresdk.toml: [rate_limit].per_tenant_limit = 0 is not valid: use a whole number of 1 or more, e.g. 100',
    ],
    [
      '[rate_limit]\nper_tenant_ttl = "1m"',
      'coresdk.toml: [rate_limit].per_tenant_ttl is set but [rate_limit].per_tenant_limit is not: set per_tenant_limit too (e.g. per_tenant_limit = 100), or remove per_tenant_ttl',
    ],
    [
      '[audit]\nsinks = ["otel", "s3", "fil"]',
      'coresdk.toml: [audit].sinks = ["otel", "s3", "fil"] lists unknown sinks "s3", "fil" (did you mean "file"?): use "otel", "file", "http"; other destinations (S3, GCS, a queue) are custom AuditSink providers registered under AUDIT_SINKS',
    ],
    [
      '[audit]\nsinks = ["http"]',
      '[audit].sinks lists "http" but [audit].http_url is not set: set http_url = "https://audit.example.com/v1/{tenant}" ({tenant} is replaced by each tenant id; records without a tenant use "_unauthenticated"), or remove "http" from sinks',
    ],
    [
      '[audit]\nhttp_url = "http://audit.example.com/{tenant}"',
      'coresdk.toml: [audit].http_url = "http://audit.example.com/{tenant}" must use https:// (plain http only for localhost), because audit records leave the process: write e.g. "https://audit.example.com/v1/{tenant}"',
    ],
    [
      '[audit]\nmax_queue = -1',
      'coresdk.toml: [audit].max_queue = -1 is not valid: use a whole number of 1 or more, e.g. 100',
    ],
    [
      '[[tenants]]\nacme = { rate_limit = { limit = "many" } }',
      'coresdk.toml: [[tenants]] #1 "acme" rate_limit.limit = "many" is not valid: use a whole number of 1 or more, e.g. rate_limit = { limit = 1000, ttl = "1m" }',
    ],
    [
      '[[tenants]]\nacme = { rate_limit = { limit = 5, ttl = 60 } }',
      'coresdk.toml: [[tenants]] #1 "acme" rate_limit.ttl = 60 needs a unit: write ttl = "60s" or "60ms"',
    ],
    [
      '[[tenants]]\nacme = { rate_limit = { limit = 5, window = "1m" } }',
      'coresdk.toml: [[tenants]] #1 "acme" rate_limit has unknown keys window: only limit and ttl are read, write rate_limit = { limit = 1000, ttl = "1m" }',
    ],
    [
      '[[tenants]]\nacme = { rate_limit = 100 }',
      'coresdk.toml: [[tenants]] #1 "acme" rate_limit must be a table, got integer 100: write rate_limit = { limit = 1000, ttl = "1m" }',
    ],
    [
      '[[tenants]]\nacme = { audit = { http_url = "ftp://x" } }',
      'coresdk.toml: [[tenants]] #1 "acme" audit.http_url = "ftp://x" must use https:// (plain http only for localhost), because audit records leave the process: write e.g. "https://audit.example.com/v1/{tenant}"',
    ],
  ])('rejects %j with a fix', (toml, problem) => {
    expect(workspace.fail({ toml: withKey(toml) }).problems).toEqual([problem]);
  });
});
