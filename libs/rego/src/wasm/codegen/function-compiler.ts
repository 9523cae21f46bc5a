import type { Block, Local, Operand } from '../../ir/ir';
import type { Location } from '../../syntax/location';
import { InstructionEmitter, type Label } from '../binary';
import type { CodegenContext } from './context';
import { invariantParams, localMentions } from './invariant-locals';
import { STRING_VALUE_SIZE } from './static-layout';
import { compileStatement } from './statements';

/** A `WithStmt` in progress: the local it replaced and where its old value is kept. */
interface WithRestore {
  target: number;
  saved: number;
}

/** An IR block being compiled: the Wasm label that leaves it, and the `with` it belongs to. */
interface IrFrame {
  label: Label;
  withRestore?: WithRestore;
}

/**
 * Compiles the body of one IR function or plan. IR locals become i32 Wasm locals holding
 * value addresses (0 = unset). IR blocks become Wasm `block`s; a statement that fails, and
 * `BreakStmt`, branch to the end of the right one. Branches that leave a `with` block first
 * restore what the `with` replaced, so no exit path can leak a modified input or data.
 */
export class FunctionCompiler {
  readonly emitter: InstructionEmitter;
  private readonly locals = new Map<Local, number>();
  private readonly frames: IrFrame[] = [];
  /** Scratch local for a call result between the call and its definedness check. */
  readonly scratch: number;
  /** Parameters no statement of the body writes (see invariant-locals.ts). */
  private invariants = new Set<Local>();
  /** `source:key index` → the local caching that lookup (0 = not done yet, 1 = undefined). */
  private readonly lookupCaches = new Map<string, number>();

  constructor(
    readonly context: CodegenContext,
    params: readonly Local[],
    extraParams: number,
    /** For IR functions: the local holding the value and the label that ends the body. */
    private readonly returnInfo?: { local: Local; label: () => Label },
    /** For plans: the Wasm local holding the result set. */
    readonly resultSetLocal?: number,
  ) {
    this.emitter = new InstructionEmitter(params.length + extraParams);
    params.forEach((local, index) => this.locals.set(local, index));
    this.scratch = this.emitter.addLocal();
  }

  /** Declares the body about to be compiled, so lookups on invariant parameters are cached. */
  prepareBody(params: readonly Local[], blocks: readonly Block[], returnLocal?: Local): void {
    this.invariants = invariantParams(params, blocks);
    const mentions = localMentions(blocks);
    this.isUnread = (local) =>
      mentions.get(local) === 1 && !params.includes(local) && local !== returnLocal;
  }

  /** True for a local that only the statement writing it names (e.g. an unused scan key). */
  isUnread: (local: Local) => boolean = () => false;

  /**
   * The local caching `source[constant key index]` for this call, when `source` never
   * changes in the body; undefined otherwise.
   */
  lookupCache(source: Local, keyIndex: number): number | undefined {
    if (!this.invariants.has(source)) return undefined;
    const id = `${source}:${keyIndex}`;
    let cache = this.lookupCaches.get(id);
    if (cache === undefined) {
      cache = this.emitter.addLocal();
      this.lookupCaches.set(id, cache);
    }
    return cache;
  }

  /** The Wasm local of IR local `local`, declared on first use. */
  local(local: Local): number {
    let index = this.locals.get(local);
    if (index === undefined) {
      index = this.emitter.addLocal();
      this.locals.set(local, index);
    }
    return index;
  }

  temp(): number {
    return this.emitter.addLocal();
  }

  /** Pushes the value address of an operand. */
  pushOperand(operand: Operand): void {
    switch (operand.kind) {
      case 'local':
        this.emitter.localGet(this.local(operand.local));
        break;
      case 'bool':
        this.emitter.call(this.context.rt(operand.value ? 'rt_true' : 'rt_false'));
        break;
      case 'string':
        // A static value built at compile time (see static-layout.ts): no call, no allocation.
        this.checkStringIndex(operand.index);
        this.emitter.i32Const(this.context.layout.stringValues + operand.index * STRING_VALUE_SIZE);
        break;
    }
  }

  /**
   * Fails the statement when a local operand is unset. Statements never operate on
   * undefined values (a planner can rely on that to skip work on missing documents);
   * constants are always defined, so only locals are checked.
   */
  failIfUndefined(...operands: Operand[]): void {
    for (const operand of operands) {
      if (operand.kind !== 'local') continue;
      this.emitter.localGet(this.local(operand.local));
      this.emitFailIfZero();
    }
  }

  checkStringIndex(index: number, location?: Location): void {
    if (index < 0 || index >= this.context.layout.strings.length || !Number.isInteger(index)) {
      throw new CodegenError(
        `string constant ${index} is not in the policy's string table`,
        location,
      );
    }
  }

  /** Compiles blocks that run in sequence: a break out of one continues with the next. */
  compileBlocks(blocks: readonly Block[]): void {
    for (const block of blocks) this.compileBlock(block);
  }

  /**
   * Compiles one IR block as a Wasm block (an IR frame). `atEnd` emits code for the path
   * where every statement held, still inside the frame (so it can tell success from a
   * break, which lands after the frame).
   */
  compileBlock(
    block: Block,
    options: { withRestore?: WithRestore; atEnd?: () => void } = {},
  ): void {
    const label = this.emitter.block();
    this.frames.push({ label, withRestore: options.withRestore });
    for (const stmt of block.stmts) compileStatement(this, stmt);
    options.atEnd?.();
    this.frames.pop();
    this.emitter.end(label);
  }

  /** Leaves `index + 1` enclosing IR blocks (`BreakStmt` semantics; 0 = statement failure). */
  emitBreak(index: number, location?: Location): void {
    const position = this.frames.length - 1 - index;
    if (index < 0 || position < 0)
      throw new CodegenError(`break ${index} leaves more blocks than are open`, location);
    this.emitRestoresAbove(position);
    this.emitter.br(this.frames[position].label);
  }

  /** Pops an i32; when it is non-zero the current statement fails. */
  emitFailIfTrue(): void {
    const target = this.frames.length - 1;
    if (target < 0) throw new CodegenError('a statement outside of any block');
    if (!this.hasRestoresAbove(target)) {
      this.emitter.brIf(this.frames[target].label);
      return;
    }
    const label = this.emitter.if();
    this.emitBreak(0);
    this.emitter.end(label);
  }

  /** Pops an i32; when it is zero (undefined / false) the current statement fails. */
  emitFailIfZero(): void {
    this.emitter.i32Eqz();
    this.emitFailIfTrue();
  }

  /** Ends an IR function: restores every open `with`, then leaves the body. */
  emitReturn(source: Local): void {
    if (!this.returnInfo) throw new CodegenError('ReturnLocalStmt outside of a function');
    const returnLocal = this.local(this.returnInfo.local);
    const sourceLocal = this.local(source);
    if (sourceLocal !== returnLocal) this.emitter.localGet(sourceLocal).localSet(returnLocal);
    this.emitRestoresAbove(-1);
    this.emitter.br(this.returnInfo.label());
  }

  /** Restores the `with`s of frames above `position` (innermost first) before a branch. */
  private emitRestoresAbove(position: number): void {
    for (let index = this.frames.length - 1; index > position; index--) {
      const restore = this.frames[index].withRestore;
      if (restore) this.emitWithRestore(restore);
    }
  }

  private hasRestoresAbove(position: number): boolean {
    return this.frames.slice(position + 1).some((frame) => frame.withRestore);
  }

  /** Puts back the value a `with` replaced and leaves the `with` for memoisation purposes. */
  emitWithRestore(restore: WithRestore): void {
    this.emitter.localGet(restore.saved).localSet(restore.target);
    this.adjustWithDepth(-1);
  }

  adjustWithDepth(delta: number): void {
    const address = this.context.layout.withDepth;
    this.emitter.i32Const(address).i32Const(address).i32Load().i32Const(delta).i32Add().i32Store();
  }
}

/** An IR program the backend cannot compile (a planner bug, not a user error). */
export class CodegenError extends Error {
  constructor(
    message: string,
    readonly location?: Location,
  ) {
    super(message);
    this.name = 'CodegenError';
  }
}
