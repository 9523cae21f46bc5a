import type { BuiltinSignature } from './builtin-signature';
import { BUILTIN_CATALOGUE } from './catalogue';
import {
  fromCapabilityType,
  isRecord,
  toCapabilityType,
  type CapabilityDecl,
} from './capability-types';

export type { CapabilityDecl, CapabilityType } from './capability-types';

/** One built-in entry of capabilities.json. */
export interface CapabilityBuiltin {
  name: string;
  decl: CapabilityDecl;
  infix?: string;
  nondeterministic?: boolean;
  deprecated?: boolean;
  relation?: boolean;
}

/** What a compilation may use, in the shape of OPA's capabilities.json. */
export interface Capabilities {
  builtins: CapabilityBuiltin[];
  future_keywords?: string[];
  features?: string[];
  wasm_abi_versions?: Array<{ version: number; minor_version: number }>;
  /** Hosts http.send / net.lookup_ip_addr may reach (OPA's allow_net); absent = unrestricted. */
  allow_net?: string[];
}

/** A capabilities document that could not be read; the message says what to fix. */
export class CapabilitiesError extends Error {
  override readonly name = 'CapabilitiesError';

  static create(where: string, problem: string): CapabilitiesError {
    return new CapabilitiesError(
      `invalid capabilities (${where}): ${problem}. ` +
        'Capabilities must be OPA capabilities.json: {"builtins": [{"name": "...", "decl": {"type": "function", "args": [...], "result": {...}}}]}',
    );
  }
}

/** The capabilities.json entry of one catalogue signature. */
export function toCapabilityBuiltin(signature: BuiltinSignature): CapabilityBuiltin {
  const decl: CapabilityDecl = { type: 'function' };
  if (signature.variadic) decl.variadic = toCapabilityType(signature.variadic);
  else if (signature.args.length > 0) decl.args = signature.args.map(toCapabilityType);
  if (!signature.noResult) decl.result = toCapabilityType(signature.result);
  const entry: CapabilityBuiltin = { name: signature.name, decl };
  if (signature.infix) entry.infix = signature.infix;
  if (signature.nondeterministic) entry.nondeterministic = true;
  if (signature.deprecated) entry.deprecated = true;
  if (signature.relation) entry.relation = true;
  return entry;
}

/** The signature a capabilities entry declares (for built-ins the catalogue does not know). */
export function signatureFromCapability(entry: CapabilityBuiltin): BuiltinSignature {
  const at = `builtin ${entry.name}`;
  const args = (entry.decl.args ?? []).map((arg, index) =>
    fromCapabilityType(arg, `${at}.decl.args[${index}]`),
  );
  const signature: BuiltinSignature = {
    name: entry.name,
    args,
    result: entry.decl.result
      ? fromCapabilityType(entry.decl.result, `${at}.decl.result`)
      : { kind: 'boolean' },
  };
  if (entry.decl.variadic)
    signature.variadic = fromCapabilityType(entry.decl.variadic, `${at}.decl.variadic`);
  if (!entry.decl.result) signature.noResult = true;
  if (entry.infix) signature.infix = entry.infix;
  if (entry.nondeterministic) signature.nondeterministic = true;
  if (entry.deprecated) signature.deprecated = true;
  if (entry.relation) signature.relation = true;
  return signature;
}

/** Every catalogue built-in except the network ones (http.send, net.lookup_ip_addr, opa.runtime). */
export const DEFAULT_CAPABILITIES: Capabilities = {
  builtins: [...BUILTIN_CATALOGUE.values()]
    .filter((entry) => !entry.network)
    .map(toCapabilityBuiltin),
  future_keywords: ['contains', 'every', 'if', 'in'],
  features: ['rego_v1'],
  wasm_abi_versions: [
    { version: 1, minor_version: 1 },
    { version: 1, minor_version: 2 },
  ],
};

/** Names of the catalogue built-ins that reach outside the process, refused by default. */
export const NETWORK_BUILTINS: readonly string[] = [...BUILTIN_CATALOGUE.values()]
  .filter((entry) => entry.network)
  .map((entry) => entry.name);

/**
 * A copy of `capabilities` that also allows the named catalogue built-ins, e.g.
 * `enableBuiltins(DEFAULT_CAPABILITIES, ['http.send'])`. Throws `CapabilitiesError` for a
 * name the catalogue does not know (declare custom built-ins in the document instead).
 */
export function enableBuiltins(capabilities: Capabilities, names: readonly string[]): Capabilities {
  const present = new Set(capabilities.builtins.map((entry) => entry.name));
  const added = [...new Set(names)]
    .filter((name) => !present.has(name))
    .map((name) => {
      const signature = BUILTIN_CATALOGUE.get(name);
      if (!signature) throw CapabilitiesError.create(name, 'not a built-in OPA knows');
      return toCapabilityBuiltin(signature);
    });
  return { ...capabilities, builtins: [...capabilities.builtins, ...added] };
}

/** Built-in signatures a capabilities document allows, by name (catalogue entries win for known names). */
export function allowedBuiltins(capabilities: Capabilities): ReadonlyMap<string, BuiltinSignature> {
  const allowed = new Map<string, BuiltinSignature>();
  for (const entry of capabilities.builtins) {
    allowed.set(entry.name, BUILTIN_CATALOGUE.get(entry.name) ?? signatureFromCapability(entry));
  }
  return allowed;
}

/** Validates a capabilities document (JSON text or parsed value); throws `CapabilitiesError`. */
export function parseCapabilities(json: string | unknown): Capabilities {
  let document: unknown = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch (error) {
      throw CapabilitiesError.create('document', `not JSON (${(error as Error).message})`);
    }
  }
  if (!isRecord(document)) throw CapabilitiesError.create('document', 'expected a JSON object');
  if (!Array.isArray(document.builtins))
    throw CapabilitiesError.create('builtins', 'expected an array');
  const seen = new Set<string>();
  const builtins = document.builtins.map((raw, index) => {
    const entry = readBuiltin(raw, `builtins[${index}]`);
    if (seen.has(entry.name))
      throw CapabilitiesError.create(`builtins[${index}]`, `duplicate built-in ${entry.name}`);
    seen.add(entry.name);
    return entry;
  });
  const capabilities: Capabilities = { builtins };
  for (const key of ['future_keywords', 'features', 'allow_net'] as const) {
    if (document[key] === undefined) continue;
    if (!isStringList(document[key]))
      throw CapabilitiesError.create(key, 'expected an array of strings');
    capabilities[key] = document[key] as string[];
  }
  if (document.wasm_abi_versions !== undefined) {
    const versions = document.wasm_abi_versions;
    const valid =
      Array.isArray(versions) &&
      versions.every(
        (v) => isRecord(v) && Number.isInteger(v.version) && Number.isInteger(v.minor_version),
      );
    if (!valid)
      throw CapabilitiesError.create(
        'wasm_abi_versions',
        'expected [{version, minor_version}] integers',
      );
    capabilities.wasm_abi_versions = versions as Capabilities['wasm_abi_versions'];
  }
  return capabilities;
}

function readBuiltin(raw: unknown, where: string): CapabilityBuiltin {
  if (!isRecord(raw)) throw CapabilitiesError.create(where, 'expected an object');
  if (typeof raw.name !== 'string' || raw.name === '')
    throw CapabilitiesError.create(where, 'missing "name"');
  const at = `${where} (${raw.name})`;
  if (!isRecord(raw.decl) || raw.decl.type !== 'function') {
    throw CapabilitiesError.create(at, '"decl" must be {"type": "function", ...}');
  }
  for (const flag of ['nondeterministic', 'deprecated', 'relation'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
      throw CapabilitiesError.create(at, `"${flag}" must be a boolean`);
  }
  if (raw.infix !== undefined && typeof raw.infix !== 'string')
    throw CapabilitiesError.create(at, '"infix" must be a string');
  if (raw.decl.args !== undefined && !Array.isArray(raw.decl.args))
    throw CapabilitiesError.create(at, '"decl.args" must be an array');
  const entry = raw as unknown as CapabilityBuiltin;
  try {
    // Decoding every type once rejects malformed declarations here rather than at check time.
    signatureFromCapability(entry);
  } catch (error) {
    throw CapabilitiesError.create(at, (error as Error).message);
  }
  return entry;
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
