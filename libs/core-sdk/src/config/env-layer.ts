import { addSetting, type ConfigLayer, emptyLayer } from './config-layer';
import { SETTINGS, tomlKeyLabel } from './config-schema';
import { readEnvValue } from './value-kinds';

/**
 * Reads the `CORESDK_*` variables that map to settings. An empty (or blank) variable
 * counts as unset, as container tooling often defines variables with no value.
 */
export function readEnvLayer(
  env: Record<string, string | undefined>,
  cwd: string,
  problems: string[],
): ConfigLayer {
  const layer = emptyLayer('env');
  for (const spec of SETTINGS) {
    if (!spec.env) continue;
    const text = env[spec.env];
    if (text === undefined || text.trim() === '') continue;
    const origin = {
      layer: 'env' as const,
      source: 'env',
      name: spec.env,
      key: tomlKeyLabel(spec),
      baseDir: cwd,
    };
    addSetting(layer, spec, origin, () => readEnvValue(spec, text), problems);
  }
  return layer;
}
