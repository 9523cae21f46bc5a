import { ByteWriter } from './byte-writer';
import type { FunctionBody, LocalDeclaration } from './module';
import { ValType } from './module';
import { EMPTY_BLOCK_TYPE } from './opcodes';

/** An open structured-control frame; branch targets are given as labels, not depths. */
export interface Label {
  readonly kind: 'block' | 'loop' | 'if' | 'function';
  /** Position in the emitter's frame stack; used to compute relative branch depths. */
  readonly level: number;
}

/**
 * Emits the body of one function: i32 locals, structured control flow with labels, and
 * the instructions the code generator needs. Branch depths are computed from labels, so
 * callers never count nesting by hand.
 */
export class InstructionEmitter {
  private readonly code = new ByteWriter();
  private readonly frames: Label[] = [];
  private localCount: number;
  /** The frame of the function body itself: `br` to it returns from the function. */
  readonly functionLabel: Label = { kind: 'function', level: 0 };

  constructor(readonly paramCount: number) {
    this.localCount = paramCount;
    this.frames.push(this.functionLabel);
  }

  /** Declares a new i32 local and returns its index. */
  addLocal(): number {
    return this.localCount++;
  }

  get openFrames(): number {
    return this.frames.length;
  }

  block(): Label {
    return this.open('block', 0x02);
  }

  loop(): Label {
    return this.open('loop', 0x03);
  }

  /** `if` without a result; pops the i32 condition. */
  if(): Label {
    return this.open('if', 0x04);
  }

  else(): this {
    const top = this.frames[this.frames.length - 1];
    if (top.kind !== 'if') throw new Error('else outside of if');
    this.code.byte(0x05);
    return this;
  }

  /** Closes the innermost frame, which must be `label`. */
  end(label: Label): this {
    const top = this.frames[this.frames.length - 1];
    if (top !== label || label.kind === 'function')
      throw new Error('mismatched end of a control frame');
    this.frames.pop();
    this.code.byte(0x0b);
    return this;
  }

  br(label: Label): this {
    this.code.byte(0x0c).u32(this.depthOf(label));
    return this;
  }

  brIf(label: Label): this {
    this.code.byte(0x0d).u32(this.depthOf(label));
    return this;
  }

  brTable(targets: Label[], fallback: Label): this {
    this.code.byte(0x0e).vector(targets, (w, target) => w.u32(this.depthOf(target)));
    this.code.u32(this.depthOf(fallback));
    return this;
  }

  /** Relative branch depth of `label` from the current position. */
  depthOf(label: Label): number {
    const position = this.frames.lastIndexOf(label);
    if (position < 0) throw new Error('branch to a label that is not open');
    return this.frames.length - 1 - position;
  }

  return(): this {
    return this.op(0x0f);
  }

  unreachable(): this {
    return this.op(0x00);
  }

  call(functionIndex: number): this {
    this.code.byte(0x10).u32(functionIndex);
    return this;
  }

  drop(): this {
    return this.op(0x1a);
  }

  select(): this {
    return this.op(0x1b);
  }

  localGet(index: number): this {
    this.code.byte(0x20).u32(index);
    return this;
  }

  localSet(index: number): this {
    this.code.byte(0x21).u32(index);
    return this;
  }

  localTee(index: number): this {
    this.code.byte(0x22).u32(index);
    return this;
  }

  globalGet(index: number): this {
    this.code.byte(0x23).u32(index);
    return this;
  }

  globalSet(index: number): this {
    this.code.byte(0x24).u32(index);
    return this;
  }

  /** `i32.load` with a 4-byte alignment hint and a constant offset. */
  i32Load(offset = 0): this {
    this.code.byte(0x28).u32(2).u32(offset);
    return this;
  }

  i32Store(offset = 0): this {
    this.code.byte(0x36).u32(2).u32(offset);
    return this;
  }

  i32Const(value: number): this {
    this.code.byte(0x41).s32(value | 0);
    return this;
  }

  i32Eqz(): this {
    return this.op(0x45);
  }

  i32Eq(): this {
    return this.op(0x46);
  }

  i32Ne(): this {
    return this.op(0x47);
  }

  i32LtU(): this {
    return this.op(0x49);
  }

  i32LtS(): this {
    return this.op(0x48);
  }

  i32GeU(): this {
    return this.op(0x4f);
  }

  i32Add(): this {
    return this.op(0x6a);
  }

  i32Sub(): this {
    return this.op(0x6b);
  }

  i32Mul(): this {
    return this.op(0x6c);
  }

  i32And(): this {
    return this.op(0x71);
  }

  i32Or(): this {
    return this.op(0x72);
  }

  /** `memory.fill` (bulk memory): pops destination, byte value and length. */
  memoryFill(): this {
    this.code.byte(0xfc).u32(11).byte(0);
    return this;
  }

  /** Finishes the body (closes the function frame) and returns it. */
  finish(): FunctionBody {
    if (this.frames.length !== 1)
      throw new Error(`${this.frames.length - 1} control frames left open`);
    this.code.byte(0x0b);
    const extra = this.localCount - this.paramCount;
    const locals: LocalDeclaration[] = extra > 0 ? [{ count: extra, type: ValType.I32 }] : [];
    return { locals, code: this.code.toBytes() };
  }

  private open(kind: 'block' | 'loop' | 'if', opcode: number): Label {
    const label: Label = { kind, level: this.frames.length };
    this.frames.push(label);
    this.code.byte(opcode).byte(EMPTY_BLOCK_TYPE);
    return label;
  }

  private op(opcode: number): this {
    this.code.byte(opcode);
    return this;
  }
}
