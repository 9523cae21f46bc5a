import type { ConfigLayer, Setting, TenantList } from './config-layer';
import { SETTINGS, tomlKeyLabel } from './config-schema';
import { OPTIONS_SOURCE, type SettingOrigin } from './setting-origin';

/** The winning value of every setting that some level set, and the winning tenant list. */
export interface MergedSettings {
  settings: Map<string, Setting>;
  tenants: TenantList | null;
  /**
   * Ids of settings some level set to an invalid value (already reported); checks that
   * depend on them are skipped rather than run against a default nobody chose.
   */
  rejected: Set<string>;
}

/**
 * Merges layers given highest precedence first (options, env, toml): each setting takes
 * the first layer that sets it. The four key sources move as one group — the highest
 * level that names any key source decides alone, so `CORESDK_JWKS_FILE` replaces a toml
 * `jwks_uri` instead of clashing with it. Two key sources at that one level are an error.
 */
export function mergeLayers(layers: ConfigLayer[], problems: string[]): MergedSettings {
  const settings = new Map<string, Setting>();
  for (const spec of SETTINGS) {
    if (spec.keySource) continue;
    const winner = layers.find((layer) => layer.settings.has(spec.id));
    if (winner) settings.set(spec.id, winner.settings.get(spec.id)!);
  }
  const keySources = SETTINGS.filter((spec) => spec.keySource);
  const rejected = new Set(layers.flatMap((layer) => [...layer.rejected.keys()]));
  for (const layer of layers) {
    const set = keySources.filter(
      (spec) => layer.settings.has(spec.id) || layer.rejected.has(spec.id),
    );
    if (set.length === 0) continue;
    if (set.length > 1) {
      for (const spec of set) rejected.add(spec.id);
      const origins = set.map(
        (spec) => (layer.settings.get(spec.id)?.origin ?? layer.rejected.get(spec.id))!,
      );
      problems.push(twoKeySources(origins));
    } else if (layer.settings.has(set[0].id)) {
      settings.set(set[0].id, layer.settings.get(set[0].id)!);
    }
    break;
  }
  const tenants = layers.find((layer) => layer.tenants !== null)?.tenants ?? null;
  return { settings, tenants, rejected };
}

function twoKeySources(origins: SettingOrigin[]): string {
  const source =
    origins[0].layer === 'toml'
      ? origins[0].source
      : origins[0].layer === 'env'
        ? 'env'
        : OPTIONS_SOURCE;
  const names = origins.map((origin) =>
    origin.layer === 'toml' ? origin.key : `${origin.name} (${origin.key})`,
  );
  return (
    `${source}: ${names.join(' and ')} are ${names.length === 2 ? 'both' : 'all'} set, but tokens are verified with exactly one ` +
    'key source: keep one of them (a higher level — forRoot options over env over the toml ' +
    "file — replaces a lower level's key source)"
  );
}

/** The message when no level names a key source at all. */
export function noKeySource(configFile: string | null): string {
  const specs = SETTINGS.filter((spec) => spec.keySource);
  return (
    `no key source is configured, so no token could be verified: set one of ` +
    `${specs.map(tomlKeyLabel).join(', ')} in ${configFile ?? 'coresdk.toml'}, or ` +
    `${specs.map((spec) => spec.env).join(', ')} in the environment, or ` +
    `auth.${specs.map((spec) => spec.option).join(' / auth.')} in the ${OPTIONS_SOURCE}`
  );
}
