import { compileRegex } from '../regex/compiled-regex';
import { isJsonObject } from '../operands';

const TYPE_NAMES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
const NON_NEGATIVE_INTEGERS = [
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs'];
const SINGLE_SCHEMAS = [
  'not',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
];

/** A schema gojsonschema would refuse to compile; the message follows its wording. */
export class SchemaError extends Error {}

/**
 * Checks a JSON Schema (draft 4 to 7) the way gojsonschema does when compiling it:
 * keyword value types, valid type names, compilable patterns and resolvable local
 * `$ref`s. Throws SchemaError.
 */
export function checkSchema(schema: unknown, root: unknown = schema): void {
  if (typeof schema === 'boolean') return;
  if (!isJsonObject(schema)) throw new SchemaError('schema must be of an object');
  if ('type' in schema) checkType(schema.type);
  for (const key of NON_NEGATIVE_INTEGERS) {
    if (!(key in schema)) continue;
    const value = schema[key];
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new SchemaError(`${key} must be of an integer`);
    if (value < 0) throw new SchemaError(`${key} must be greater than or equal to 0`);
  }
  for (const key of ['minimum', 'maximum', 'multipleOf']) {
    if (key in schema && typeof schema[key] !== 'number')
      throw new SchemaError(`${key} must be of a number`);
  }
  if (typeof schema.multipleOf === 'number' && schema.multipleOf <= 0) {
    throw new SchemaError('multipleOf must be strictly greater than 0');
  }
  if ('required' in schema) {
    const required = schema.required;
    if (!Array.isArray(required) || !required.every((item) => typeof item === 'string')) {
      throw new SchemaError('required must be of an array of strings');
    }
    if (new Set(required).size !== required.length)
      throw new SchemaError('required items must be unique');
  }
  if ('enum' in schema && !Array.isArray(schema.enum))
    throw new SchemaError('enum must be of an array');
  if ('pattern' in schema) checkPattern(schema.pattern);
  for (const key of SCHEMA_LISTS) {
    if (!(key in schema)) continue;
    const list = schema[key];
    if (!Array.isArray(list) || list.length === 0)
      throw new SchemaError(`${key} must be of an array of schemas`);
    list.forEach((item) => checkSchema(item, root));
  }
  for (const key of SCHEMA_MAPS) {
    if (!(key in schema)) continue;
    const map = schema[key];
    if (!isJsonObject(map)) throw new SchemaError(`${key} must be of an object`);
    for (const [name, item] of Object.entries(map)) {
      if (key === 'patternProperties') checkPattern(name);
      checkSchema(item, root);
    }
  }
  for (const key of SINGLE_SCHEMAS) if (key in schema) checkSchema(schema[key], root);
  if ('items' in schema) {
    const items = schema.items;
    if (Array.isArray(items)) items.forEach((item) => checkSchema(item, root));
    else checkSchema(items, root);
  }
  if ('$ref' in schema) {
    if (typeof schema.$ref !== 'string') throw new SchemaError('$ref must be of a string');
    resolveReference(root, schema.$ref);
  }
}

function checkType(type: unknown): void {
  const names = Array.isArray(type) ? type : [type];
  for (const name of names) {
    if (typeof name !== 'string' || !TYPE_NAMES.includes(name)) {
      throw new SchemaError(
        `has a primitive type that is NOT VALID -- given: ${String(name)} Expected valid values are:[${TYPE_NAMES.join(' ')}]`,
      );
    }
  }
  if (new Set(names).size !== names.length)
    throw new SchemaError(`${names.find((n, i) => names.indexOf(n) !== i)} type is duplicated`);
}

function checkPattern(pattern: unknown): void {
  if (typeof pattern !== 'string') throw new SchemaError('pattern must be of a string');
  try {
    compileRegex(pattern);
  } catch {
    throw new SchemaError(`Invalid regex pattern '${pattern}'`);
  }
}

/** Resolves a local reference (`#`, `#/definitions/x`); remote references are not fetched. */
export function resolveReference(root: unknown, reference: string): unknown {
  if (!reference.startsWith('#')) {
    throw new SchemaError(
      `Reference ${reference} cannot be resolved: only local references are supported`,
    );
  }
  const pointer = decodeURIComponent(reference.slice(1));
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) throw new SchemaError(`Reference ${reference} must be canonical`);
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isJsonObject(node) && segment in node) node = node[segment];
    else throw new SchemaError(`Reference ${reference} cannot be resolved`);
  }
  return node;
}
