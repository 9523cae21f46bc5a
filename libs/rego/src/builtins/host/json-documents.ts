import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { applyPatch } from './json-patch';
import { childOf, pathTree, type PathTree } from './json-paths';
import { isJsonObject, objectOperand } from './operands';
import { deepEqual } from './values';

/** Keeps only what the tree names (json.filter / ast Object.Filter). */
function filterValue(value: unknown, tree: PathTree | null): unknown {
  if (tree === null) return value;
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((item, index) => {
      const child = childOf(tree, index);
      if (child !== undefined) kept.push(filterValue(item, child));
    });
    return kept;
  }
  if (isJsonObject(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const child = childOf(tree, key);
      if (child !== undefined) kept[key] = filterValue(item, child);
    }
    return kept;
  }
  return value;
}

/** Drops what the tree names (json.remove); removed array elements close up, as in JSON Patch. */
function removeValue(value: unknown, tree: PathTree | null | undefined): unknown {
  if (tree === undefined) return value;
  if (tree === null) return undefined;
  if (Array.isArray(value)) {
    return value
      .map((item, index) => removeValue(item, childOf(tree, index)))
      .filter((item) => item !== undefined);
  }
  if (isJsonObject(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = removeValue(item, childOf(tree, key));
      if (result !== undefined) kept[key] = result;
    }
    return kept;
  }
  return value;
}

/**
 * object.subset: objects recurse key by key, arrays must appear contiguously. Sets
 * arrive as arrays, so two sets are compared as arrays here (a host-side limitation).
 */
export function isSubset(whole: unknown, part: unknown): boolean {
  if (isJsonObject(whole) && isJsonObject(part)) {
    return Object.entries(part).every(
      ([key, value]) => key in whole && isNestedSubset(whole[key], value),
    );
  }
  if (Array.isArray(whole) && Array.isArray(part)) {
    if (part.length === 0) return true;
    for (let start = 0; start + part.length <= whole.length; start++) {
      if (part.every((item, offset) => deepEqual(whole[start + offset], item))) return true;
    }
    return false;
  }
  return false;
}

function isNestedSubset(whole: unknown, part: unknown): boolean {
  if (isJsonObject(whole) && isJsonObject(part)) return isSubset(whole, part);
  return deepEqual(whole, part);
}

/** Registers json.filter, json.remove, json.patch and object.subset. */
export function register(into: HostRegistry): void {
  define(into, 'json.filter', 2, (object: unknown, paths: unknown) =>
    filterValue(objectOperand('json.filter', 1, object), pathTree('json.filter', paths)),
  );

  define(into, 'json.remove', 2, (object: unknown, paths: unknown) =>
    removeValue(objectOperand('json.remove', 1, object), pathTree('json.remove', paths)),
  );

  define(into, 'json.patch', 2, (target: unknown, operations: unknown) => {
    if (!Array.isArray(operations))
      throw BuiltinError.operandType('json.patch', 2, 'array', operations);
    // OPA makes a patch that cannot be applied undefined, not an error.
    return applyPatch(target, operations);
  });

  define(into, 'object.subset', 2, (whole: unknown, part: unknown) => {
    const isCollection = (value: unknown) => Array.isArray(value) || isJsonObject(value);
    if (!isCollection(whole))
      throw BuiltinError.operandType('object.subset', 1, 'object, set or array', whole);
    if (!isCollection(part))
      throw BuiltinError.operandType('object.subset', 2, 'object, set or array', part);
    if (Array.isArray(whole) !== Array.isArray(part)) {
      throw new BuiltinError(
        'object.subset',
        'both arguments must be objects, sets or arrays of the same kind',
      );
    }
    return isSubset(whole, part);
  });
}
