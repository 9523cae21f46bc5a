import type { TenantDeclaration } from './core-sdk-config.interface';
import type { SettingSpec } from './config-schema';
import { describeOrigin, type LayerKind, type SettingOrigin } from './setting-origin';
import { applyRule } from './setting-rules';
import type { Reading } from './value-kinds';

/** A value that passed its kind and rule checks, with where it came from. */
export interface Setting {
  value: unknown;
  origin: SettingOrigin;
}

/** A `[[tenants]]` list (toml) or `tenants` array (options), each entry with its label. */
export interface TenantList {
  tenants: TenantDeclaration[];
  /** Per tenant, where it was declared: `coresdk.toml: [[tenants]] #1 "acme-corp"`. */
  labels: string[];
}

/** What one level (options, env or toml) sets. Settings are keyed by `SettingSpec.id`. */
export interface ConfigLayer {
  kind: LayerKind;
  settings: Map<string, Setting>;
  /** Ids of settings this level set to an invalid value (already reported). */
  rejected: Map<string, SettingOrigin>;
  tenants: TenantList | null;
}

export function emptyLayer(kind: LayerKind): ConfigLayer {
  return { kind, settings: new Map(), rejected: new Map(), tenants: null };
}

/**
 * Checks one raw value with `read` (its kind) and then its rule; stores it in the layer or
 * records the problem. Invalid values are dropped so later checks do not repeat the error.
 */
export function addSetting(
  layer: ConfigLayer,
  spec: SettingSpec,
  origin: SettingOrigin,
  read: () => Reading,
  problems: string[],
): void {
  let reading = read();
  if (!('error' in reading)) reading = applyRule(spec, reading.value, origin);
  if ('error' in reading) {
    problems.push(`${describeOrigin(origin)} ${reading.error}`);
    layer.rejected.set(spec.id, origin);
    return;
  }
  layer.settings.set(spec.id, { value: reading.value, origin });
}
