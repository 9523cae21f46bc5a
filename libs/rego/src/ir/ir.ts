/**
 * The intermediate representation between the planner and the Wasm backend.
 *
 * Modelled on OPA's planner IR: a policy is a set of functions and plans, each a list of
 * blocks of imperative statements over numbered locals. Evaluation of a block runs its
 * statements in order; a statement that "fails" (a lookup that is undefined, an equality
 * that does not hold, a call whose result is undefined) leaves the innermost enclosing
 * block, which is how Rego's conjunctions and backtracking become structured control
 * flow: iteration is a `ScanStmt` whose block runs once per element, and a failed
 * literal inside it simply moves on to the next element.
 *
 * Every statement carries the source location of the Rego construct it came from.
 */
import type { Location } from '../syntax/location';

/** A local variable slot of the enclosing function or plan. Locals 0 and 1 are `input` and `data`. */
export type Local = number;

export const INPUT_LOCAL: Local = 0;
export const DATA_LOCAL: Local = 1;

/** An operand: a local, a boolean constant, or a string constant from the policy's string table. */
export type Operand =
  | { kind: 'local'; local: Local }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; index: number };

export interface Policy {
  static: StaticData;
  /** Entry points: one per compiled entrypoint or query. */
  plans: Plan[];
  funcs: Func[];
}

export interface StaticData {
  /** String constants, referenced by index from operands and statements. */
  strings: string[];
  /** Number literals that are not small integers, as JSON number text. */
  numbers: string[];
  /**
   * Built-in functions the policy calls, with arity. The backend decides which run inside
   * the module and which go to the host via `opa_builtinN`.
   */
  builtins: Array<{ name: string; arity: number }>;
  /** Source file names, for locations in runtime errors. */
  files: string[];
}

/**
 * An entry point. `name` is the slash-separated path (`coresdk/authz/allow`) or, for a
 * compiled query, the name the caller gave it. A plan adds its solutions to the result
 * set with `ResultSetAddStmt`; for a rule entrypoint each solution is `{"result": v}`,
 * for a query it is an object of the query's variable bindings.
 */
export interface Plan {
  name: string;
  blocks: Block[];
  location?: Location;
}

/**
 * A function: a rule (no parameters besides input and data), a user function, or an
 * internal helper. `params` always starts with the input and data locals (0 and 1).
 * The function's value is in `returnLocal` when it ends; an unset return local means
 * "undefined".
 */
export interface Func {
  name: string;
  /** The Rego path this function computes (`["data","pkg","rule"]`), when it is a rule. */
  path: string[];
  params: Local[];
  returnLocal: Local;
  blocks: Block[];
  location?: Location;
}

export interface Block {
  stmts: Stmt[];
}

// ---------------------------------------------------------------------------
// Statements. Each has `type` (its name, ending in `Stmt`) and `location`.

interface StmtBase {
  location: Location;
}

/** Copies the operand into `target`. */
export interface AssignVarStmt extends StmtBase {
  type: 'AssignVarStmt';
  source: Operand;
  target: Local;
}

/** Assigns `target` once: if already set to a different value, raises a conflict error. */
export interface AssignVarOnceStmt extends StmtBase {
  type: 'AssignVarOnceStmt';
  source: Operand;
  target: Local;
}

/** Makes `target` unset (undefined) again. */
export interface ResetLocalStmt extends StmtBase {
  type: 'ResetLocalStmt';
  target: Local;
}

export interface MakeNullStmt extends StmtBase {
  type: 'MakeNullStmt';
  target: Local;
}

/** A number known to fit a 32-bit signed integer. */
export interface MakeNumberIntStmt extends StmtBase {
  type: 'MakeNumberIntStmt';
  value: number;
  target: Local;
}

/** A number from `static.numbers[index]` (JSON number text). */
export interface MakeNumberRefStmt extends StmtBase {
  type: 'MakeNumberRefStmt';
  index: number;
  target: Local;
}

export interface MakeArrayStmt extends StmtBase {
  type: 'MakeArrayStmt';
  capacity: number;
  target: Local;
}

export interface MakeObjectStmt extends StmtBase {
  type: 'MakeObjectStmt';
  target: Local;
}

export interface MakeSetStmt extends StmtBase {
  type: 'MakeSetStmt';
  target: Local;
}

export interface ArrayAppendStmt extends StmtBase {
  type: 'ArrayAppendStmt';
  value: Operand;
  array: Local;
}

/** Inserts or replaces `key` in `object`. */
export interface ObjectInsertStmt extends StmtBase {
  type: 'ObjectInsertStmt';
  key: Operand;
  value: Operand;
  object: Local;
}

/** Inserts `key`; if the key exists with a different value, raises a conflict error. */
export interface ObjectInsertOnceStmt extends StmtBase {
  type: 'ObjectInsertOnceStmt';
  key: Operand;
  value: Operand;
  object: Local;
}

/** Deep-merges object `b` into a copy of object `a` (used for base + virtual documents). */
export interface ObjectMergeStmt extends StmtBase {
  type: 'ObjectMergeStmt';
  a: Local;
  b: Local;
  target: Local;
}

export interface SetAddStmt extends StmtBase {
  type: 'SetAddStmt';
  value: Operand;
  set: Local;
}

/** `target = source[key]`; fails (breaks) when `source` is not a collection or has no such key. */
export interface DotStmt extends StmtBase {
  type: 'DotStmt';
  source: Operand;
  key: Operand;
  target: Local;
}

/** `target = count(source)` for arrays, objects, sets and strings (code points). */
export interface LenStmt extends StmtBase {
  type: 'LenStmt';
  source: Operand;
  target: Local;
}

/**
 * Runs `block` once per element of `source` (array index/element, object key/value, set
 * element/element), with `key` and `value` bound. Does nothing (no failure) when `source`
 * is empty; fails when `source` is not a collection.
 */
export interface ScanStmt extends StmtBase {
  type: 'ScanStmt';
  source: Local;
  key: Local;
  value: Local;
  block: Block;
}

/** Succeeds when `block` fails (negation); fails when `block` runs to its end. */
export interface NotStmt extends StmtBase {
  type: 'NotStmt';
  block: Block;
}

/** Runs each block in order; a break out of one block continues with the next. */
export interface BlockStmt extends StmtBase {
  type: 'BlockStmt';
  blocks: Block[];
}

/**
 * Leaves `index + 1` enclosing blocks: 0 leaves the innermost block. Blocks are those of
 * functions/plans, `BlockStmt`, `ScanStmt`, `NotStmt` and `WithStmt`.
 */
export interface BreakStmt extends StmtBase {
  type: 'BreakStmt';
  index: number;
}

/**
 * Calls a built-in (`func` is its Rego name, e.g. `"plus"`) or an IR function (`func` is
 * the `Func.name`). For IR functions the first two arguments are the input and data
 * locals. An undefined result fails the statement.
 */
export interface CallStmt extends StmtBase {
  type: 'CallStmt';
  func: string;
  args: Operand[];
  result: Local;
}

export interface EqualStmt extends StmtBase {
  type: 'EqualStmt';
  a: Operand;
  b: Operand;
}

export interface NotEqualStmt extends StmtBase {
  type: 'NotEqualStmt';
  a: Operand;
  b: Operand;
}

export interface IsArrayStmt extends StmtBase {
  type: 'IsArrayStmt';
  source: Operand;
}

export interface IsObjectStmt extends StmtBase {
  type: 'IsObjectStmt';
  source: Operand;
}

export interface IsSetStmt extends StmtBase {
  type: 'IsSetStmt';
  source: Operand;
}

/** Fails when `source` is unset. */
export interface IsDefinedStmt extends StmtBase {
  type: 'IsDefinedStmt';
  source: Local;
}

/** Fails when `source` is set. */
export interface IsUndefinedStmt extends StmtBase {
  type: 'IsUndefinedStmt';
  source: Local;
}

/**
 * Runs `block` with `local` (the input or data local, or a copy of it) replaced by a copy
 * where `path` (string-table indices) is set to `value`; restores it afterwards.
 */
export interface WithStmt extends StmtBase {
  type: 'WithStmt';
  local: Local;
  path: number[];
  value: Operand;
  block: Block;
}

/** Adds `value` (an object of bindings, or `{"result": v}`) to the plan's result set. */
export interface ResultSetAddStmt extends StmtBase {
  type: 'ResultSetAddStmt';
  value: Local;
}

/** Ends the function, returning `returnLocal` as it is. */
export interface ReturnLocalStmt extends StmtBase {
  type: 'ReturnLocalStmt';
  source: Local;
}

export type Stmt =
  | AssignVarStmt
  | AssignVarOnceStmt
  | ResetLocalStmt
  | MakeNullStmt
  | MakeNumberIntStmt
  | MakeNumberRefStmt
  | MakeArrayStmt
  | MakeObjectStmt
  | MakeSetStmt
  | ArrayAppendStmt
  | ObjectInsertStmt
  | ObjectInsertOnceStmt
  | ObjectMergeStmt
  | SetAddStmt
  | DotStmt
  | LenStmt
  | ScanStmt
  | NotStmt
  | BlockStmt
  | BreakStmt
  | CallStmt
  | EqualStmt
  | NotEqualStmt
  | IsArrayStmt
  | IsObjectStmt
  | IsSetStmt
  | IsDefinedStmt
  | IsUndefinedStmt
  | WithStmt
  | ResultSetAddStmt
  | ReturnLocalStmt;
