import type { TypeSpec } from './type-spec';

/** A type as capabilities.json writes it (OPA's `types` JSON encoding). */
export interface CapabilityType {
  type: 'any' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'set' | 'object';
  /** `any`: the union members; `set`: the element type. */
  of?: CapabilityType | CapabilityType[];
  /** `array`: the type of every (further) element; `object`: the key/value of other entries. */
  dynamic?: CapabilityType | { key: CapabilityType; value: CapabilityType };
  /** `array`: the fixed elements; `object`: the known fields. */
  static?: CapabilityType[] | Array<{ key: unknown; value: CapabilityType }>;
  name?: string;
  description?: string;
}

/** A built-in's declaration in capabilities.json. */
export interface CapabilityDecl {
  type: 'function';
  args?: CapabilityType[];
  result?: CapabilityType;
  variadic?: CapabilityType;
}

/** Converts our type language to capabilities.json's encoding. */
export function toCapabilityType(spec: TypeSpec): CapabilityType {
  switch (spec.kind) {
    case 'any':
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return { type: spec.kind };
    case 'array':
      return { type: 'array', dynamic: toCapabilityType(spec.of) };
    case 'tuple':
      return { type: 'array', static: spec.items.map(toCapabilityType) };
    case 'set':
      return { type: 'set', of: toCapabilityType(spec.of) };
    case 'object': {
      const encoded: CapabilityType = {
        type: 'object',
        dynamic: { key: toCapabilityType(spec.key), value: toCapabilityType(spec.value) },
      };
      if (spec.fields) {
        encoded.static = Object.entries(spec.fields).map(([key, value]) => ({
          key,
          value: toCapabilityType(value),
        }));
      }
      return encoded;
    }
    case 'anyOf':
      return { type: 'any', of: spec.of.map(toCapabilityType) };
  }
}

/**
 * Reads capabilities.json's type encoding. Throws a plain `Error` naming `path` for a
 * malformed type; `parseCapabilities` adds the built-in's name.
 */
export function fromCapabilityType(json: unknown, path: string): TypeSpec {
  if (!isRecord(json) || typeof json.type !== 'string') {
    throw new Error(`${path}: expected an object with a string "type"`);
  }
  switch (json.type) {
    case 'any':
      if (json.of === undefined) return { kind: 'any' };
      return {
        kind: 'anyOf',
        of: listOf(json.of, `${path}.of`).map((m, i) => fromCapabilityType(m, `${path}.of[${i}]`)),
      };
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return { kind: json.type };
    case 'array':
      return arrayType(json, path);
    case 'set':
      return {
        kind: 'set',
        of: json.of === undefined ? { kind: 'any' } : fromCapabilityType(json.of, `${path}.of`),
      };
    case 'object':
      return objectType(json, path);
    default:
      throw new Error(`${path}: unknown type ${JSON.stringify(json.type)}`);
  }
}

function arrayType(json: Record<string, unknown>, path: string): TypeSpec {
  const dynamic =
    json.dynamic === undefined ? undefined : fromCapabilityType(json.dynamic, `${path}.dynamic`);
  if (json.static === undefined) return { kind: 'array', of: dynamic ?? { kind: 'any' } };
  const items = listOf(json.static, `${path}.static`).map((m, i) =>
    fromCapabilityType(m, `${path}.static[${i}]`),
  );
  // A static prefix followed by dynamic elements has no exact equivalent; widen to an array.
  if (dynamic) return { kind: 'array', of: { kind: 'anyOf', of: [...items, dynamic] } };
  return { kind: 'tuple', items };
}

function objectType(json: Record<string, unknown>, path: string): TypeSpec {
  let key: TypeSpec = { kind: 'any' };
  let value: TypeSpec = { kind: 'any' };
  if (json.dynamic !== undefined) {
    if (!isRecord(json.dynamic)) throw new Error(`${path}.dynamic: expected {key, value}`);
    key = fromCapabilityType(json.dynamic.key, `${path}.dynamic.key`);
    value = fromCapabilityType(json.dynamic.value, `${path}.dynamic.value`);
  }
  if (json.static === undefined) return { kind: 'object', key, value };
  const fields: Record<string, TypeSpec> = {};
  listOf(json.static, `${path}.static`).forEach((field, index) => {
    const fieldPath = `${path}.static[${index}]`;
    if (!isRecord(field) || typeof field.key !== 'string')
      throw new Error(`${fieldPath}: expected {key: string, value}`);
    fields[field.key] = fromCapabilityType(field.value, `${fieldPath}.value`);
  });
  return { kind: 'object', key, value, fields };
}

function listOf(json: unknown, path: string): unknown[] {
  if (!Array.isArray(json)) throw new Error(`${path}: expected an array`);
  return json;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
