/** The configuration levels, highest precedence first. */
export type LayerKind = 'options' | 'env' | 'toml' | 'default';

/** Where one setting's value came from, so an error can point at the line to change. */
export interface SettingOrigin {
  layer: LayerKind;
  /** The toml file as shown to the user, `env`, `forRoot options` or `default`. */
  source: string;
  /** The name the user wrote: `[auth].clock_tolerance`, `CORESDK_FAIL_MODE`, `auth.clockTolerance`. */
  name: string;
  /** The canonical toml key, `[auth].clock_tolerance`, named in every message. */
  key: string;
  /** Folder that relative paths written at this origin are resolved against. */
  baseDir: string;
}

export const OPTIONS_SOURCE = 'forRoot options';

/** `coresdk.toml: [sdk].fail_mode`, `env CORESDK_FAIL_MODE ([sdk].fail_mode)`, ... */
export function describeOrigin(origin: SettingOrigin): string {
  switch (origin.layer) {
    case 'toml':
      return `${origin.source}: ${origin.key}`;
    case 'env':
      return `env ${origin.name} (${origin.key})`;
    case 'options':
      return `${OPTIONS_SOURCE}: ${origin.name} (${origin.key})`;
    case 'default':
      return `default ${origin.key}`;
  }
}

/**
 * A value quoted for an error message. Secrets never appear, and URL credentials
 * (`redis://:password@host`) are masked, because startup errors end up in logs.
 */
export function showValue(value: unknown, secret = false): string {
  if (secret) return '"(hidden)"';
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'string') return JSON.stringify(maskUrlCredentials(value));
  if (Array.isArray(value)) return `[${value.map((item) => showValue(item)).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return '{...}';
  return String(value);
}

/** What a wrong value is, for "must be a string, got integer 5". */
export function describeType(value: unknown): string {
  if (typeof value === 'number') {
    return `${Number.isInteger(value) ? 'integer' : 'number'} ${value}`;
  }
  if (typeof value === 'string') return `string ${showValue(value)}`;
  if (typeof value === 'boolean') return `boolean ${value}`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a table';
  return typeof value;
}

function maskUrlCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}
