import { dirname } from 'node:path';
import { addSetting, type ConfigLayer, emptyLayer } from './config-layer';
import {
  SECTION_NAMES,
  type SectionName,
  SETTINGS,
  settingsOf,
  tomlKeyLabel,
} from './config-schema';
import { nearestName } from './nearest-name';
import { describeType } from './setting-origin';
import { readTomlTenants } from './tenant-declarations';
import type { LoadedTomlFile } from './toml-file';
import { readTypedValue } from './value-kinds';

const TENANTS_SECTION = 'tenants';
const TOP_LEVEL_NAMES = [...SECTION_NAMES, TENANTS_SECTION];

/**
 * Turns a parsed coresdk.toml into a layer. Unknown sections and keys are errors with a
 * suggestion: a misspelt `fail_mod = "open"` silently ignored would run the service with
 * the opposite failure behaviour from the one intended.
 */
export function readTomlLayer(file: LoadedTomlFile, problems: string[]): ConfigLayer {
  const layer = emptyLayer('toml');
  for (const [name, value] of Object.entries(file.document)) {
    if (name === TENANTS_SECTION) {
      layer.tenants = readTomlTenants(value, file.display, problems);
    } else if ((SECTION_NAMES as readonly string[]).includes(name)) {
      readSection(layer, file, name as SectionName, value, problems);
    } else {
      problems.push(unknownTopLevel(file.display, name, value));
    }
  }
  return layer;
}

function readSection(
  layer: ConfigLayer,
  file: LoadedTomlFile,
  section: SectionName,
  table: unknown,
  problems: string[],
): void {
  if (
    table === null ||
    typeof table !== 'object' ||
    Array.isArray(table) ||
    table instanceof Date
  ) {
    problems.push(
      `${file.display}: [${section}] must be a table, got ${describeType(table)}: write a ` +
        `[${section}] header followed by key = value lines`,
    );
    return;
  }
  const specs = settingsOf(section);
  for (const [key, raw] of Object.entries(table)) {
    const spec = specs.find((candidate) => candidate.key === key);
    if (!spec) {
      problems.push(
        unknownKey(
          file.display,
          section,
          key,
          specs.map((candidate) => candidate.key),
        ),
      );
      continue;
    }
    const origin = {
      layer: 'toml' as const,
      source: file.display,
      name: tomlKeyLabel(spec),
      key: tomlKeyLabel(spec),
      baseDir: dirname(file.path),
    };
    addSetting(layer, spec, origin, () => readTypedValue(spec, raw, 'toml'), problems);
  }
}

function unknownKey(display: string, section: SectionName, key: string, known: string[]): string {
  const suggestion = nearestName(key, known);
  const elsewhere = SETTINGS.find((spec) => spec.key === key && spec.section !== section);
  const fix =
    key === TENANTS_SECTION
      ? 'declare tenants as [[tenants]] entries at the top level, not inside a section'
      : suggestion
        ? `did you mean [${section}].${suggestion}?`
        : elsewhere
          ? `it belongs in [${elsewhere.section}]`
          : `remove it; [${section}] accepts ${known.join(', ')}`;
  return `${display}: unknown key [${section}].${key}: ${fix}`;
}

function unknownTopLevel(display: string, name: string, value: unknown): string {
  const isTable = value !== null && typeof value === 'object' && !(value instanceof Date);
  if (!isTable) {
    // A setting written above every header, e.g. `fail_mode = "open"` on line 1.
    const spec = SETTINGS.find((candidate) => candidate.key === name);
    if (spec)
      return `${display}: unknown key ${name} outside any section: move it under [${spec.section}]`;
  }
  const suggestion = nearestName(name, TOP_LEVEL_NAMES);
  const fix = suggestion
    ? `did you mean [${suggestion === TENANTS_SECTION ? '[tenants]' : suggestion}]?`
    : `remove it; the sections are ${TOP_LEVEL_NAMES.map((section) => `[${section}]`).join(', ')}`;
  return `${display}: unknown ${isTable ? 'section' : 'key'} ${isTable ? `[${name}]` : name}: ${fix}`;
}
