import type { HostBuiltin, HostRegistry } from './host-builtin';
import { register as registerCollections } from './collections';
import { register as registerCrypto } from './crypto';
import { register as registerEncoding } from './encoding';
import { register as registerGlob } from './glob';
import { register as registerGraph } from './graph';
import { register as registerJsonDocuments } from './json-documents';
import { register as registerJsonEncoding } from './json-encoding';
import { register as registerJsonSchema } from './json-schema';
import { register as registerJwt } from './jwt';
import { register as registerJwtSigning } from './jwt-signing';
import { register as registerJwtVerification } from './jwt-verification';
import { register as registerNet } from './net';
import { register as registerRandom } from './random';
import { register as registerRegex } from './regex';
import { register as registerSemver } from './semver';
import { register as registerSprintf } from './sprintf';
import { register as registerStrings } from './strings';
import { register as registerSystem } from './system';
import { register as registerTemplate } from './template';
import { register as registerTime } from './time';
import { register as registerUnits } from './units';
import { register as registerUuid } from './uuid';
import { register as registerYaml } from './yaml';

export type { HostBuiltin, HostRegistry } from './host-builtin';
export { resetEvaluationScope } from './evaluation-scope';

/** Every family, in one list, so adding a family is one line. */
const FAMILIES: Array<(into: HostRegistry) => void> = [
  registerSprintf,
  registerRegex,
  registerGlob,
  registerTime,
  registerUnits,
  registerSemver,
  registerStrings,
  registerNet,
  registerJwt,
  registerJwtVerification,
  registerJwtSigning,
  registerEncoding,
  registerCrypto,
  registerJsonDocuments,
  registerJsonEncoding,
  registerJsonSchema,
  registerGraph,
  registerUuid,
  registerYaml,
  registerRandom,
  registerCollections,
  registerSystem,
  registerTemplate,
];

/**
 * Built-ins @open-policy-agent/opa-wasm implements itself and looks up BEFORE the
 * customBuiltins it is given (its sprintf, for one, is sprintf-js, not Go's fmt). To
 * get ours, a module names the alias `coresdk.host.<name>` in its builtins() table.
 */
export const SDK_SHADOWED_BUILTINS: ReadonlySet<string> = new Set([
  'json.is_valid',
  'sprintf',
  'regex.split',
  'yaml.is_valid',
  'yaml.marshal',
  'yaml.unmarshal',
]);

/** Prefix of the unshadowed aliases (`coresdk.host.sprintf`). */
export const HOST_ALIAS_PREFIX = 'coresdk.host.';

/** The name a module should put in builtins() so that our implementation of `name` runs. */
export function hostImportName(name: string): string {
  return SDK_SHADOWED_BUILTINS.has(name) ? `${HOST_ALIAS_PREFIX}${name}` : name;
}

function collect(): ReadonlyMap<string, HostBuiltin> {
  const registry: HostRegistry = new Map();
  for (const register of FAMILIES) register(registry);
  for (const name of SDK_SHADOWED_BUILTINS) {
    const builtin = registry.get(name);
    if (builtin) registry.set(hostImportName(name), builtin);
  }
  return registry;
}

/** Host implementations by Rego name (plus the `coresdk.host.*` aliases), for opa-wasm's customBuiltins. */
export const HOST_BUILTINS: ReadonlyMap<string, HostBuiltin> = collect();
