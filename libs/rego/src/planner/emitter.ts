import type { Block, Local, Stmt } from '../ir/ir';

/**
 * Appends statements to the block being planned and hands out locals for one function or
 * plan. It also counts how deeply blocks are nested, so that a `BreakStmt` can be aimed at
 * a given enclosing block (see `breakTo`).
 */
export class Emitter {
  private nextLocal: number;
  private readonly stack: Block[] = [];

  constructor(root: Block, firstFreeLocal: number) {
    this.stack.push(root);
    this.nextLocal = firstFreeLocal;
  }

  newLocal(): Local {
    return this.nextLocal++;
  }

  emit(stmt: Stmt): void {
    this.stack[this.stack.length - 1].stmts.push(stmt);
  }

  /** Nesting depth of the current block; the function's own block is depth 1. */
  get depth(): number {
    return this.stack.length;
  }

  /** Plans `fill` into `block`, which the caller puts inside a statement. */
  into(block: Block, fill: () => void): Block {
    this.stack.push(block);
    try {
      fill();
    } finally {
      this.stack.pop();
    }
    return block;
  }

  /** Index for a `BreakStmt` emitted now that leaves every block down to (and including) the one at `depth`. */
  breakIndexTo(depth: number): number {
    return this.stack.length - depth;
  }
}
