import { CoreSdkConfigError } from '../errors/core-sdk-config.error';
import type { CoreSdkModuleOptions } from './core-sdk-options.interface';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

type Input = { toml?: string; env?: Record<string, string>; options?: CoreSdkModuleOptions };
const SECRET = 's'.repeat(32);
const JWKS = { auth: { jwksUri: 'https://i.example/jwks' } };
/** A toml file that is valid except for the lines appended to it. */
const withKey = (extra: string) => `${JWKS_URI_TOML}${extra}\n`;

/** Each row: what is wrong, the input, and the exact problem line (source, key, what, fix). */
const CASES: Array<[string, Input, string]> = [
  [
    'toml syntax error',
    { toml: '[sdk]\nfail_mode = "open\n' },
    'coresdk.toml:2:18: invalid TOML (control characters are not allowed in strings): fix the syntax at line 2, column 18',
  ],
  [
    'unknown key',
    { toml: withKey('jwks_url = "x"') },
    'coresdk.toml: unknown key [auth].jwks_url: did you mean [auth].jwks_uri?',
  ],
  [
    'unknown key in the wrong section',
    { toml: withKey('[sdk]\nissuer = "x"') },
    'coresdk.toml: unknown key [sdk].issuer: it belongs in [auth]',
  ],
  [
    'unknown key with no near name',
    { toml: withKey('[rate_limit]\ncolour = 1') },
    'coresdk.toml: unknown key [rate_limit].colour: remove it; [rate_limit] accepts limit, ttl, storage',
  ],
  [
    'tenants inside a section',
    { toml: withKey('tenants = ["acme-corp"]') },
    'coresdk.toml: unknown key [auth].tenants: declare tenants as [[tenants]] entries at the top level, not inside a section',
  ],
  [
    'options section that is not an object',
    { options: { ...JWKS, rateLimit: 5 as never } },
    'forRoot options: rateLimit must be an object, got integer 5: pass rateLimit: { ... } with the fields of [rate_limit]',
  ],
  [
    'unknown section',
    { toml: withKey('[polices]\ndir = "x"') },
    'coresdk.toml: unknown section [polices]: did you mean [policies]?',
  ],
  [
    'setting outside a section',
    { toml: `fail_mode = "open"\n${JWKS_URI_TOML}` },
    'coresdk.toml: unknown key fail_mode outside any section: move it under [sdk]',
  ],
  [
    'section that is not a table',
    { toml: `sdk = "x"\n${JWKS_URI_TOML}` },
    'coresdk.toml: [sdk] must be a table, got string "x"',
  ],
  [
    'wrong type: integer for string',
    { toml: withKey('[sdk]\nservice_name = 5') },
    'coresdk.toml: [sdk].service_name must be a string, got integer 5: write service_name = "..."',
  ],
  [
    'wrong type: string for integer',
    { toml: withKey('[rate_limit]\nlimit = "100"') },
    'coresdk.toml: [rate_limit].limit must be an integer, got string "100": write limit = 100 without quotes',
  ],
  [
    'wrong type: string for list',
    { toml: withKey('algorithms = "RS256"') },
    'coresdk.toml: [auth].algorithms must be an array of strings, got string "RS256": write algorithms = ["RS256"]',
  ],
  [
    'wrong type: float for integer',
    { toml: withKey('[rate_limit]\nlimit = 1.5') },
    'coresdk.toml: [rate_limit].limit must be an integer, got number 1.5',
  ],
  [
    'empty string',
    { toml: withKey('issuer = ""') },
    'coresdk.toml: [auth].issuer is empty: give it a value or remove the setting',
  ],
  [
    'duration without unit in toml',
    { toml: withKey('clock_tolerance = 5') },
    'coresdk.toml: [auth].clock_tolerance must be a duration string such as "5s", got integer 5: durations need a unit: write clock_tolerance = "5s" or "5ms"',
  ],
  [
    'bad duration',
    { toml: withKey('jwks_cooldown = "5 minutes"') },
    'coresdk.toml: [auth].jwks_cooldown = "5 minutes" is not a duration: write a number and a unit',
  ],
  [
    'bare number duration in env',
    { toml: JWKS_URI_TOML, env: { CORESDK_RATE_LIMIT_TTL: '60' } },
    'env CORESDK_RATE_LIMIT_TTL ([rate_limit].ttl) = "60" has no unit: write "60ms" or "60s"',
  ],
  [
    'zero ttl',
    { toml: withKey('[rate_limit]\nttl = "0s"') },
    'coresdk.toml: [rate_limit].ttl is 0 but must be longer than that: use e.g. "5s"',
  ],
  [
    'zero jwks timeout from options',
    { options: { ...JWKS, auth: { ...JWKS.auth, jwksTimeout: 0 } } },
    'forRoot options: auth.jwksTimeout ([auth].jwks_timeout) is 0 but must be longer than that',
  ],
  [
    'bad fail_mode',
    { toml: withKey('[sdk]\nfail_mode = "maybe"') },
    'coresdk.toml: [sdk].fail_mode = "maybe" is not valid: use "open" or "closed"',
  ],
  [
    'bad fail_mode from env',
    { toml: JWKS_URI_TOML, env: { CORESDK_FAIL_MODE: 'Closed' } },
    'env CORESDK_FAIL_MODE ([sdk].fail_mode) = "Closed" is not valid: use "open" or "closed"',
  ],
  [
    'bad fail_mode from options',
    { options: { ...JWKS, sdk: { failMode: 'maybe' as never } } },
    'forRoot options: sdk.failMode ([sdk].fail_mode) = "maybe" is not valid: use "open" or "closed"',
  ],
  [
    'bad rego_version',
    { toml: withKey('[policies]\nrego_version = "1"') },
    'coresdk.toml: [policies].rego_version = "1" is not valid: use "v0" or "v1"',
  ],
  [
    'alg none',
    { toml: withKey('algorithms = ["RS256", "None"]') },
    'coresdk.toml: [auth].algorithms = ["RS256", "None"] is not valid: "None" would accept unsigned tokens and is never allowed: remove it',
  ],
  [
    'alg none from env',
    { toml: JWKS_URI_TOML, env: { CORESDK_ALGORITHMS: 'NONE' } },
    'env CORESDK_ALGORITHMS ([auth].algorithms) = ["NONE"] is not valid: "NONE" would accept unsigned tokens',
  ],
  [
    'alg misspelt',
    { toml: withKey('algorithms = ["rs256"]') },
    '"rs256" is not a supported algorithm: did you mean "RS256"? use RS256, RS384',
  ],
  [
    'HS256 without hmac_secret',
    { toml: withKey('algorithms = ["RS256", "HS256"]') },
    'coresdk.toml: [auth].algorithms = ["RS256", "HS256"] includes HS256, allowed only when [auth].hmac_secret is the key source (the key source is coresdk.toml: [auth].jwks_uri): remove HS256, or configure hmac_secret as the only key source',
  ],
  [
    'RS256 with hmac_secret',
    { env: { CORESDK_HMAC_SECRET: SECRET, CORESDK_ALGORITHMS: 'HS256,RS256' } },
    'env CORESDK_ALGORITHMS ([auth].algorithms) = ["HS256", "RS256"] includes RS256, verified with a public key, but the key source is env CORESDK_HMAC_SECRET ([auth].hmac_secret): list only HS256, HS384 or HS512',
  ],
  [
    'short hmac secret',
    { options: { auth: { hmacSecret: 'secret', algorithms: ['HS256'] } } },
    'forRoot options: auth.hmacSecret ([auth].hmac_secret) is 6 bytes long, but HS256 needs at least 32 bytes (RFC 7518, section 3.2): use a longer random secret',
  ],
  [
    'hmac secret too short for HS512',
    { options: { auth: { hmacSecret: SECRET, algorithms: ['HS256', 'HS512'] } } },
    'is 32 bytes long, but HS256, HS512 needs at least 64 bytes',
  ],
  [
    'no key source',
    { toml: '[sdk]\nservice_name = "x"\n' },
    'no key source is configured, so no token could be verified: set one of [auth].jwks_uri, [auth].jwks_file, [auth].public_key_file, [auth].hmac_secret in coresdk.toml, or CORESDK_JWKS_URI',
  ],
  [
    'two key sources in toml',
    { toml: withKey('jwks_file = "jwks.json"') },
    'coresdk.toml: [auth].jwks_uri and [auth].jwks_file are both set, but tokens are verified with exactly one key source: keep one of them',
  ],
  [
    'two key sources in env',
    { env: { CORESDK_JWKS_URI: 'https://i.example/j', CORESDK_HMAC_SECRET: SECRET } },
    'env: CORESDK_JWKS_URI ([auth].jwks_uri) and CORESDK_HMAC_SECRET ([auth].hmac_secret) are both set',
  ],
  [
    'two key sources in options',
    { options: { auth: { jwksFile: 'a.json', publicKeyFile: 'k.pem' } } },
    'forRoot options: auth.jwksFile ([auth].jwks_file) and auth.publicKeyFile ([auth].public_key_file) are both set',
  ],
  [
    'plain http jwks_uri',
    { env: { CORESDK_JWKS_URI: 'http://issuer.example/jwks' } },
    'env CORESDK_JWKS_URI ([auth].jwks_uri) = "http://issuer.example/jwks" uses plain http, so anyone on the network path could swap the signing keys: use https://',
  ],
  [
    'jwks_uri not a URL',
    { toml: '[auth]\njwks_uri = "issuer.example/jwks"\n' },
    'coresdk.toml: [auth].jwks_uri = "issuer.example/jwks" is not a URL: write the full https:// address',
  ],
  [
    'bad own tenant id',
    { toml: withKey('[sdk]\ntenant_id = "Acme Corp"') },
    'coresdk.toml: [sdk].tenant_id = "Acme Corp" does not match the tenant id pattern ^[a-z0-9][a-z0-9-]{0,62}$: use 1 to 63 lowercase letters, digits and "-"',
  ],
  [
    'bad tenant id pattern',
    { toml: withKey('tenant_id_pattern = "[a-z"') },
    'coresdk.toml: [auth].tenant_id_pattern = "[a-z" is not a valid regular expression',
  ],
  [
    'unsafe tenant id pattern',
    { toml: withKey('tenant_id_pattern = "[a-z./]+"') },
    'coresdk.toml: [auth].tenant_id_pattern = "[a-z./]+" accepts the tenant id ".": tenant ids name policy files and data paths',
  ],
  [
    'unsafe RegExp pattern',
    { options: { ...JWKS, auth: { ...JWKS.auth, tenantIdPattern: /[\w/]+/ } } },
    'forRoot options: auth.tenantIdPattern ([auth].tenant_id_pattern) = /[\\w/]+/ accepts the tenant id "a/b"',
  ],
  [
    'rate limit zero',
    { toml: withKey('[rate_limit]\nlimit = 0') },
    'coresdk.toml: [rate_limit].limit = 0 is not valid: use a whole number of 1 or more, e.g. 100',
  ],
  [
    'rate limit negative from env',
    { toml: JWKS_URI_TOML, env: { CORESDK_RATE_LIMIT: '-5' } },
    'env CORESDK_RATE_LIMIT ([rate_limit].limit) = -5 is not valid: use a whole number of 1 or more',
  ],
  [
    'rate limit not a number in env',
    { toml: JWKS_URI_TOML, env: { CORESDK_RATE_LIMIT: '10k' } },
    'env CORESDK_RATE_LIMIT ([rate_limit].limit) = "10k" is not a whole number: write e.g. CORESDK_RATE_LIMIT=100',
  ],
  [
    'bad storage',
    { toml: withKey('[rate_limit]\nstorage = "postgres://db"') },
    'coresdk.toml: [rate_limit].storage = "postgres://db" is not valid: use "memory" or a redis:// or rediss:// URL',
  ],
  [
    'memory in CORESDK_REDIS_URL',
    { toml: JWKS_URI_TOML, env: { CORESDK_REDIS_URL: 'memory' } },
    'env CORESDK_REDIS_URL ([rate_limit].storage) = "memory" is not valid: use a redis:// or rediss:// URL, or unset CORESDK_REDIS_URL',
  ],
  [
    'dotted entrypoint',
    { toml: withKey('[policies]\nentrypoint = "data.coresdk.authz.allow"') },
    'coresdk.toml: [policies].entrypoint = "data.coresdk.authz.allow" is not a slash-separated rule path (identifiers joined by "/"): write "coresdk/authz/allow"',
  ],
  [
    'entrypoint with spaces',
    { toml: withKey('[policies]\nentrypoint = "my rule"') },
    'is not a slash-separated rule path (identifiers joined by "/"): write a path such as "coresdk/authz/allow"',
  ],
  [
    'missing explicit file from options',
    { options: { configFile: 'missing.toml' } },
    'forRoot options: configFile names missing.toml, which does not exist: fix the path, or pass configFile: false to read no file',
  ],
  [
    'missing explicit file from env',
    { env: { CORESDK_CONFIG: 'missing.toml' } },
    'env CORESDK_CONFIG names missing.toml, which does not exist: fix the path, or unset CORESDK_CONFIG',
  ],
  [
    'config file is a folder',
    { env: { CORESDK_CONFIG: '.' } },
    'which is not a file: point it at a .toml file',
  ],
  [
    'unknown option',
    { options: { ...JWKS, rateLimits: {} } as never },
    'forRoot options: unknown option rateLimits: did you mean rateLimit?',
  ],
  [
    'unknown nested option',
    {
      env: { CORESDK_JWKS_FILE: 'j.json' },
      options: { auth: { jwksUrl: 'https://i.example/j' } } as never,
    },
    'forRoot options: unknown option auth.jwksUrl: did you mean auth.jwksUri?',
  ],
  [
    'wrong option type',
    { options: { ...JWKS, rateLimit: { limit: '5' as never } } },
    'forRoot options: rateLimit.limit ([rate_limit].limit) must be an integer, got string "5": pass limit: 100',
  ],
  [
    'toml duration number from options is fine but text must have a unit',
    { options: { ...JWKS, auth: { ...JWKS.auth, clockTolerance: '10' } } },
    'forRoot options: auth.clockTolerance ([auth].clock_tolerance) = "10" has no unit',
  ],
];

describe('resolveCoreSdkConfig validation', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it.each(CASES)('%s', (_name, input, expected) => {
    const error = workspace.fail(input);
    expect(error).toBeInstanceOf(CoreSdkConfigError);
    expect(error.name).toBe('CoreSdkConfigError');
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
    // Exactly the one problem the row is about: no follow-on noise.
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(expected);
  });

  it('reports every problem of every level together, one per line', () => {
    const error = workspace.fail({
      toml: withKey('[sdk]\nfail_mode = "maybe"\n[policies]\nrego_version = "v2"'),
      env: { CORESDK_RATE_LIMIT: 'many' },
      options: { rateLimit: { ttl: -1 } },
    });
    expect(error.problems).toHaveLength(4);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid CoreSDK configuration (4 problems):');
    expect(lines.slice(1)).toEqual(error.problems.map((problem) => `  - ${problem}`));
    expect(error.message).toMatch(
      /\[sdk\]\.fail_mode[\s\S]*\[policies\]\.rego_version[\s\S]*CORESDK_RATE_LIMIT[\s\S]*rateLimit\.ttl/,
    );
  });

  it('reports the other levels, but no conclusions, when the toml file cannot be parsed', () => {
    const error = workspace.fail({ toml: '[sdk\n', env: { CORESDK_FAIL_MODE: 'maybe' } });
    expect(error.problems).toEqual([
      expect.stringMatching(/^coresdk\.toml:1:5: invalid TOML/),
      expect.stringContaining('env CORESDK_FAIL_MODE ([sdk].fail_mode) = "maybe" is not valid'),
    ]);
  });

  it('checks values a higher level overrides, since the file is still wrong', () => {
    const error = workspace.fail({
      toml: withKey('[sdk]\nfail_mode = "maybe"'),
      env: { CORESDK_FAIL_MODE: 'open' },
    });
    expect(error.problems).toEqual([
      expect.stringContaining('coresdk.toml: [sdk].fail_mode = "maybe"'),
    ]);
  });

  it('never prints a secret or URL credentials', () => {
    const error = workspace.fail({
      toml: JWKS_URI_TOML,
      env: {
        CORESDK_HMAC_SECRET: 'hunter2-hunter2',
        CORESDK_REDIS_URL: 'http://user:pa55word@cache:6379',
      },
      options: { configFile: undefined },
    });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('pa55word');
    expect(error.message).toContain('"http://***@cache:6379"');
  });

  it('treats null options from plain JavaScript as no options', () => {
    const error = workspace.fail({ options: null as never });
    expect(error.problems).toEqual([expect.stringContaining('no key source is configured')]);
  });

  it('names a toml file outside the working directory by its absolute path', () => {
    const other = createTempWorkspace();
    try {
      const file = other.write('service.toml', '[sdk]\nfail_mode = "maybe"\n');
      const error = workspace.fail({ env: { CORESDK_CONFIG: file } });
      expect(error.problems[0]).toContain(`${file}: [sdk].fail_mode = "maybe" is not valid`);
    } finally {
      other.remove();
    }
  });
});
