import type { Term } from '../ast/nodes';

/**
 * What a `with` changes at compile time. Replacing a function or built-in (`with f as g`,
 * `with count as 1`) or a data path that holds rules (`with data.p.q as 1`) changes what
 * the affected calls and references mean, so every function that reaches them is planned
 * again under these overrides (a different `Func`, named with the override's id).
 * Plain input and base data replacements need no replanning: the backend swaps the input
 * or data local for the duration of the `WithStmt`.
 */
export interface Overrides {
  /** 0 for "no overrides"; part of the names of replanned functions. */
  id: number;
  /** Canonical description, used to share one replanning between equal `with`s. */
  key: string;
  /** Paths below `data` whose rules are replaced by what the `with` wrote into the data local. */
  replacedDataPaths: string[][];
  /** Replaced functions by name: a built-in (`count`, `time.now_ns`) or a user function (`data.pkg.f`). */
  functionMocks: Map<string, FunctionMock>;
}

/** What a replaced function becomes: another function (user or built-in), or a constant value. */
export type FunctionMock =
  { kind: 'function'; operator: string[] } | { kind: 'value'; value: Term };

export const NO_OVERRIDES: Overrides = {
  id: 0,
  key: '',
  replacedDataPaths: [],
  functionMocks: new Map(),
};

/** The key of overrides built from these parts (order-insensitive). */
export function overridesKey(
  replacedDataPaths: string[][],
  functionMocks: Map<string, FunctionMock>,
): string {
  const paths = replacedDataPaths.map((path) => JSON.stringify(path)).sort();
  const mocks = [...functionMocks].map(([name, mock]) => `${name}=>${mockKey(mock)}`).sort();
  return JSON.stringify([paths, mocks]);
}

function mockKey(mock: FunctionMock): string {
  return mock.kind === 'function' ? `fn:${mock.operator.join('.')}` : `val:${termKey(mock.value)}`;
}

/** A term as text without locations, to compare terms structurally. */
export function termKey(term: Term): string {
  return JSON.stringify(term, (key, value: unknown) => (key === 'location' ? undefined : value));
}

/** Whether one path is a prefix of the other (then a replacement at one affects the other). */
export function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Whether `path` is at or below one of the replaced data paths. */
export function isReplacedPath(overrides: Overrides, path: readonly string[]): boolean {
  return overrides.replacedDataPaths.some(
    (replaced) => replaced.length <= path.length && pathsOverlap(replaced, path),
  );
}
