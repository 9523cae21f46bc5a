import type { Block, Stmt } from '../../ir/ir';

/** Visits every statement in `blocks`, including those nested in scan/not/block/with. */
export function forEachStatement(blocks: readonly Block[], visit: (stmt: Stmt) => void): void {
  for (const block of blocks) {
    for (const stmt of block.stmts) {
      visit(stmt);
      switch (stmt.type) {
        case 'ScanStmt':
        case 'NotStmt':
        case 'WithStmt':
          forEachStatement([stmt.block], visit);
          break;
        case 'BlockStmt':
          forEachStatement(stmt.blocks, visit);
          break;
        default:
          break;
      }
    }
  }
}
