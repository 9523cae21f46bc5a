import type { Block, Local, Stmt } from '../../ir/ir';
import { forEachStatement } from './ir-walk';

/**
 * The parameters of a function (or plan) that hold one value for its whole body: no
 * statement assigns, resets, replaces (`with`) or mutates them in place. A lookup with a
 * constant key on such a local gives the same answer every time, so the code generator can
 * do it once per call instead of once per loop iteration (the planner repeats `input.x`
 * inside every scan that uses it).
 */
export function invariantParams(params: readonly Local[], blocks: readonly Block[]): Set<Local> {
  const written = new Set<Local>();
  let unknownStatement = false;
  forEachStatement(blocks, (stmt) => {
    const targets = writtenLocals(stmt);
    if (targets === undefined) unknownStatement = true;
    else for (const local of targets) written.add(local);
  });
  if (unknownStatement) return new Set();
  return new Set(params.filter((local) => !written.has(local)));
}

/** Locals a statement writes or mutates; undefined for a statement this file does not know. */
function writtenLocals(stmt: Stmt): readonly Local[] | undefined {
  switch (stmt.type) {
    case 'AssignVarStmt':
    case 'AssignVarOnceStmt':
    case 'ResetLocalStmt':
    case 'MakeNullStmt':
    case 'MakeNumberIntStmt':
    case 'MakeNumberRefStmt':
    case 'MakeArrayStmt':
    case 'MakeObjectStmt':
    case 'MakeSetStmt':
    case 'ObjectMergeStmt':
    case 'DotStmt':
    case 'LenStmt':
      return [stmt.target];
    case 'ArrayAppendStmt':
      return [stmt.array];
    case 'ObjectInsertStmt':
    case 'ObjectInsertOnceStmt':
      return [stmt.object];
    case 'SetAddStmt':
      return [stmt.set];
    case 'ScanStmt':
      return [stmt.key, stmt.value];
    case 'CallStmt':
      return [stmt.result];
    case 'WithStmt':
      return [stmt.local];
    case 'NotStmt':
    case 'BlockStmt':
    case 'BreakStmt':
    case 'EqualStmt':
    case 'NotEqualStmt':
    case 'IsArrayStmt':
    case 'IsObjectStmt':
    case 'IsSetStmt':
    case 'IsDefinedStmt':
    case 'IsUndefinedStmt':
    case 'ResultSetAddStmt':
    case 'ReturnLocalStmt':
      return [];
    default:
      return undefined;
  }
}

/** Statement fields that may hold a local (numbers) or an operand naming one. */
const LOCAL_FIELDS = new Set([
  'source',
  'key',
  'value',
  'target',
  'array',
  'object',
  'set',
  'a',
  'b',
  'local',
  'result',
  'args',
]);

/**
 * How many times each local is named by the statements of a body. It over-counts (a
 * number literal in a `value` field counts too), never under-counts: a local counted once
 * is named by a single statement and read by none other.
 */
export function localMentions(blocks: readonly Block[]): Map<Local, number> {
  const mentions = new Map<Local, number>();
  const count = (local: Local) => mentions.set(local, (mentions.get(local) ?? 0) + 1);
  const visit = (value: unknown) => {
    if (typeof value === 'number') count(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (isLocalOperand(value)) count(value.local);
  };
  forEachStatement(blocks, (stmt) => {
    for (const [field, value] of Object.entries(stmt)) if (LOCAL_FIELDS.has(field)) visit(value);
  });
  return mentions;
}

function isLocalOperand(value: unknown): value is { kind: 'local'; local: Local } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'local' &&
    typeof (value as { local?: unknown }).local === 'number'
  );
}
