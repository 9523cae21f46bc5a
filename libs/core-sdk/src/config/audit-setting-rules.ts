import type { SettingOrigin } from './setting-origin';
import { showValue } from './setting-origin';
import { nearestName } from './nearest-name';
import type { Reading } from './value-kinds';

/** The audit sinks `[audit].sinks` may list. */
export const AUDIT_SINK_NAMES = ['otel', 'file', 'http'] as const;

/** Where a tenant's id goes in `[audit].http_url`. */
export const TENANT_PLACEHOLDER = '{tenant}';

/** `[audit].sinks`: known names only; S3/GCS and the like are custom `AuditSink`s. */
export function auditSinks(value: string[]): Reading {
  const unknown = value.filter((name) => !(AUDIT_SINK_NAMES as readonly string[]).includes(name));
  if (unknown.length === 0) return { value: [...new Set(value)] };
  const hints = unknown.map((name) => {
    const suggestion = nearestName(name, AUDIT_SINK_NAMES);
    return suggestion ? `"${name}" (did you mean "${suggestion}"?)` : `"${name}"`;
  });
  return {
    error:
      `= ${showValue(value)} lists unknown sinks ${hints.join(', ')}: use ` +
      `${AUDIT_SINK_NAMES.map((name) => `"${name}"`).join(', ')}; other destinations (S3, GCS, ` +
      'a queue) are custom AuditSink providers registered under AUDIT_SINKS',
  };
}

/**
 * An audit collector URL, optionally with `{tenant}`. Audit records name users and
 * decisions, so plain http is accepted only for loopback collectors.
 */
export function auditHttpUrl(value: string, _origin?: SettingOrigin): Reading {
  let url: URL;
  try {
    url = new URL(value.split(TENANT_PLACEHOLDER).join('tenant'));
  } catch {
    return {
      error: `= ${showValue(value)} is not a URL: write e.g. "https://audit.example.com/v1/{tenant}"`,
    };
  }
  if (url.protocol === 'https:') return { value };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { value };
  return {
    error:
      `= ${showValue(value)} must use https:// (plain http only for localhost), ` +
      'because audit records leave the process: write e.g. "https://audit.example.com/v1/{tenant}"',
  };
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
