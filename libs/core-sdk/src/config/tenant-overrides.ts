import type { TenantList } from './config-layer';
import type { TenantRateLimit } from './core-sdk-config.interface';
import { auditHttpUrl } from './audit-setting-rules';
import { readDuration } from './duration';
import { describeType, OPTIONS_SOURCE, showValue } from './setting-origin';

/** Per-tenant settings kept in `[[tenants]]` entries next to the policy attributes. */
export interface TenantOverrides {
  rateLimits: Record<string, TenantRateLimit>;
  auditHttpUrls: Record<string, string>;
}

const RATE_LIMIT_EXAMPLE = 'rate_limit = { limit = 1000, ttl = "1m" }';
const AUDIT_EXAMPLE = 'audit = { http_url = "https://audit.example.com/acme" }';

/**
 * Reads `rate_limit = { limit, ttl }` and `audit = { http_url }` from each declared tenant
 * (`rateLimit` / `audit.httpUrl` in forRoot options). The attributes stay where they are
 * (policies may read them); this only validates them and makes them typed.
 */
export function readTenantOverrides(
  list: TenantList | null,
  defaultTtlMs: number,
  problems: string[],
): TenantOverrides {
  const overrides: TenantOverrides = { rateLimits: {}, auditHttpUrls: {} };
  list?.tenants.forEach((tenant, index) => {
    const label = list.labels[index];
    const rateLimit = tenant.attributes.rate_limit ?? tenant.attributes.rateLimit;
    if (rateLimit !== undefined) {
      // As everywhere, a bare number is milliseconds only when a program passed it.
      const numbersAreMs = label.startsWith(OPTIONS_SOURCE);
      const where = `${label} rate_limit`;
      const budget = readRateLimit(rateLimit, defaultTtlMs, numbersAreMs, where, problems);
      if (budget) overrides.rateLimits[tenant.id] = budget;
    }
    const audit = tenant.attributes.audit;
    if (audit !== undefined) {
      const url = readAuditUrl(audit, `${label} audit`, problems);
      if (url) overrides.auditHttpUrls[tenant.id] = url;
    }
  });
  return overrides;
}

function readRateLimit(
  raw: unknown,
  defaultTtlMs: number,
  numbersAreMs: boolean,
  where: string,
  problems: string[],
): TenantRateLimit | null {
  if (!isTable(raw)) {
    problems.push(
      `${where} must be a table, got ${describeType(raw)}: write ${RATE_LIMIT_EXAMPLE}`,
    );
    return null;
  }
  const unknown = Object.keys(raw).filter((key) => key !== 'limit' && key !== 'ttl');
  if (unknown.length > 0) {
    problems.push(
      `${where} has unknown keys ${unknown.join(', ')}: only limit and ttl are read, ` +
        `write ${RATE_LIMIT_EXAMPLE}`,
    );
    return null;
  }
  const { limit, ttl } = raw;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    problems.push(
      `${where}.limit = ${showValue(limit)} is not valid: use a whole number of 1 or more, ` +
        `e.g. ${RATE_LIMIT_EXAMPLE}`,
    );
    return null;
  }
  if (ttl === undefined) return { limit, ttlMs: defaultTtlMs };
  if (typeof ttl === 'number' && !numbersAreMs) {
    problems.push(`${where}.ttl = ${ttl} needs a unit: write ttl = "${ttl}s" or "${ttl}ms"`);
    return null;
  }
  const reading = readDuration(ttl);
  if ('error' in reading || reading.ms <= 0) {
    const why = 'error' in reading ? reading.error : 'is 0 but must be longer than that';
    problems.push(`${where}.ttl = ${showValue(ttl)} ${why}: write e.g. ttl = "1m"`);
    return null;
  }
  return { limit, ttlMs: reading.ms };
}

function readAuditUrl(raw: unknown, where: string, problems: string[]): string | null {
  if (!isTable(raw)) {
    problems.push(`${where} must be a table, got ${describeType(raw)}: write ${AUDIT_EXAMPLE}`);
    return null;
  }
  const url = raw.http_url ?? raw.httpUrl;
  const unknown = Object.keys(raw).filter((key) => key !== 'http_url' && key !== 'httpUrl');
  if (unknown.length > 0 || typeof url !== 'string') {
    problems.push(
      `${where} must hold exactly a string http_url` +
        (unknown.length > 0 ? ` (unknown keys ${unknown.join(', ')})` : '') +
        `: write ${AUDIT_EXAMPLE}`,
    );
    return null;
  }
  const reading = auditHttpUrl(url);
  if ('error' in reading) {
    problems.push(`${where}.http_url ${reading.error}`);
    return null;
  }
  return url;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
  );
}
