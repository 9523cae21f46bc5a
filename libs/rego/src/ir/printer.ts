/**
 * A readable text form of an IR policy: one statement per line, nested blocks indented,
 * locals as `%3`, strings as their (JSON-quoted) value. Used by golden tests and for
 * debugging compiled policies.
 */
import type { Block, Func, Operand, Plan, Policy, Stmt } from './ir';

const INDENT = '  ';

/** The whole policy: static tables, then functions, then plans. */
export function printPolicy(policy: Policy): string {
  const lines: string[] = [];
  const { builtins, numbers } = policy.static;
  if (builtins.length > 0) {
    lines.push(
      `builtins ${builtins.map((builtin) => `${builtin.name}/${builtin.arity}`).join(', ')}`,
    );
  }
  if (numbers.length > 0) lines.push(`numbers ${numbers.join(', ')}`);
  for (const func of policy.funcs) printFunc(func, policy, lines);
  for (const plan of policy.plans) printPlan(plan, policy, lines);
  return lines.join('\n') + '\n';
}

export function printFunc(func: Func, policy: Policy, lines: string[] = []): string[] {
  const params = func.params.map((param) => `%${param}`).join(', ');
  const path = func.path.length > 0 ? `  # ${func.path.join('.')}` : '';
  lines.push('');
  lines.push(`func ${func.name}(${params}) -> %${func.returnLocal}${path}`);
  printBlocks(func.blocks, policy, 1, lines);
  return lines;
}

export function printPlan(plan: Plan, policy: Policy, lines: string[] = []): string[] {
  lines.push('');
  lines.push(`plan ${plan.name}`);
  printBlocks(plan.blocks, policy, 1, lines);
  return lines;
}

function printBlocks(blocks: Block[], policy: Policy, depth: number, lines: string[]): void {
  if (blocks.length === 1) return printBlock(blocks[0], policy, depth, lines);
  blocks.forEach((block, index) => {
    lines.push(`${INDENT.repeat(depth)}block ${index}`);
    printBlock(block, policy, depth + 1, lines);
  });
}

function printBlock(block: Block, policy: Policy, depth: number, lines: string[]): void {
  for (const stmt of block.stmts) printStmt(stmt, policy, depth, lines);
}

function printStmt(stmt: Stmt, policy: Policy, depth: number, lines: string[]): void {
  const line = (text: string): void => {
    lines.push(INDENT.repeat(depth) + text);
  };
  const op = (operand: Operand): string => formatOperand(operand, policy);
  switch (stmt.type) {
    case 'AssignVarStmt':
      return line(`%${stmt.target} = ${op(stmt.source)}`);
    case 'AssignVarOnceStmt':
      return line(`%${stmt.target} = once ${op(stmt.source)}`);
    case 'ResetLocalStmt':
      return line(`reset %${stmt.target}`);
    case 'MakeNullStmt':
      return line(`%${stmt.target} = null`);
    case 'MakeNumberIntStmt':
      return line(`%${stmt.target} = number ${stmt.value}`);
    case 'MakeNumberRefStmt':
      return line(`%${stmt.target} = number ${policy.static.numbers[stmt.index]}`);
    case 'MakeArrayStmt':
      return line(`%${stmt.target} = array(${stmt.capacity})`);
    case 'MakeObjectStmt':
      return line(`%${stmt.target} = object()`);
    case 'MakeSetStmt':
      return line(`%${stmt.target} = set()`);
    case 'ArrayAppendStmt':
      return line(`append %${stmt.array} ${op(stmt.value)}`);
    case 'ObjectInsertStmt':
      return line(`insert %${stmt.object}[${op(stmt.key)}] = ${op(stmt.value)}`);
    case 'ObjectInsertOnceStmt':
      return line(`insert once %${stmt.object}[${op(stmt.key)}] = ${op(stmt.value)}`);
    case 'ObjectMergeStmt':
      return line(`%${stmt.target} = merge %${stmt.a} %${stmt.b}`);
    case 'SetAddStmt':
      return line(`add %${stmt.set} ${op(stmt.value)}`);
    case 'DotStmt':
      return line(`%${stmt.target} = ${op(stmt.source)}[${op(stmt.key)}]`);
    case 'LenStmt':
      return line(`%${stmt.target} = len ${op(stmt.source)}`);
    case 'ScanStmt':
      line(`scan %${stmt.source} key %${stmt.key} value %${stmt.value}`);
      return printBlock(stmt.block, policy, depth + 1, lines);
    case 'NotStmt':
      line('not');
      return printBlock(stmt.block, policy, depth + 1, lines);
    case 'BlockStmt':
      line('block');
      return printBlocks(stmt.blocks, policy, depth + 1, lines);
    case 'BreakStmt':
      return line(`break ${stmt.index}`);
    case 'CallStmt':
      return line(`%${stmt.result} = call ${stmt.func}(${stmt.args.map(op).join(', ')})`);
    case 'EqualStmt':
      return line(`${op(stmt.a)} == ${op(stmt.b)}`);
    case 'NotEqualStmt':
      return line(`${op(stmt.a)} != ${op(stmt.b)}`);
    case 'IsArrayStmt':
      return line(`is array ${op(stmt.source)}`);
    case 'IsObjectStmt':
      return line(`is object ${op(stmt.source)}`);
    case 'IsSetStmt':
      return line(`is set ${op(stmt.source)}`);
    case 'IsDefinedStmt':
      return line(`is defined %${stmt.source}`);
    case 'IsUndefinedStmt':
      return line(`is undefined %${stmt.source}`);
    case 'WithStmt': {
      const path = stmt.path
        .map((index) => JSON.stringify(policy.static.strings[index]))
        .join(', ');
      line(`with %${stmt.local}[${path}] = ${op(stmt.value)}`);
      return printBlock(stmt.block, policy, depth + 1, lines);
    }
    case 'ResultSetAddStmt':
      return line(`result add %${stmt.value}`);
    case 'ReturnLocalStmt':
      return line(`return %${stmt.source}`);
  }
}

function formatOperand(operand: Operand, policy: Policy): string {
  switch (operand.kind) {
    case 'local':
      return `%${operand.local}`;
    case 'bool':
      return String(operand.value);
    case 'string':
      return JSON.stringify(policy.static.strings[operand.index] ?? `<string ${operand.index}>`);
  }
}
