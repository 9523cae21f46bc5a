import { BuiltinError } from '../builtin-error';
import { parsePath } from './json-paths';
import { isJsonObject } from './operands';
import { deepEqual } from './values';

class PatchFailure extends Error {}

const clone = (value: unknown): unknown =>
  value === undefined ? undefined : structuredClone(value);

function arrayIndex(segment: unknown, length: number, allowEnd: boolean): number {
  if (allowEnd && segment === '-') return length;
  const text = typeof segment === 'number' ? String(segment) : segment;
  if (typeof text !== 'string' || !/^(0|[1-9][0-9]*)$/.test(text))
    throw new PatchFailure('bad index');
  const index = Number(text);
  if (index > length || (!allowEnd && index === length))
    throw new PatchFailure('index out of range');
  return index;
}

/** The container holding the last segment of `path`, for reading or editing it. */
function parentOf(document: unknown, path: unknown[]): unknown {
  let node = document;
  for (const segment of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(segment, node.length, false)];
    else if (isJsonObject(node) && typeof segment === 'string' && segment in node)
      node = node[segment];
    else throw new PatchFailure('path not found');
  }
  return node;
}

function read(document: unknown, path: unknown[]): unknown {
  if (path.length === 0) return document;
  const parent = parentOf(document, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) return parent[arrayIndex(last, parent.length, false)];
  if (isJsonObject(parent) && typeof last === 'string' && last in parent) return parent[last];
  throw new PatchFailure('path not found');
}

function add(document: unknown, path: unknown[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = parentOf(document, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else if (isJsonObject(parent) && typeof last === 'string') parent[last] = value;
  else throw new PatchFailure('cannot add here');
  return document;
}

function remove(document: unknown, path: unknown[]): unknown {
  if (path.length === 0) throw new PatchFailure('cannot remove the whole document');
  const parent = parentOf(document, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, false), 1);
  else if (isJsonObject(parent) && typeof last === 'string' && last in parent) delete parent[last];
  else throw new PatchFailure('path not found');
  return document;
}

/**
 * Applies RFC 6902 operations (add, remove, replace, move, copy, test) to a copy of
 * `target`. Returns undefined when any operation is malformed or fails, as OPA does.
 */
export function applyPatch(target: unknown, operations: unknown[]): unknown {
  let document = clone(target);
  try {
    for (const operation of operations) {
      if (!isJsonObject(operation) || typeof operation.op !== 'string' || !('path' in operation)) {
        throw new PatchFailure('malformed operation');
      }
      const path = parsePath('json.patch', operation.path);
      const needs = (key: string) => {
        if (!(key in operation)) throw new PatchFailure(`missing '${key}' attribute`);
        return operation[key];
      };
      switch (operation.op) {
        case 'add':
          document = add(document, path, clone(needs('value')));
          break;
        case 'remove':
          document = remove(document, path);
          break;
        case 'replace':
          document = add(remove(document, path), path, clone(needs('value')));
          break;
        case 'move': {
          const from = parsePath('json.patch', needs('from'));
          const moved = read(document, from);
          document = add(remove(document, from), path, moved);
          break;
        }
        case 'copy': {
          const copied = clone(read(document, parsePath('json.patch', needs('from'))));
          document = add(document, path, copied);
          break;
        }
        case 'test':
          if (!deepEqual(read(document, path), needs('value')))
            throw new PatchFailure('test failed');
          break;
        default:
          throw new PatchFailure(`unrecognized op '${operation.op}'`);
      }
    }
  } catch (error) {
    if (error instanceof PatchFailure || error instanceof BuiltinError) return undefined;
    throw error;
  }
  return document;
}
