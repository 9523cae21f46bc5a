import { isAbsolute, resolve } from 'node:path';
import type { JwtAlgorithm } from './core-sdk-config.interface';
import { nearestName } from './nearest-name';
import type { SettingSpec } from './config-schema';
import { type SettingOrigin, showValue } from './setting-origin';
import type { Reading } from './value-kinds';
import { auditHttpUrl, auditSinks } from './audit-setting-rules';
import { bundleUrl } from './policy-setting-rules';

type Rule = (value: any, origin: SettingOrigin, spec: SettingSpec) => Reading;

export const SUPPORTED_ALGORITHMS: readonly JwtAlgorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'HS256',
  'HS384',
  'HS512',
];

/**
 * Strings a tenant id pattern must never accept: tenant ids become policy file names and
 * `data.tenants` keys, so an id like `..` or `a/b` could reach another tenant's files.
 */
const UNSAFE_TENANT_IDS = ['', '.', '..', '../x', 'a/b', 'a\\b', 'a\nb', 'a\u0000b'];

const ENTRYPOINT = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Content checks (and normalisation) that apply whichever level the value came from. */
const RULES: Record<string, Rule> = {
  'sdk.fail_mode': oneOf(['open', 'closed']),
  'policies.rego_version': oneOf(['v0', 'v1']),
  'auth.jwks_uri': jwksUri,
  'auth.jwks_file': path,
  'auth.public_key_file': path,
  'policies.dir': path,
  'auth.algorithms': algorithms,
  'auth.tenant_id_pattern': tenantIdPattern,
  'auth.jwks_cache_max_age': positiveDuration,
  'auth.jwks_timeout': positiveDuration,
  'rate_limit.ttl': positiveDuration,
  'rate_limit.limit': positiveInteger,
  'rate_limit.storage': storage,
  'policies.entrypoint': entrypoint,
  'policies.source': oneOf(['dir', 'bundle']),
  'policies.bundle_file': path,
  'policies.bundle_url': bundleUrl,
  'policies.poll_interval': positiveDuration,
  'policies.verification_key_file': path,
  'policies.max_loaded_tenants': maxLoadedTenants,
  'policies.decision_cache': decisionCache,
  'tenancy.store': tenancyStore,
  'tenancy.propagation': tenancyPropagation,
  'tenancy.sync_interval': positiveDuration,
  'rate_limit.algorithm': oneOf(['fixed', 'sliding']),
  'rate_limit.per_tenant_limit': positiveInteger,
  'rate_limit.per_tenant_ttl': positiveDuration,
  'audit.sinks': auditSinks,
  'audit.file_dir': path,
  'audit.http_url': auditHttpUrl,
  'audit.batch_size': positiveInteger,
  'audit.max_queue': positiveInteger,
  'audit.flush_interval': positiveDuration,
  'audit.retry_backoff': positiveDuration,
  'audit.max_retry_backoff': positiveDuration,
  'audit.http_timeout': positiveDuration,
  'audit.shutdown_timeout': positiveDuration,
};

/** Applies the setting's rule, if it has one, to a value that already has the right kind. */
export function applyRule(spec: SettingSpec, value: unknown, origin: SettingOrigin): Reading {
  const rule = RULES[spec.id];
  return rule ? rule(value, origin, spec) : { value };
}

function oneOf(allowed: string[]): Rule {
  return (value: string) => {
    if (allowed.includes(value)) return { value };
    const choices = allowed.map((choice) => JSON.stringify(choice)).join(' or ');
    return { error: `= ${showValue(value)} is not valid: use ${choices}` };
  };
}

function path(value: string, origin: SettingOrigin): Reading {
  return { value: isAbsolute(value) ? value : resolve(origin.baseDir, value) };
}

function jwksUri(value: string): Reading {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      error: `= ${showValue(value)} is not a URL: write the full https:// address of the JWKS`,
    };
  }
  if (url.protocol === 'https:') return { value };
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return { value };
  if (url.protocol === 'http:') {
    return {
      error:
        `= ${showValue(value)} uses plain http, so anyone on the network path could swap the ` +
        'signing keys: use https:// (http is accepted only for localhost)',
    };
  }
  return { error: `= ${showValue(value)} is not valid: use an https:// URL` };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function algorithms(value: string[]): Reading {
  const problems: string[] = [];
  for (const name of value) {
    if (name.trim().toLowerCase() === 'none') {
      problems.push(`"${name}" would accept unsigned tokens and is never allowed: remove it`);
    } else if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(name)) {
      const suggestion = nearestName(name, SUPPORTED_ALGORITHMS);
      problems.push(
        `"${name}" is not a supported algorithm: ` +
          (suggestion ? `did you mean "${suggestion}"? ` : '') +
          `use ${SUPPORTED_ALGORITHMS.join(', ')}`,
      );
    }
  }
  if (problems.length > 0)
    return { error: `= ${showValue(value)} is not valid: ${problems.join('; ')}` };
  return { value: [...new Set(value)] };
}

function tenantIdPattern(value: string | RegExp): Reading {
  const source = typeof value === 'string' ? value : value.source;
  // Stateful (g, y) and line-wise (m) flags would make one id match differently each call
  // or only on one line; the pattern always has to match the whole id.
  const flags = typeof value === 'string' ? '' : value.flags.replace(/[gym]/g, '');
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${source})$`, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      error: `= ${showValue(value)} is not a valid regular expression (${reason}): fix the pattern`,
    };
  }
  const unsafe = UNSAFE_TENANT_IDS.find((id) => pattern.test(id));
  if (unsafe !== undefined) {
    return {
      error:
        `= ${showValue(value)} accepts the tenant id ${JSON.stringify(unsafe)}: tenant ids name ` +
        'policy files and data paths, so the pattern must reject empty ids, "." and "..", ' +
        '"/", "\\" and control characters (the default is ^[a-z0-9][a-z0-9-]{0,62}$)',
    };
  }
  return { value: pattern };
}

function positiveDuration(value: number): Reading {
  if (value > 0) return { value };
  return { error: 'is 0 but must be longer than that: use e.g. "5s"' };
}

/** Below 1 no tenant could ever decide; the cap bounds memory, not correctness. */
function maxLoadedTenants(value: number): Reading {
  if (value > 0 && Number.isSafeInteger(value)) return { value };
  return {
    error:
      `= ${value} is not valid: use a whole number of 1 or more (default 1000); each loaded ` +
      'tenant costs ~235 KiB, and tenants beyond the cap are reloaded on their next request',
  };
}

/** 0 turns the cache off; the bound keeps a token walking many paths from growing it. */
function decisionCache(value: number): Reading {
  if (value >= 0 && Number.isSafeInteger(value)) return { value };
  return {
    error:
      `= ${value} is not valid: use a whole number, 0 to turn the decision cache off ` +
      '(default 64 decisions per token and tenant module)',
  };
}

function positiveInteger(value: number): Reading {
  if (value > 0 && Number.isSafeInteger(value)) return { value };
  return { error: `= ${value} is not valid: use a whole number of 1 or more, e.g. 100` };
}

function storage(value: string, origin: SettingOrigin): Reading {
  const isRedisUrl = /^rediss?:\/\/\S+$/.test(value) && canParseUrl(value);
  if (isRedisUrl) return { value };
  if (value === 'memory' && origin.layer !== 'env') return { value };
  if (origin.layer === 'env') {
    return {
      error:
        `= ${showValue(value)} is not valid: use a redis:// or rediss:// URL, or unset ` +
        `${origin.name} to keep the in-memory storage`,
    };
  }
  return {
    error: `= ${showValue(value)} is not valid: use "memory" or a redis:// or rediss:// URL`,
  };
}

function canParseUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function entrypoint(value: string): Reading {
  if (ENTRYPOINT.test(value)) return { value };
  const slashed = value
    .replace(/^\/+|\/+$/g, '')
    .replace(/^data\./, '')
    .replace(/\./g, '/');
  const hint = ENTRYPOINT.test(slashed)
    ? `write "${slashed}"`
    : 'write a path such as "coresdk/authz/allow"';
  return {
    error: `= ${showValue(value)} is not a slash-separated rule path (identifiers joined by "/"): ${hint}`,
  };
}

/** `sqlite:<path>` (resolved against the file that set it) or a `postgres://` URL. */
function tenancyStore(value: string, origin: SettingOrigin): Reading {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (file.trim() === '') {
      return { error: 'names no file: write "sqlite:./data/tenants.sqlite"' };
    }
    return { value: `sqlite:${isAbsolute(file) ? file : resolve(origin.baseDir, file)}` };
  }
  if (/^postgres(ql)?:\/\/\S+$/.test(value) && canParseUrl(value)) return { value };
  return {
    error:
      'is not valid: use "sqlite:<path>" or a postgres:// URL (the value is not echoed: it may ' +
      'hold a password)',
  };
}

/** `none`, `postgres` (LISTEN/NOTIFY through the store) or a redis:// URL. */
function tenancyPropagation(value: string): Reading {
  if (value === 'none' || value === 'postgres') return { value };
  if (/^rediss?:\/\/\S+$/.test(value) && canParseUrl(value)) return { value };
  return {
    error:
      'is not valid: use "none", "postgres" or a redis:// or rediss:// URL (the value is not ' +
      'echoed: it may hold a password)',
  };
}
