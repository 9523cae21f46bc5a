import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { isJsonObject, objectOperand } from './operands';
import { compareValues, toSetArray } from './values';

/**
 * The neighbours of a node. Graph keys arrive as strings (non-string keys stringified),
 * so a node is looked up by itself when it is a string and by its JSON text otherwise.
 */
function edgesOf(graph: Record<string, unknown>, node: unknown): unknown[] | undefined {
  const key = typeof node === 'string' ? node : JSON.stringify(node);
  if (!Object.prototype.hasOwnProperty.call(graph, key)) return undefined;
  const edges = graph[key];
  return Array.isArray(edges) ? edges : [];
}

function initialNodes(builtin: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw BuiltinError.operandType(builtin, 2, '{set, array}', value);
  return value;
}

/** OPA's graph.reachable: every node reachable from the initial ones that appears in the graph. */
export function reachable(graph: Record<string, unknown>, initial: unknown[]): unknown[] {
  const reached: unknown[] = [];
  const seen = (node: unknown) => reached.some((other) => compareValues(other, node) === 0);
  const queue = [...initial];
  while (queue.length > 0) {
    const node = queue.shift();
    if (seen(node)) continue;
    const edges = edgesOf(graph, node);
    // A node missing from the graph is not reached, as in OPA.
    if (edges === undefined) continue;
    reached.push(node);
    for (const neighbour of edges) if (!seen(neighbour)) queue.push(neighbour);
  }
  return toSetArray(reached);
}

/** OPA's graph.reachable_paths: every maximal path from each initial node, stopping at leaves or cycles. */
export function reachablePaths(graph: Record<string, unknown>, initial: unknown[]): unknown[] {
  const paths: unknown[][] = [];
  const extend = (path: unknown[]) => {
    const edges = edgesOf(graph, path[path.length - 1]);
    if (!edges || edges.length === 0) {
      paths.push(path);
      return;
    }
    for (const neighbour of edges) {
      if (path.some((node) => compareValues(node, neighbour) === 0)) paths.push(path);
      else extend([...path, neighbour]);
    }
  };
  for (const node of initial) extend([node]);
  return toSetArray(paths);
}

/**
 * walk as a host function: OPA's walk is a relation (one [path, value] per solution);
 * here it returns the array of all pairs, pre-order, for the caller to iterate.
 */
export function walkPairs(value: unknown): Array<[unknown[], unknown]> {
  const pairs: Array<[unknown[], unknown]> = [];
  const visit = (path: unknown[], node: unknown) => {
    pairs.push([path, node]);
    if (Array.isArray(node)) node.forEach((item, index) => visit([...path, index], item));
    else if (isJsonObject(node)) {
      for (const key of Object.keys(node).sort((a, b) => compareValues(a, b)))
        visit([...path, key], node[key]);
    }
  };
  visit([], value);
  return pairs;
}

/** Registers graph.reachable, graph.reachable_paths and walk. */
export function register(into: HostRegistry): void {
  define(into, 'graph.reachable', 2, (graph: unknown, initial: unknown) =>
    reachable(objectOperand('graph.reachable', 1, graph), initialNodes('graph.reachable', initial)),
  );
  define(into, 'graph.reachable_paths', 2, (graph: unknown, initial: unknown) =>
    reachablePaths(
      objectOperand('graph.reachable_paths', 1, graph),
      initialNodes('graph.reachable_paths', initial),
    ),
  );
  define(into, 'walk', 1, walkPairs);
}
