import { BuiltinError } from '../builtin-error';

/**
 * A tree of JSON paths as OPA builds it for json.filter / json.remove: each node maps
 * a path segment (keyed by its JSON text) to a subtree, or to `null` for "the whole
 * value here". Array indexes are matched as the strings "0", "1", ….
 */
export type PathTree = Map<string, PathTree | null>;

/** One path: "/a/b/~1c" (JSON-pointer escapes) or an array of segments. */
export function parsePath(builtin: string, path: unknown): unknown[] {
  if (typeof path === 'string') {
    if (path === '') return [];
    return path
      .replace(/^\/+/, '')
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (Array.isArray(path)) return path;
  throw new BuiltinError(
    builtin,
    'operand 2 must be one of {set, array} containing string paths or array of path segments',
  );
}

/** Builds the path tree; a shorter path wins over longer ones below it. */
export function pathTree(builtin: string, paths: unknown): PathTree {
  if (!Array.isArray(paths)) throw BuiltinError.operandType(builtin, 2, 'set or array', paths);
  const root: PathTree = new Map();
  for (const path of paths.map((item) => parsePath(builtin, item))) {
    if (path.length === 0) continue;
    let node = root;
    let covered = false;
    for (const segment of path.slice(0, -1)) {
      const key = JSON.stringify(segment);
      const child = node.get(key);
      if (child === null) {
        covered = true;
        break;
      }
      if (child === undefined) {
        const created: PathTree = new Map();
        node.set(key, created);
        node = created;
      } else {
        node = child;
      }
    }
    if (!covered) node.set(JSON.stringify(path[path.length - 1]), null);
  }
  return root;
}

/** The subtree for an object key or array index. */
export function childOf(tree: PathTree, key: string | number): PathTree | null | undefined {
  return tree.get(JSON.stringify(typeof key === 'number' ? String(key) : key));
}
