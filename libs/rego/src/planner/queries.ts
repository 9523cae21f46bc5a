import type { Query, Term } from '../ast/nodes';
import type { Block, Plan } from '../ir/ir';
import type { Location } from '../syntax/location';
import { planBody } from './bodies';
import { NO_OVERRIDES } from './overrides';
import type { Planner } from './planner';
import { planDataDocument } from './refs';
import { emit, local, stringOperand } from './scope';

/** An entrypoint `a/b/c`: the value of `data.a.b.c`, added as `{"result": v}` when defined. */
export function planEntrypoint(planner: Planner, entrypoint: string): Plan {
  const keys = entrypoint.split('/').filter((key) => key.length > 0);
  const node = planner.tree.find(keys);
  const location: Location = node?.rules[0]?.rule.location ??
    node?.functions[0]?.location ?? { file: '', line: 0, col: 0, offset: 0 };
  if (node && node.functions.length > 0 && node.rules.length === 0) {
    planner.error(`entrypoint ${entrypoint} is a function, not a document`, location);
  }
  const root: Block = { stmts: [] };
  const scope = planner.newScope(root, 2, NO_OVERRIDES);
  const path: Term[] = keys.map((key) => ({ type: 'string', value: key, location }));
  planDataDocument(scope, path, location, (value) => {
    const object = scope.emitter.newLocal();
    emit(scope, { type: 'MakeObjectStmt', target: object, location });
    const key = stringOperand(scope, 'result');
    emit(scope, { type: 'ObjectInsertStmt', key, value, object, location });
    emit(scope, { type: 'ResultSetAddStmt', value: object, location });
  });
  return { name: entrypoint, blocks: [root], location };
}

/** A query: one object of its (non-generated) variable bindings per solution. */
export function planQuery(planner: Planner, name: string, query: Query): Plan {
  const location: Location = query.body[0]?.location ?? {
    file: query.file,
    line: 1,
    col: 1,
    offset: 0,
  };
  const root: Block = { stmts: [] };
  const scope = planner.newScope(root, 2, NO_OVERRIDES);
  const names = userVariables(query);
  planBody(scope, query.body, () => {
    const object = scope.emitter.newLocal();
    emit(scope, { type: 'MakeObjectStmt', target: object, location });
    for (const variable of names) {
      const bound = scope.vars.get(variable);
      if (bound === undefined) continue;
      const key = stringOperand(scope, variable);
      emit(scope, { type: 'ObjectInsertStmt', key, value: local(bound), object, location });
    }
    emit(scope, { type: 'ResultSetAddStmt', value: object, location });
  });
  return { name, blocks: [root], location };
}

/** Variable names written by the user in the query, in order of first appearance. */
function userVariables(query: Query): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (node.type === 'var') {
      const name = node.name as string;
      const generated = node.generated === true || name.startsWith('$');
      if (!generated && name !== 'input' && name !== 'data' && !names.includes(name))
        names.push(name);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'location') visit(child);
  };
  visit(query.body);
  return names;
}
