/**
 * Structural checks of an IR policy, for the planner's tests and as a guard before code
 * generation: every break leaves only blocks that exist, every call names a function of
 * the policy (with the right argument count) or a declared built-in, every string and
 * number index is in its table. Returns one message per problem (empty when valid).
 */
import type { Block, Operand, Policy, Stmt } from './ir';

export function validatePolicy(policy: Policy): string[] {
  const problems: string[] = [];
  const funcs = new Map(policy.funcs.map((func) => [func.name, func]));
  const builtins = new Map(policy.static.builtins.map((builtin) => [builtin.name, builtin.arity]));
  if (funcs.size !== policy.funcs.length) problems.push('function names are not unique');

  const checkOperand = (operand: Operand, where: string): void => {
    if (
      operand.kind === 'string' &&
      !(operand.index >= 0 && operand.index < policy.static.strings.length)
    ) {
      problems.push(`${where}: string index ${operand.index} out of range`);
    }
    if (operand.kind === 'local' && !(Number.isInteger(operand.local) && operand.local >= 0)) {
      problems.push(`${where}: invalid local ${operand.local}`);
    }
  };

  const checkStmt = (stmt: Stmt, depth: number, where: string): void => {
    const at = `${where} ${stmt.type}`;
    for (const value of Object.values(stmt)) {
      if (value && typeof value === 'object' && 'kind' in value) checkOperand(value as Operand, at);
    }
    switch (stmt.type) {
      case 'BreakStmt':
        // A break inside a function or plan may leave at most the blocks it is nested in.
        if (stmt.index < 0 || stmt.index >= depth)
          problems.push(`${at}: index ${stmt.index} at depth ${depth}`);
        return;
      case 'CallStmt': {
        stmt.args.forEach((arg) => checkOperand(arg, at));
        const func = funcs.get(stmt.func);
        if (func) {
          if (func.params.length !== stmt.args.length) {
            problems.push(
              `${at}: ${stmt.func} takes ${func.params.length} arguments, given ${stmt.args.length}`,
            );
          }
        } else if (builtins.get(stmt.func) !== stmt.args.length) {
          problems.push(
            `${at}: ${stmt.func}/${stmt.args.length} is neither a function nor a declared built-in`,
          );
        }
        return;
      }
      case 'MakeNumberRefStmt':
        if (!(stmt.index >= 0 && stmt.index < policy.static.numbers.length)) {
          problems.push(`${at}: number index ${stmt.index} out of range`);
        }
        return;
      case 'WithStmt':
        for (const index of stmt.path) {
          if (!(index >= 0 && index < policy.static.strings.length))
            problems.push(`${at}: path string ${index}`);
        }
        return checkBlock(stmt.block, depth + 1, where);
      case 'ScanStmt':
      case 'NotStmt':
        return checkBlock(stmt.block, depth + 1, where);
      case 'BlockStmt':
        return stmt.blocks.forEach((block) => checkBlock(block, depth + 1, where));
      default:
        return;
    }
  };

  const checkBlock = (block: Block, depth: number, where: string): void => {
    for (const stmt of block.stmts) checkStmt(stmt, depth, where);
  };

  for (const func of policy.funcs) {
    if (func.params[0] !== 0 || func.params[1] !== 1)
      problems.push(`func ${func.name}: params must start with 0, 1`);
    func.blocks.forEach((block) => checkBlock(block, 1, `func ${func.name}`));
  }
  for (const plan of policy.plans)
    plan.blocks.forEach((block) => checkBlock(block, 1, `plan ${plan.name}`));
  return problems;
}
