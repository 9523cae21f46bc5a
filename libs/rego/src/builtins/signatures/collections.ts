import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const collection = T.anyOf(T.array(), T.set());
const numbers = T.anyOf(T.array(T.number), T.set(T.number));
const anyObject = T.object();
const keysOf = T.anyOf(T.array(), anyObject, T.set());
const jsonPaths = T.anyOf(
  T.array(T.anyOf(T.string, T.array())),
  T.set(T.anyOf(T.string, T.array())),
);
const patchOperation = T.object(T.any, T.any, { op: T.string, path: T.any });
const adjacency = T.object(T.any, collection);

/** Aggregates, arrays, sets, objects, JSON documents and graphs. */
export const COLLECTION_SIGNATURES: BuiltinSignature[] = [
  signature('count', [T.anyOf(T.string, T.array(), anyObject, T.set())], T.number),
  signature('sum', [numbers], T.number),
  signature('product', [numbers], T.number),
  signature('max', [collection], T.any),
  signature('min', [collection], T.any),
  signature('sort', [collection], T.array()),
  signature('all', [collection], T.boolean, { deprecated: true }),
  signature('any', [collection], T.boolean, { deprecated: true }),

  signature('array.concat', [T.array(), T.array()], T.array()),
  signature('array.slice', [T.array(), T.number, T.number], T.array()),
  signature('array.reverse', [T.array()], T.array()),
  signature('array.flatten', [T.array()], T.array()),

  signature('intersection', [T.set(T.set())], T.set()),
  signature('union', [T.set(T.set())], T.set()),
  signature('set_diff', [T.set(), T.set()], T.set(), { deprecated: true }),

  signature('object.get', [anyObject, T.any, T.any], T.any),
  signature('object.keys', [anyObject], T.set()),
  signature('object.remove', [anyObject, keysOf], anyObject),
  signature('object.filter', [anyObject, keysOf], anyObject),
  signature('object.union', [anyObject, anyObject], anyObject),
  signature('object.union_n', [T.array(anyObject)], anyObject),
  signature('object.subset', [keysOf, keysOf], T.boolean),

  signature('json.filter', [anyObject, jsonPaths], anyObject),
  signature('json.remove', [anyObject, jsonPaths], anyObject),
  signature('json.patch', [T.any, T.array(patchOperation)], T.any),

  signature('graph.reachable', [adjacency, collection], T.set()),
  signature('graph.reachable_paths', [adjacency, collection], T.set(T.array())),
  signature('walk', [T.any], T.tuple(T.array(), T.any), { relation: true }),
];
