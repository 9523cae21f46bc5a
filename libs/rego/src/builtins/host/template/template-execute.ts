/**
 * Executes a parsed template over JSON values as Go's text/template does with OPA's
 * `missingkey=error`: Go's truth rules, fmt's `%v` printing (`[a b]`, `map[k:v]`,
 * `<no value>` for a missing value) and the builtin functions and, or, not, len, index,
 * eq, ne, lt, le, gt, ge, print, printf, println.
 */
import { goSprintf, type FormatArgument } from '../format/go-sprintf';
import { isJsonObject } from '../operands';
import { compareStrings } from '../values';
import {
  TemplateError,
  type Argument,
  type BlockNode,
  type Pipeline,
  type TemplateNode,
} from './template-parse';

type Scope = Map<string, unknown>;

/** Go's fmt `%v` of a value decoded from JSON (numbers print as their JSON text). */
export function goValueText(value: unknown, nested = false): string {
  if (value === null || value === undefined) return nested ? '<nil>' : '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => goValueText(item, true)).join(' ')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .sort(compareStrings)
    .map((key) => `${key}:${goValueText(record[key], true)}`);
  return `map[${entries.join(' ')}]`;
}

/** Go template truth: false, 0, nil and empty strings, arrays and maps are false. */
function isTrue(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '')
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function fieldOf(value: unknown, name: string): unknown {
  if (isJsonObject(value)) {
    if (!Object.hasOwn(value, name)) throw new TemplateError(`map has no entry for key "${name}"`);
    return value[name];
  }
  if (value === null || value === undefined)
    throw new TemplateError(`nil pointer evaluating interface {}.${name}`);
  throw new TemplateError(`can't evaluate field ${name} in type ${goTypeName(value)}`);
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'json.Number';
  if (typeof value === 'boolean') return 'bool';
  return 'interface {}';
}

/** Values `eq` and `lt` compare: data numbers are json.Number (a string kind in Go). */
function comparable(
  value: unknown,
  literal: boolean,
): { kind: string; value: string | number | boolean } {
  if (typeof value === 'number')
    return literal ? { kind: 'number', value } : { kind: 'string', value: String(value) };
  if (typeof value === 'string' || typeof value === 'boolean') return { kind: typeof value, value };
  throw new TemplateError(`invalid type for comparison: ${goTypeName(value)}`);
}

interface Evaluated {
  value: unknown;
  /** True for a literal written in the template (an int/float in Go, not a json.Number). */
  literal: boolean;
}

function compare(name: string, left: Evaluated, right: Evaluated): number {
  const a = comparable(left.value, left.literal);
  const b = comparable(right.value, right.literal);
  if (a.kind !== b.kind)
    throw new TemplateError(`error calling ${name}: incompatible types for comparison`);
  if (a.value === b.value) return 0;
  if (a.kind === 'boolean' && name !== 'eq' && name !== 'ne')
    throw new TemplateError(`error calling ${name}: invalid type for comparison`);
  return a.value < b.value ? -1 : 1;
}

function formatArgument(value: unknown): FormatArgument {
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { kind: 'int', value: BigInt(value), goType: 'int' }
      : { kind: 'float', value };
  return { kind: 'string', value: typeof value === 'string' ? value : goValueText(value) };
}

/** Go's fmt.Sprint: a space between operands when neither is a string. */
function sprint(values: unknown[]): string {
  let out = '';
  values.forEach((value, index) => {
    const isString = typeof value === 'string';
    if (index > 0 && !isString && typeof values[index - 1] !== 'string') out += ' ';
    out += goValueText(value, true);
  });
  return out;
}

function callFunction(name: string, args: Evaluated[]): unknown {
  const values = args.map((arg) => arg.value);
  const arity = (count: number) => {
    if (args.length !== count)
      throw new TemplateError(`wrong number of args for ${name}: want ${count} got ${args.length}`);
  };
  switch (name) {
    case 'and':
      return values.find((value) => !isTrue(value)) ?? values[values.length - 1];
    case 'or':
      return values.find(isTrue) ?? values[values.length - 1];
    case 'not':
      arity(1);
      return !isTrue(values[0]);
    case 'len': {
      arity(1);
      const [value] = values;
      if (typeof value === 'string') return new TextEncoder().encode(value).length;
      if (Array.isArray(value)) return value.length;
      if (isJsonObject(value)) return Object.keys(value).length;
      throw new TemplateError(`error calling len: len of type ${goTypeName(value)}`);
    }
    case 'index':
      return values.slice(1).reduce((collection, key) => {
        if (Array.isArray(collection) && typeof key === 'number') {
          if (!Number.isInteger(key) || key < 0 || key >= collection.length)
            throw new TemplateError(`error calling index: index out of range: ${key}`);
          return collection[key];
        }
        if (isJsonObject(collection) && typeof key === 'string') return collection[key] ?? null;
        throw new TemplateError(`error calling index: cannot index ${goTypeName(collection)}`);
      }, values[0]);
    case 'eq':
      if (args.length < 2) throw new TemplateError('missing argument for comparison');
      return args.slice(1).some((arg) => compare(name, args[0], arg) === 0);
    case 'ne':
      arity(2);
      return compare(name, args[0], args[1]) !== 0;
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      arity(2);
      const order = compare(name, args[0], args[1]);
      return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[name];
    }
    case 'print':
      return sprint(values);
    case 'println':
      return `${values.map((value) => goValueText(value, true)).join(' ')}\n`;
    case 'printf':
      if (typeof values[0] !== 'string') throw new TemplateError('printf needs a format string');
      return goSprintf(values[0], values.slice(1).map(formatArgument));
    default:
      throw new TemplateError(`function "${name}" not defined`);
  }
}

/** `len` answers a Go int, which compares with number literals (data numbers do not). */
function returnsGoInt(name: string): boolean {
  return name === 'len';
}

class Executor {
  private readonly scopes: Scope[];

  constructor(private readonly root: unknown) {
    this.scopes = [new Map([['$', root]])];
  }

  run(nodes: TemplateNode[], dot: unknown): string {
    let out = '';
    for (const node of nodes) out += this.node(node, dot);
    return out;
  }

  private node(node: TemplateNode, dot: unknown): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'print': {
        const value = this.pipeline(node.pipeline, dot);
        // A pipeline that declares a variable prints nothing.
        return node.pipeline.declare.length > 0 ? '' : goValueText(value);
      }
      case 'if':
      case 'with': {
        return this.scoped(() => {
          const value = this.pipeline(node.pipeline, dot);
          if (!isTrue(value)) return this.run(node.otherwise, dot);
          return this.run(node.body, node.kind === 'with' ? value : dot);
        });
      }
      case 'range':
        return this.range(node, dot);
    }
  }

  private range(node: BlockNode, dot: unknown): string {
    const { declare } = node.pipeline;
    const collection = this.pipeline({ declare: [], commands: node.pipeline.commands }, dot);
    let entries: Array<[unknown, unknown]>;
    if (Array.isArray(collection)) entries = collection.map((item, index) => [index, item]);
    else if (isJsonObject(collection))
      entries = Object.keys(collection)
        .sort(compareStrings)
        .map((key) => [key, collection[key]]);
    else if (collection === null || collection === undefined) entries = [];
    else throw new TemplateError(`range can't iterate over ${goValueText(collection)}`);
    if (entries.length === 0) return this.scoped(() => this.run(node.otherwise, dot));
    let out = '';
    for (const [key, value] of entries) {
      out += this.scoped(() => {
        const scope = this.scopes[this.scopes.length - 1];
        if (declare.length === 1) scope.set(declare[0], value);
        if (declare.length === 2) {
          scope.set(declare[0], key);
          scope.set(declare[1], value);
        }
        return this.run(node.body, value);
      });
    }
    return out;
  }

  private scoped(body: () => string): string {
    this.scopes.push(new Map());
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  private pipeline(pipeline: Pipeline, dot: unknown): unknown {
    return this.evaluatePipeline(pipeline, dot).value;
  }

  private evaluatePipeline(pipeline: Pipeline, dot: unknown): Evaluated {
    let previous: Evaluated | undefined;
    for (const command of pipeline.commands) previous = this.command(command, dot, previous);
    // The parser never produces a pipeline without a command.
    if (!previous) throw new TemplateError('missing value for command');
    const scope = this.scopes[this.scopes.length - 1];
    for (const name of pipeline.declare) scope.set(name, previous.value);
    return previous;
  }

  private command(command: Argument[], dot: unknown, piped: Evaluated | undefined): Evaluated {
    const [head, ...rest] = command;
    if (head.kind === 'function') {
      const args = rest.map((arg) => this.argument(arg, dot));
      if (piped) args.push(piped);
      return { value: callFunction(head.name, args), literal: returnsGoInt(head.name) };
    }
    if (rest.length > 0 || piped) throw new TemplateError("can't give argument to non-function");
    return this.argument(head, dot);
  }

  private argument(argument: Argument, dot: unknown): Evaluated {
    switch (argument.kind) {
      case 'literal':
        return { value: argument.value, literal: argument.literal === 'number' };
      case 'pipeline':
        return this.evaluatePipeline(argument.pipeline, dot);
      case 'function':
        return { value: callFunction(argument.name, []), literal: returnsGoInt(argument.name) };
      case 'field': {
        const base = argument.base === 'dot' ? dot : this.variable(argument.base);
        return { value: argument.path.reduce(fieldOf, base), literal: false };
      }
    }
  }

  private variable(name: string): unknown {
    for (let index = this.scopes.length - 1; index >= 0; index--) {
      if (this.scopes[index].has(name)) return this.scopes[index].get(name);
    }
    throw new TemplateError(`undefined variable: ${name}`);
  }
}

/** Renders parsed `nodes` with `data` as both `.` and `$`. */
export function executeTemplate(nodes: TemplateNode[], data: unknown): string {
  return new Executor(data).run(nodes, data);
}
