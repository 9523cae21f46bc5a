/**
 * A reference interpreter for the planner's IR, evaluating a `Policy` over JSON input and
 * data in TypeScript. It checks plans semantically long before the Wasm backend exists,
 * and can cross-check the backend later. It follows the statement semantics documented
 * in `ir/ir.ts`; rule functions (path set, params exactly input and data) are memoised
 * per evaluation, with a fresh memo inside each `WithStmt`.
 */
import type { Block, Func, Operand, Policy, Stmt } from '../../src/ir/ir';
import { callBuiltin } from './interpreter-builtins';
import {
  compareValues,
  copyValue,
  fromJson,
  RegoObject,
  RegoSet,
  toJson,
  valuesEqual,
  type Value,
} from './interpreter-values';

/** A runtime error of the evaluated policy (conflicts), with OPA's code. */
export class EvaluationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How a block ended: normally, or leaving `count` blocks (1 = just this one: failure). */
type Outcome = { leave: number } | { returned: true } | null;

type Frame = Map<number, Value>;

export interface EvaluateOptions {
  input?: unknown;
  /** `input` given as an already built value (e.g. with sets, from `input_term`). */
  inputValue?: Value;
  data?: unknown;
  /** Upper bound on executed statements, so a planner bug cannot hang a test. */
  maxSteps?: number;
}

export class IrInterpreter {
  private readonly funcs = new Map<string, Func>();
  private memo: Array<Map<string, Value | undefined>> = [];
  private steps = 0;
  private maxSteps = 5_000_000;

  constructor(private readonly policy: Policy) {
    for (const func of policy.funcs) this.funcs.set(func.name, func);
  }

  /** Runs plan `name`; returns its result set as JSON values (sets as sorted arrays). */
  evaluate(name: string, options: EvaluateOptions = {}): unknown[] {
    return this.evaluateValues(name, options).map(toJson);
  }

  evaluateValues(name: string, options: EvaluateOptions = {}): Value[] {
    const plan = this.policy.plans.find((candidate) => candidate.name === name);
    if (!plan) throw new Error(`no plan named ${name}`);
    this.memo = [new Map()];
    this.steps = 0;
    this.maxSteps = options.maxSteps ?? this.maxSteps;
    const frame: Frame = new Map();
    const input =
      options.inputValue ?? (options.input === undefined ? undefined : fromJson(options.input));
    if (input !== undefined) frame.set(0, input);
    frame.set(1, options.data === undefined ? new RegoObject() : fromJson(options.data));
    const results = new RegoSet();
    for (const block of plan.blocks) {
      const outcome = this.runBlock(block, frame, results);
      if (outcome && 'returned' in outcome) break;
    }
    return results.values();
  }

  private callFunc(func: Func, args: Array<Value | undefined>): Value | undefined {
    const memoised = func.path.length > 0 && func.params.length === 2;
    const scope = this.memo[this.memo.length - 1];
    if (memoised && scope.has(func.name)) return scope.get(func.name);
    const frame: Frame = new Map();
    func.params.forEach((param, index) => {
      if (args[index] !== undefined) frame.set(param, args[index]);
    });
    for (const block of func.blocks) {
      const outcome = this.runBlock(block, frame, null);
      if (outcome && 'returned' in outcome) break;
    }
    const result = frame.get(func.returnLocal);
    if (memoised) scope.set(func.name, result);
    return result;
  }

  private runBlock(block: Block, frame: Frame, results: RegoSet | null): Outcome {
    for (const stmt of block.stmts) {
      if (++this.steps > this.maxSteps) throw new Error('step limit exceeded');
      const outcome = this.runStmt(stmt, frame, results);
      if (outcome === null) continue;
      if ('returned' in outcome) return outcome;
      return { leave: outcome.leave - 1 };
    }
    return null;
  }

  /** Runs an owned block; returns the outcome for the owning statement to pass on, or 'left' / 'completed'. */
  private runNested(
    block: Block,
    frame: Frame,
    results: RegoSet | null,
  ): Outcome | 'left' | 'completed' {
    const outcome = this.runBlock(block, frame, results);
    if (outcome === null) return 'completed';
    if ('returned' in outcome) return outcome;
    return outcome.leave === 0 ? 'left' : outcome;
  }

  private runStmt(stmt: Stmt, frame: Frame, results: RegoSet | null): Outcome {
    const FAIL: Outcome = { leave: 1 };
    const read = (operand: Operand): Value | undefined => {
      if (operand.kind === 'local') return frame.get(operand.local);
      if (operand.kind === 'bool') return operand.value;
      return this.policy.static.strings[operand.index];
    };
    switch (stmt.type) {
      case 'AssignVarStmt': {
        const value = read(stmt.source);
        if (value === undefined) frame.delete(stmt.target);
        else frame.set(stmt.target, value);
        return null;
      }
      case 'AssignVarOnceStmt': {
        const value = read(stmt.source);
        if (value === undefined) return FAIL;
        const existing = frame.get(stmt.target);
        if (existing !== undefined && !valuesEqual(existing, value)) {
          throw new EvaluationError('eval_conflict_error', 'var assignment conflict');
        }
        frame.set(stmt.target, value);
        return null;
      }
      case 'ResetLocalStmt':
        frame.delete(stmt.target);
        return null;
      case 'MakeNullStmt':
        frame.set(stmt.target, null);
        return null;
      case 'MakeNumberIntStmt':
        frame.set(stmt.target, stmt.value);
        return null;
      case 'MakeNumberRefStmt':
        frame.set(stmt.target, Number(this.policy.static.numbers[stmt.index]));
        return null;
      case 'MakeArrayStmt':
        frame.set(stmt.target, []);
        return null;
      case 'MakeObjectStmt':
        frame.set(stmt.target, new RegoObject());
        return null;
      case 'MakeSetStmt':
        frame.set(stmt.target, new RegoSet());
        return null;
      case 'ArrayAppendStmt': {
        const array = frame.get(stmt.array);
        const value = read(stmt.value);
        if (!Array.isArray(array) || value === undefined) return FAIL;
        array.push(value);
        return null;
      }
      case 'ObjectInsertStmt':
      case 'ObjectInsertOnceStmt': {
        const object = frame.get(stmt.object);
        const key = read(stmt.key);
        const value = read(stmt.value);
        if (!(object instanceof RegoObject) || key === undefined || value === undefined)
          return FAIL;
        const existing = object.get(key);
        if (
          stmt.type === 'ObjectInsertOnceStmt' &&
          existing !== undefined &&
          !valuesEqual(existing, value)
        ) {
          throw new EvaluationError('eval_conflict_error', 'object insert conflict');
        }
        object.set(key, value);
        return null;
      }
      case 'ObjectMergeStmt': {
        const a = frame.get(stmt.a);
        const b = frame.get(stmt.b);
        if (!(a instanceof RegoObject) || !(b instanceof RegoObject)) return FAIL;
        const merged = mergeObjects(a, b);
        if (merged === undefined) return FAIL;
        frame.set(stmt.target, merged);
        return null;
      }
      case 'SetAddStmt': {
        const set = frame.get(stmt.set);
        const value = read(stmt.value);
        if (!(set instanceof RegoSet) || value === undefined) return FAIL;
        set.add(value);
        return null;
      }
      case 'DotStmt': {
        const source = read(stmt.source);
        const key = read(stmt.key);
        if (source === undefined || key === undefined) return FAIL;
        const value = dot(source, key);
        if (value === undefined) return FAIL;
        frame.set(stmt.target, value);
        return null;
      }
      case 'LenStmt': {
        const source = read(stmt.source);
        const length = lengthOf(source);
        if (length === undefined) return FAIL;
        frame.set(stmt.target, length);
        return null;
      }
      case 'ScanStmt': {
        const source = frame.get(stmt.source);
        const entries = source === undefined ? undefined : elements(source);
        if (!entries) return FAIL;
        for (const [key, value] of entries) {
          frame.set(stmt.key, key);
          frame.set(stmt.value, value);
          const outcome = this.runNested(stmt.block, frame, results);
          if (outcome !== 'left' && outcome !== 'completed') return outcome;
        }
        return null;
      }
      case 'NotStmt': {
        const outcome = this.runNested(stmt.block, frame, results);
        if (outcome === 'completed') return FAIL;
        if (outcome === 'left') return null;
        return outcome;
      }
      case 'BlockStmt': {
        for (const block of stmt.blocks) {
          const outcome = this.runNested(block, frame, results);
          if (outcome !== 'left' && outcome !== 'completed') return outcome;
        }
        return null;
      }
      case 'BreakStmt':
        return { leave: stmt.index + 1 };
      case 'CallStmt': {
        const args = stmt.args.map(read);
        const func = this.funcs.get(stmt.func);
        // An IR function may be called with an undefined input; a built-in never runs on undefined.
        if (!func && args.some((arg) => arg === undefined)) return FAIL;
        const result = func
          ? this.callFunc(func, args as Array<Value | undefined>)
          : callBuiltin(stmt.func, args as Value[]);
        if (result === undefined) return FAIL;
        frame.set(stmt.result, result);
        return null;
      }
      case 'EqualStmt':
      case 'NotEqualStmt': {
        const a = read(stmt.a);
        const b = read(stmt.b);
        if (a === undefined || b === undefined) return FAIL;
        return valuesEqual(a, b) === (stmt.type === 'EqualStmt') ? null : FAIL;
      }
      case 'IsArrayStmt':
        return Array.isArray(read(stmt.source)) ? null : FAIL;
      case 'IsObjectStmt':
        return read(stmt.source) instanceof RegoObject ? null : FAIL;
      case 'IsSetStmt':
        return read(stmt.source) instanceof RegoSet ? null : FAIL;
      case 'IsDefinedStmt':
        return frame.has(stmt.source) ? null : FAIL;
      case 'IsUndefinedStmt':
        return frame.has(stmt.source) ? FAIL : null;
      case 'WithStmt': {
        const value = read(stmt.value);
        if (value === undefined) return FAIL;
        const original = frame.get(stmt.local);
        const path = stmt.path.map((index) => this.policy.static.strings[index]);
        frame.set(stmt.local, upsert(original, path, value));
        this.memo.push(new Map());
        try {
          const outcome = this.runNested(stmt.block, frame, results);
          return outcome === 'left' || outcome === 'completed' ? null : outcome;
        } finally {
          this.memo.pop();
          if (original === undefined) frame.delete(stmt.local);
          else frame.set(stmt.local, original);
        }
      }
      case 'ResultSetAddStmt': {
        const value = frame.get(stmt.value);
        if (value === undefined || !results) return FAIL;
        results.add(copyValue(value));
        return null;
      }
      case 'ReturnLocalStmt':
        return { returned: true };
    }
  }
}

function dot(source: Value, key: Value): Value | undefined {
  if (Array.isArray(source)) {
    return typeof key === 'number' && Number.isInteger(key) && key >= 0 ? source[key] : undefined;
  }
  if (source instanceof RegoObject) return source.get(key);
  if (source instanceof RegoSet) return source.has(key) ? key : undefined;
  return undefined;
}

function lengthOf(source: Value | undefined): number | undefined {
  if (Array.isArray(source)) return source.length;
  if (source instanceof RegoObject || source instanceof RegoSet) return source.size;
  if (typeof source === 'string') return [...source].length;
  return undefined;
}

function elements(source: Value): Array<[Value, Value]> | undefined {
  if (Array.isArray(source)) return source.map((value, index) => [index, value]);
  if (source instanceof RegoObject)
    return [...source.entries.values()].sort((a, b) => compareValues(a[0], b[0]));
  if (source instanceof RegoSet) return source.values().map((value) => [value, value]);
  return undefined;
}

/**
 * Deep merge as the runtime's `rt_value_merge` does it: two values that are not both
 * objects meeting at any depth make the whole merge undefined (OPA's `Object.Merge`).
 */
function mergeObjects(a: RegoObject, b: RegoObject): RegoObject | undefined {
  const merged = copyValue(a) as RegoObject;
  for (const [key, value] of b.entries.values()) {
    const existing = merged.get(key);
    if (existing === undefined) {
      merged.set(key, value);
      continue;
    }
    if (!(existing instanceof RegoObject && value instanceof RegoObject)) return undefined;
    const nested = mergeObjects(existing, value);
    if (nested === undefined) return undefined;
    merged.set(key, nested);
  }
  return merged;
}

/** A copy of `base` with `path` set to `value`, creating objects on the way. */
function upsert(base: Value | undefined, path: string[], value: Value): Value {
  if (path.length === 0) return value;
  const root = base instanceof RegoObject ? (copyValue(base) as RegoObject) : new RegoObject();
  let node = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      node.set(key, value);
      return;
    }
    let child = node.get(key);
    if (!(child instanceof RegoObject)) {
      child = new RegoObject();
      node.set(key, child);
    }
    node = child;
  });
  return root;
}
