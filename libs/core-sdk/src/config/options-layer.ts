import { addSetting, type ConfigLayer, emptyLayer } from './config-layer';
import {
  optionPath,
  optionSection,
  SECTION_NAMES,
  settingsOf,
  tomlKeyLabel,
} from './config-schema';
import type { CoreSdkModuleOptions } from './core-sdk-options.interface';
import { nearestName } from './nearest-name';
import { describeType, OPTIONS_SOURCE } from './setting-origin';
import { readOptionTenants } from './tenant-declarations';
import { readTypedValue } from './value-kinds';

/** Top-level option fields that are not sections of settings. */
const OTHER_FIELDS = ['configFile', 'env', 'tenants'];

/**
 * Reads the forRoot options. TypeScript checks their shape at compile time, but options
 * also come from `forRootAsync` factories and plain JavaScript, so they are checked here
 * exactly like the toml file. `undefined` and `null` mean "not set".
 */
export function readOptionsLayer(
  options: CoreSdkModuleOptions,
  cwd: string,
  problems: string[],
): ConfigLayer {
  const layer = emptyLayer('options');
  const sectionFields = SECTION_NAMES.map(optionSection);
  for (const [field, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (OTHER_FIELDS.includes(field)) continue;
    const index = sectionFields.indexOf(field);
    if (index < 0) {
      const suggestion = nearestName(field, [...sectionFields, ...OTHER_FIELDS]);
      problems.push(
        `${OPTIONS_SOURCE}: unknown option ${field}: ` +
          (suggestion
            ? `did you mean ${suggestion}?`
            : `use ${[...sectionFields, ...OTHER_FIELDS].join(', ')}`),
      );
      continue;
    }
    readSection(layer, SECTION_NAMES[index], value, cwd, problems);
  }
  if (options.tenants !== undefined && options.tenants !== null) {
    layer.tenants = readOptionTenants(options.tenants, problems);
  }
  return layer;
}

function readSection(
  layer: ConfigLayer,
  section: (typeof SECTION_NAMES)[number],
  group: unknown,
  cwd: string,
  problems: string[],
): void {
  const field = optionSection(section);
  if (typeof group !== 'object' || Array.isArray(group)) {
    problems.push(
      `${OPTIONS_SOURCE}: ${field} must be an object, got ${describeType(group)}: pass ` +
        `${field}: { ... } with the fields of [${section}]`,
    );
    return;
  }
  const specs = settingsOf(section);
  for (const [option, raw] of Object.entries(group as Record<string, unknown>)) {
    if (raw === undefined || raw === null) continue;
    const spec = specs.find((candidate) => candidate.option === option);
    if (!spec) {
      const known = specs.map((candidate) => candidate.option);
      const suggestion = nearestName(option, known);
      problems.push(
        `${OPTIONS_SOURCE}: unknown option ${field}.${option}: ` +
          (suggestion
            ? `did you mean ${field}.${suggestion}?`
            : `${field} accepts ${known.join(', ')}`),
      );
      continue;
    }
    const origin = {
      layer: 'options' as const,
      source: OPTIONS_SOURCE,
      name: optionPath(spec),
      key: tomlKeyLabel(spec),
      baseDir: cwd,
    };
    addSetting(layer, spec, origin, () => readTypedValue(spec, raw, 'options'), problems);
  }
}
