/**
 * Prints AST nodes back as Rego v1 source. Used by round-trip tests and to show what the
 * checks rewrote. Infix operators are printed with parentheses around nested operations,
 * so precedence never has to be reconstructed; generated wildcards print as `_`.
 */
import type { Body, Import, Literal, Module, Query, Rule, Term, WithModifier } from './nodes';

const INFIX: Readonly<Record<string, string>> = {
  eq: '=',
  assign: ':=',
  equal: '==',
  neq: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  plus: '+',
  minus: '-',
  mul: '*',
  div: '/',
  rem: '%',
  and: '&',
  or: '|',
  'internal.member_2': 'in',
};
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function printModule(module: Module): string {
  const lines = [
    `package ${printPath(module.package.path)}`,
    ...module.imports.map(printImport),
    ...module.rules.map(printRule),
  ];
  return `${lines.join('\n')}\n`;
}

export function printQuery(query: Query): string {
  return query.body.map(printLiteral).join('; ');
}

function printPath(path: string[]): string {
  return path
    .map((part, index) =>
      IDENTIFIER.test(part) ? `${index === 0 ? '' : '.'}${part}` : `[${JSON.stringify(part)}]`,
    )
    .join('');
}

function printImport(node: Import): string {
  return `import ${printTerm(node.path)}${node.alias ? ` as ${node.alias}` : ''}`;
}

export function printRule(rule: Rule): string {
  const [name, ...rest] = rule.head.ref;
  let text = rule.isDefault ? 'default ' : '';
  text += name.type === 'string' ? name.value : printTerm(name);
  for (const part of rest) text += printRefPart(part);
  if (rule.head.args) text += `(${rule.head.args.map(printTerm).join(', ')})`;
  if (rule.kind === 'set' && rule.head.key) text += ` contains ${printTerm(rule.head.key)}`;
  if (rule.head.value) text += ` ${rule.head.assign ? ':=' : '='} ${printTerm(rule.head.value)}`;
  if (rule.body.length > 0) text += ` if ${printBody(rule.body)}`;
  for (const clause of rule.elseChain) {
    text += ' else';
    if (clause.value) text += ` = ${printTerm(clause.value)}`;
    if (clause.body.length > 0) text += ` if ${printBody(clause.body)}`;
  }
  return text;
}

export function printBody(body: Body): string {
  return `{ ${body.map(printLiteral).join('; ')} }`;
}

export function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'expr':
      return `${literal.negated ? 'not ' : ''}${printTopTerm(literal.term)}${printWith(literal.with)}`;
    case 'some':
      return `some ${literal.vars.map(printTerm).join(', ')}`;
    case 'somein': {
      const key = literal.key ? `${printTerm(literal.key)}, ` : '';
      return `some ${key}${printTerm(literal.value)} in ${printTerm(literal.collection)}${printWith(literal.with)}`;
    }
    case 'every': {
      const key = literal.key ? `${printTerm(literal.key)}, ` : '';
      return `every ${key}${printTerm(literal.value)} in ${printTerm(literal.domain)} ${printBody(literal.body)}${printWith(literal.with)}`;
    }
  }
}

function printWith(modifiers: WithModifier[]): string {
  return modifiers
    .map((modifier) => ` with ${printTerm(modifier.target)} as ${printTerm(modifier.value)}`)
    .join('');
}

/** A literal's own term: its outermost operator needs no parentheses (and `k, v in` allows none). */
function printTopTerm(term: Term): string {
  if (term.type !== 'call') return printTerm(term);
  const name = term.operator.join('.');
  if ((name === 'eq' || name === 'assign') && term.args.length === 2) {
    return `${printTopTerm(term.args[0])} ${INFIX[name]} ${printTopTerm(term.args[1])}`;
  }
  if (name === 'internal.member_3' && term.args.length === 3) {
    return `${printTerm(term.args[0])}, ${printTerm(term.args[1])} in ${printTerm(term.args[2])}`;
  }
  return printTerm(term);
}

export function printTerm(term: Term): string {
  switch (term.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(term.value);
    case 'number':
      return term.text;
    case 'string':
      return JSON.stringify(term.value);
    case 'var':
      return term.generated && term.name.startsWith('$_') ? '_' : term.name;
    case 'ref':
      return printTerm(term.head) + term.path.map(printRefPart).join('');
    case 'array':
      return `[${term.items.map(printTerm).join(', ')}]`;
    case 'set':
      return term.items.length === 0 ? 'set()' : `{${term.items.map(printTerm).join(', ')}}`;
    case 'object':
      return `{${term.entries.map(([key, value]) => `${printTerm(key)}: ${printTerm(value)}`).join(', ')}}`;
    case 'arraycomprehension':
      return `[${printTerm(term.head)} | ${printLiterals(term.body)}]`;
    case 'setcomprehension':
      return `{${printTerm(term.head)} | ${printLiterals(term.body)}}`;
    case 'objectcomprehension':
      return `{${printTerm(term.key)}: ${printTerm(term.value)} | ${printLiterals(term.body)}}`;
    case 'call':
      return printCall(term.operator, term.args);
  }
}

function printCall(operator: string[], args: Term[]): string {
  const infix = INFIX[operator.join('.')];
  if (infix && args.length === 2) return `(${printTerm(args[0])} ${infix} ${printTerm(args[1])})`;
  if (operator.join('.') === 'internal.member_3' && args.length === 3) {
    return `internal.member_3(${args.map(printTerm).join(', ')})`;
  }
  return `${operator.join('.')}(${args.map(printTerm).join(', ')})`;
}

function printLiterals(body: Body): string {
  return body.map(printLiteral).join('; ');
}

function printRefPart(part: Term): string {
  if (part.type === 'string' && IDENTIFIER.test(part.value)) return `.${part.value}`;
  return `[${printTerm(part)}]`;
}
