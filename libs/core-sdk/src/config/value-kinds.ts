import type { SettingSpec, ValueKind } from './config-schema';
import { readDuration } from './duration';
import { describeType, showValue } from './setting-origin';

/**
 * A value brought to its setting's kind, or what is wrong with it. `error` continues a
 * message that starts with the origin: `must be a string, got integer 5: ...` or
 * `= "5x" is not a duration: ...`.
 */
export type Reading = { value: unknown } | { error: string };

const EXAMPLES: Record<ValueKind, { toml: string; options: string; env: string }> = {
  text: { toml: '"..."', options: "'...'", env: '...' },
  'text-list': { toml: '["RS256", "ES256"]', options: "['RS256', 'ES256']", env: 'RS256,ES256' },
  'text-or-list': { toml: '"my-api" or ["a", "b"]', options: "'my-api'", env: 'my-api' },
  duration: { toml: '"5s"', options: "'5s' or 5000", env: '5s' },
  integer: { toml: '100', options: '100', env: '100' },
  pattern: { toml: '"^[a-z0-9-]+$"', options: '/^[a-z0-9-]+$/', env: '^[a-z0-9-]+$' },
  boolean: { toml: 'true', options: 'true', env: 'true' },
};

const KIND_NAMES: Record<ValueKind, string> = {
  text: 'a string',
  'text-list': 'an array of strings',
  'text-or-list': 'a string or an array of strings',
  duration: 'a duration string such as "5s"',
  integer: 'an integer',
  pattern: 'a regular expression string',
  boolean: 'true or false',
};

/** Reads a value written in coresdk.toml or passed to forRoot, where types are native. */
export function readTypedValue(
  spec: SettingSpec,
  raw: unknown,
  layer: 'toml' | 'options',
): Reading {
  const wrongType = (): Reading => {
    const expected =
      layer === 'options' && spec.kind === 'duration'
        ? 'a duration ("5s") or a number of milliseconds'
        : KIND_NAMES[spec.kind];
    const got = spec.secret ? `a ${typeof raw}` : describeType(raw);
    return { error: `must be ${expected}, got ${got}: ${typeHint(spec, raw, layer)}` };
  };
  switch (spec.kind) {
    case 'text':
      return typeof raw === 'string' ? nonEmptyText(raw) : wrongType();
    case 'text-list':
      return Array.isArray(raw) && raw.every((item) => typeof item === 'string')
        ? textList(raw)
        : wrongType();
    case 'text-or-list':
      if (typeof raw === 'string') return nonEmptyText(raw);
      return Array.isArray(raw) && raw.every((item) => typeof item === 'string')
        ? textList(raw)
        : wrongType();
    case 'duration':
      // A bare number means milliseconds only when a program passed it.
      if (typeof raw === 'string' || (typeof raw === 'number' && layer === 'options')) {
        return duration(raw);
      }
      return wrongType();
    case 'integer':
      return typeof raw === 'number' && Number.isInteger(raw) ? { value: raw } : wrongType();
    case 'pattern':
      if (typeof raw === 'string') return nonEmptyText(raw);
      return raw instanceof RegExp && layer === 'options' ? { value: raw } : wrongType();
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : wrongType();
  }
}

/** Reads a `CORESDK_*` variable, where everything arrives as text. */
export function readEnvValue(spec: SettingSpec, text: string): Reading {
  const trimmed = text.trim();
  switch (spec.kind) {
    case 'text':
    case 'pattern':
      return { value: trimmed };
    case 'text-list':
    case 'text-or-list': {
      const items = trimmed
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      if (items.length === 0) {
        return {
          error: `= ${showValue(text)} lists nothing: write e.g. ${spec.env}=${EXAMPLES[spec.kind].env}`,
        };
      }
      return { value: spec.kind === 'text-or-list' && items.length === 1 ? items[0] : items };
    }
    case 'duration':
      return duration(trimmed);
    case 'integer':
      return /^[+-]?\d+$/.test(trimmed)
        ? { value: Number(trimmed) }
        : { error: `= ${showValue(text)} is not a whole number: write e.g. ${spec.env}=100` };
    case 'boolean':
      if (/^(true|1)$/i.test(trimmed)) return { value: true };
      if (/^(false|0)$/i.test(trimmed)) return { value: false };
      return { error: `= ${showValue(text)} is not a boolean: write ${spec.env}=true or false` };
  }
}

function nonEmptyText(text: string): Reading {
  if (text.trim() === '') {
    return { error: `is empty: give it a value or remove the setting to use the default` };
  }
  return { value: text };
}

function textList(items: string[]): Reading {
  if (items.length === 0) {
    return { error: `is an empty list: list at least one value or remove the setting` };
  }
  const empty = items.find((item) => item.trim() === '');
  if (empty !== undefined)
    return { error: `= ${showValue(items)} contains an empty string: remove it` };
  return { value: items };
}

function duration(raw: string | number): Reading {
  const reading = readDuration(raw);
  return 'error' in reading
    ? { error: `= ${showValue(raw)} ${reading.error}` }
    : { value: reading.ms };
}

function typeHint(spec: SettingSpec, raw: unknown, layer: 'toml' | 'options'): string {
  if (spec.kind === 'duration' && typeof raw === 'number' && layer === 'toml') {
    return `durations need a unit: write ${spec.key} = "${raw}s" or "${raw}ms"`;
  }
  if (spec.kind === 'text-list' && typeof raw === 'string' && layer === 'toml') {
    return `write ${spec.key} = [${JSON.stringify(raw)}]`;
  }
  if (spec.kind === 'integer' && typeof raw === 'string' && layer === 'toml') {
    return `write ${spec.key} = ${raw.trim() || 100} without quotes`;
  }
  return layer === 'toml'
    ? `write ${spec.key} = ${EXAMPLES[spec.kind].toml}`
    : `pass ${spec.option}: ${EXAMPLES[spec.kind].options}`;
}
