/**
 * Small constructors for hand-built IR in tests: they fill in locations and keep the
 * test policies readable.
 */
import type { Block, Func, Local, Operand, Plan, Policy, Stmt } from '../../src/ir/ir';
import type { Location } from '../../src/syntax/location';

export const AT: Location = { file: 'test.rego', line: 1, col: 1, offset: 0 };

type Without<T> = T extends unknown ? Omit<T, 'location'> : never;

export function stmt(body: Without<Stmt>): Stmt {
  return { ...body, location: AT } as Stmt;
}

export const local = (index: Local): Operand => ({ kind: 'local', local: index });
export const str = (index: number): Operand => ({ kind: 'string', index });
export const bool = (value: boolean): Operand => ({ kind: 'bool', value });
export const block = (...stmts: Stmt[]): Block => ({ stmts });

/** A plan that calls rule function `func` and adds `{"result": value}` when it is defined. */
export function rulePlan(name: string, func: string, resultKey: number): Plan {
  return {
    name,
    blocks: [
      block(
        stmt({ type: 'CallStmt', func, args: [local(0), local(1)], result: 2 }),
        stmt({ type: 'MakeObjectStmt', target: 3 }),
        stmt({ type: 'ObjectInsertStmt', key: str(resultKey), value: local(2), object: 3 }),
        stmt({ type: 'ResultSetAddStmt', value: 3 }),
      ),
    ],
  };
}

/** A rule function of input and data whose value is in local 2. */
export function ruleFunc(name: string, blocks: Block[]): Func {
  return { name, path: ['data', ...name.split('.')], params: [0, 1], returnLocal: 2, blocks };
}

export function policy(parts: {
  strings: string[];
  numbers?: string[];
  plans: Plan[];
  funcs?: Func[];
  builtins?: Array<{ name: string; arity: number }>;
}): Policy {
  return {
    static: {
      strings: parts.strings,
      numbers: parts.numbers ?? [],
      builtins: parts.builtins ?? [],
      files: ['test.rego'],
    },
    plans: parts.plans,
    funcs: parts.funcs ?? [],
  };
}
