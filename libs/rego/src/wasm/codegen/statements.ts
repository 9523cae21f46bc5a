import type {
  AssignVarOnceStmt,
  CallStmt,
  DotStmt,
  Operand,
  ScanStmt,
  Stmt,
  WithStmt,
} from '../../ir/ir';
import { CodegenError, type FunctionCompiler } from './function-compiler';

/** Runtime value type codes (`rt_value_type`). */
const TYPE_ARRAY = 5;
const TYPE_OBJECT = 6;
const TYPE_SET = 7;

/** Emits the code of one IR statement. */
export function compileStatement(fc: FunctionCompiler, stmt: Stmt): void {
  const { emitter, context } = fc;
  switch (stmt.type) {
    case 'AssignVarStmt':
      fc.pushOperand(stmt.source);
      emitter.localSet(fc.local(stmt.target));
      return;
    case 'AssignVarOnceStmt':
      return compileAssignOnce(fc, stmt);
    case 'ResetLocalStmt':
      emitter.i32Const(0).localSet(fc.local(stmt.target));
      return;
    case 'MakeNullStmt':
      emitter.call(context.rt('rt_null')).localSet(fc.local(stmt.target));
      return;
    case 'MakeNumberIntStmt':
      if (!Number.isInteger(stmt.value) || stmt.value < -0x80000000 || stmt.value > 0x7fffffff) {
        throw new CodegenError(
          `MakeNumberIntStmt value ${stmt.value} is not a 32-bit integer`,
          stmt.location,
        );
      }
      emitter
        .i32Const(stmt.value)
        .call(context.rt('rt_number_int'))
        .localSet(fc.local(stmt.target));
      return;
    case 'MakeNumberRefStmt':
      if (
        !Number.isInteger(stmt.index) ||
        stmt.index < 0 ||
        stmt.index >= context.layout.numbers.length
      ) {
        throw new CodegenError(
          `number constant ${stmt.index} is not in the policy's number table`,
          stmt.location,
        );
      }
      emitter
        .i32Const(stmt.index)
        .call(context.numberConstantFunction)
        .localSet(fc.local(stmt.target));
      return;
    case 'MakeArrayStmt':
      emitter.i32Const(Math.max(0, stmt.capacity | 0)).call(context.rt('rt_array_new'));
      emitter.localSet(fc.local(stmt.target));
      return;
    case 'MakeObjectStmt':
      emitter.call(context.rt('rt_object_new')).localSet(fc.local(stmt.target));
      return;
    case 'MakeSetStmt':
      emitter.call(context.rt('rt_set_new')).localSet(fc.local(stmt.target));
      return;
    case 'ArrayAppendStmt':
      fc.failIfUndefined(stmt.value);
      emitter.localGet(fc.local(stmt.array));
      fc.pushOperand(stmt.value);
      emitter.call(context.rt('rt_array_append'));
      return;
    case 'ObjectInsertStmt':
    case 'ObjectInsertOnceStmt':
      fc.failIfUndefined(stmt.key, stmt.value);
      emitter.localGet(fc.local(stmt.object));
      fc.pushOperand(stmt.key);
      fc.pushOperand(stmt.value);
      emitter.call(
        context.rt(stmt.type === 'ObjectInsertStmt' ? 'rt_object_insert' : 'rt_object_insert_once'),
      );
      return;
    case 'ObjectMergeStmt':
      // Merging needs two objects; anything else fails and leaves the target unchanged.
      for (const side of [stmt.a, stmt.b]) {
        emitter.localGet(fc.local(side)).call(context.rt('rt_value_type'));
        emitter.i32Const(TYPE_OBJECT).i32Ne();
        fc.emitFailIfTrue();
      }
      emitter.localGet(fc.local(stmt.a)).localGet(fc.local(stmt.b));
      emitter.call(context.rt('rt_value_merge'));
      return setIfDefined(fc, stmt.target);
    case 'SetAddStmt':
      fc.failIfUndefined(stmt.value);
      emitter.localGet(fc.local(stmt.set));
      fc.pushOperand(stmt.value);
      emitter.call(context.rt('rt_set_add'));
      return;
    case 'DotStmt':
      return compileDot(fc, stmt);
    case 'LenStmt':
      fc.pushOperand(stmt.source);
      emitter.call(context.rt('rt_value_count'));
      return setIfDefined(fc, stmt.target);
    case 'ScanStmt':
      return compileScan(fc, stmt);
    case 'NotStmt': {
      // Running to the end of the body means the negated expression held, so the statement
      // fails (break 1 from inside the body leaves the enclosing block). A failure inside
      // the body lands after it: the negation holds and execution continues.
      fc.compileBlock(stmt.block, { atEnd: () => fc.emitBreak(1, stmt.location) });
      return;
    }
    case 'BlockStmt':
      fc.compileBlocks(stmt.blocks);
      return;
    case 'BreakStmt':
      fc.emitBreak(stmt.index, stmt.location);
      return;
    case 'CallStmt':
      return compileCall(fc, stmt);
    case 'EqualStmt':
    case 'NotEqualStmt':
      fc.failIfUndefined(stmt.a, stmt.b);
      fc.pushOperand(stmt.a);
      fc.pushOperand(stmt.b);
      emitter.call(context.rt('rt_value_equal'));
      if (stmt.type === 'EqualStmt') fc.emitFailIfZero();
      else fc.emitFailIfTrue();
      return;
    case 'IsArrayStmt':
    case 'IsObjectStmt':
    case 'IsSetStmt': {
      const expected = { IsArrayStmt: TYPE_ARRAY, IsObjectStmt: TYPE_OBJECT, IsSetStmt: TYPE_SET }[
        stmt.type
      ];
      fc.pushOperand(stmt.source);
      emitter.call(context.rt('rt_value_type')).i32Const(expected).i32Ne();
      fc.emitFailIfTrue();
      return;
    }
    case 'IsDefinedStmt':
      emitter.localGet(fc.local(stmt.source));
      fc.emitFailIfZero();
      return;
    case 'IsUndefinedStmt':
      emitter.localGet(fc.local(stmt.source));
      fc.emitFailIfTrue();
      return;
    case 'WithStmt':
      return compileWith(fc, stmt);
    case 'ResultSetAddStmt':
      if (fc.resultSetLocal === undefined)
        throw new CodegenError('ResultSetAddStmt outside of a plan', stmt.location);
      fc.failIfUndefined({ kind: 'local', local: stmt.value });
      emitter
        .localGet(fc.resultSetLocal)
        .localGet(fc.local(stmt.value))
        .call(context.rt('rt_set_add'));
      return;
    case 'ReturnLocalStmt':
      fc.emitReturn(stmt.source);
      return;
    default: {
      const unknown: { type?: string; location?: Stmt['location'] } = stmt;
      throw new CodegenError(`unknown IR statement ${String(unknown.type)}`, unknown.location);
    }
  }
}

/** Pops a value address; fails when it is 0, else stores it in `target`. */
function setIfDefined(fc: FunctionCompiler, target: number): void {
  fc.emitter.localTee(fc.scratch);
  fc.emitFailIfZero();
  fc.emitter.localGet(fc.scratch).localSet(fc.local(target));
}

function compileAssignOnce(fc: FunctionCompiler, stmt: AssignVarOnceStmt): void {
  const { emitter, context } = fc;
  const target = fc.local(stmt.target);
  fc.failIfUndefined(stmt.source);
  emitter.localGet(target).i32Eqz();
  const unset = emitter.if();
  fc.pushOperand(stmt.source);
  emitter.localSet(target);
  emitter.else();
  emitter.localGet(target);
  fc.pushOperand(stmt.source);
  emitter.call(context.rt('rt_value_equal')).i32Eqz();
  const conflict = emitter.if();
  emitter.call(context.rt('rt_var_assignment_conflict')).unreachable();
  emitter.end(conflict);
  emitter.end(unset);
}

/** Marks "looked up, undefined" in a lookup cache local (no value lives at address 1). */
const LOOKUP_UNDEFINED = 1;

function compileDot(fc: FunctionCompiler, stmt: DotStmt): void {
  const { emitter, context } = fc;
  fc.failIfUndefined(stmt.key);
  if (stmt.key.kind === 'string') {
    fc.checkStringIndex(stmt.key.index, stmt.location);
    const cache =
      stmt.source.kind === 'local' ? fc.lookupCache(stmt.source.local, stmt.key.index) : undefined;
    if (cache !== undefined) return compileCachedDot(fc, stmt, stmt.key.index, cache);
    // A constant key is looked up by its bytes: no string value is built.
    fc.pushOperand(stmt.source);
    const key = context.layout.strings[stmt.key.index];
    emitter.i32Const(key.address).i32Const(key.length).call(context.rt('rt_value_get_string'));
  } else {
    fc.pushOperand(stmt.source);
    fc.pushOperand(stmt.key);
    emitter.call(context.rt('rt_value_get'));
  }
  setIfDefined(fc, stmt.target);
}

/**
 * `target = source["key"]` on a source that never changes in this body: the lookup runs
 * the first time the statement (or an identical one) is reached in a call, and its result,
 * undefined included, is kept in `cache` for the rest of the call.
 */
function compileCachedDot(fc: FunctionCompiler, stmt: DotStmt, keyIndex: number, cache: number) {
  const { emitter, context } = fc;
  const key = context.layout.strings[keyIndex];
  emitter.localGet(cache).i32Eqz();
  const lookup = emitter.if();
  fc.pushOperand(stmt.source);
  emitter.i32Const(key.address).i32Const(key.length).call(context.rt('rt_value_get_string'));
  emitter.localTee(fc.scratch);
  // select(value, LOOKUP_UNDEFINED, value != 0)
  emitter.i32Const(LOOKUP_UNDEFINED).localGet(fc.scratch).select().localSet(cache);
  emitter.end(lookup);
  emitter.localGet(cache).i32Const(LOOKUP_UNDEFINED).i32Eq();
  fc.emitFailIfTrue();
  emitter.localGet(cache).localSet(fc.local(stmt.target));
}

function compileScan(fc: FunctionCompiler, stmt: ScanStmt): void {
  const { emitter, context } = fc;
  const source = fc.local(stmt.source);
  const size = fc.temp();
  const index = fc.temp();
  emitter.localGet(source).call(context.rt('rt_collection_size')).localTee(size);
  emitter.i32Const(0).i32LtS();
  fc.emitFailIfTrue();
  emitter.i32Const(0).localSet(index);
  const exit = emitter.block();
  const loop = emitter.loop();
  emitter.localGet(index).localGet(size).i32GeU().brIf(exit);
  // An unused key (`some x in xs`, `xs[_]`) is not built: for arrays that would be a number.
  if (!fc.isUnread(stmt.key)) {
    emitter
      .localGet(source)
      .localGet(index)
      .call(context.rt('rt_iter_key'))
      .localSet(fc.local(stmt.key));
  }
  emitter
    .localGet(source)
    .localGet(index)
    .call(context.rt('rt_iter_value'))
    .localSet(fc.local(stmt.value));
  emitter.localGet(index).i32Const(1).i32Add().localSet(index);
  fc.compileBlock(stmt.block);
  emitter.br(loop);
  emitter.end(loop);
  emitter.end(exit);
}

function compileCall(fc: FunctionCompiler, stmt: CallStmt): void {
  const { emitter, context } = fc;
  const func = context.funcs.get(stmt.func);
  let functionIndex: number;
  if (func) {
    if (func.func.params.length !== stmt.args.length) {
      throw new CodegenError(
        `${stmt.func} takes ${func.func.params.length} arguments but is called with ${stmt.args.length}`,
        stmt.location,
      );
    }
    functionIndex = func.functionIndex;
  } else {
    const builtin = context.builtins.builtins.get(stmt.func);
    if (!builtin) throw new CodegenError(`unknown function ${stmt.func}`, stmt.location);
    functionIndex =
      builtin.kind === 'module'
        ? context.rt(builtin.exportName)
        : (context.hostFunctionIndices.get(builtin.name) ?? -1);
    if (functionIndex < 0)
      throw new CodegenError(`host built-in ${stmt.func} has no wrapper`, stmt.location);
    // Built-ins never run on undefined arguments; IR functions may (input can be undefined).
    fc.failIfUndefined(...stmt.args);
  }
  for (const arg of stmt.args) fc.pushOperand(arg);
  emitter.call(functionIndex);
  setIfDefined(fc, stmt.result);
}

function compileWith(fc: FunctionCompiler, stmt: WithStmt): void {
  const { emitter, context } = fc;
  const target = fc.local(stmt.local);
  fc.failIfUndefined(stmt.value);
  const saved = fc.temp();
  emitter.localGet(target).localSet(saved);
  if (stmt.path.length === 0) {
    fc.pushOperand(stmt.value);
  } else {
    emitter.localGet(target);
    pushPathArray(fc, stmt.path, stmt.location);
    fc.pushOperand(stmt.value);
    emitter.call(context.rt('rt_value_with_path'));
  }
  emitter.localSet(target);
  fc.adjustWithDepth(1);
  const withRestore = { target, saved };
  // As with scans and blocks, a failure inside the body leaves only the body: the with
  // statement itself holds either way (the planner checks what the body recorded). Both
  // paths land after the body, where the replaced value is restored; branches that leave
  // further out restore on their way (see FunctionCompiler.emitBreak).
  fc.compileBlock(stmt.block, { withRestore });
  fc.emitWithRestore(withRestore);
}

function pushPathArray(
  fc: FunctionCompiler,
  path: readonly number[],
  location: Stmt['location'],
): void {
  const { emitter, context } = fc;
  const array = fc.temp();
  emitter.i32Const(path.length).call(context.rt('rt_array_new')).localSet(array);
  for (const index of path) {
    fc.checkStringIndex(index, location);
    const operand: Operand = { kind: 'string', index };
    emitter.localGet(array);
    fc.pushOperand(operand);
    emitter.call(context.rt('rt_array_append'));
  }
  emitter.localGet(array);
}
