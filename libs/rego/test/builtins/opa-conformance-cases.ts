import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HOST_BUILTINS } from '../../src/builtins/host';
import { OPA_CASES_ROOT } from '../shared-corpora-dir';

/** Where the OPA test vectors live (read at test time, never copied). */
export const OPA_CASES = join(OPA_CASES_ROOT, 'v1');

/** One OPA case reduced to a single host built-in call on literal arguments. */
export interface SingleCallCase {
  file: string;
  note: string;
  builtin: string;
  args: unknown[];
  /** `value`: the call returns it; `undefined`: it errors or is undefined (Wasm is non-strict). */
  expect: { kind: 'value'; value: unknown } | { kind: 'undefined'; error?: string };
}

interface RawCase {
  note: string;
  modules?: string[];
  want_result?: Array<{ x: unknown }>;
  want_error?: string;
}

const CALL = /^(?:p\s*:=\s*)?([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\((.*)\)(?:\s*==\s*(.+))?$/;

/**
 * Reads the cases of one OPA folder whose module is one rule calling one host
 * built-in on JSON-literal arguments (`p := f(...)`, `f(...) == v`, `f(..., x)`).
 * Other cases are left out; callers assert how many were found.
 */
export function singleCallCases(folder: string): SingleCallCase[] {
  const directory = join(OPA_CASES, folder);
  const found: SingleCallCase[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const document = parse(readFileSync(join(directory, file), 'utf8')) as { cases: RawCase[] };
    for (const raw of document.cases) {
      const reduced = reduce(raw);
      if (reduced) found.push({ file, note: raw.note, ...reduced });
    }
  }
  return found;
}

function reduce(raw: RawCase): Omit<SingleCallCase, 'file' | 'note'> | undefined {
  if (raw.modules?.length !== 1) return undefined;
  const body = raw.modules[0]
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('package') && !line.startsWith('#') && line !== '}');
  if (body.length > 2) return undefined;
  const head = body.length === 2 ? body[0] : '';
  const match = CALL.exec(body[body.length - 1]);
  if (!match) return undefined;
  const [, builtin, argumentText, comparedTo] = match;
  const host = HOST_BUILTINS.get(builtin);
  if (!host) return undefined;
  let text = argumentText;
  const outputVariable = /,\s*x\s*$/.test(text);
  if (outputVariable) text = text.replace(/,\s*x\s*$/, '');
  let args: unknown[];
  try {
    args = JSON.parse(`[${text}]`) as unknown[];
  } catch {
    return undefined;
  }
  if (args.length !== host.arity) return undefined;
  const wanted = raw.want_result;
  if (!wanted || wanted.length === 0)
    return { builtin, args, expect: { kind: 'undefined', error: raw.want_error } };
  const x = wanted[0].x;
  if (comparedTo !== undefined) {
    if (x !== true) return undefined;
    return { builtin, args, expect: { kind: 'value', value: JSON.parse(comparedTo) } };
  }
  // `p contains x if { f(..., x) }` yields a one-element set.
  if (head.startsWith('p contains x')) {
    if (!Array.isArray(x) || x.length !== 1) return undefined;
    return { builtin, args, expect: { kind: 'value', value: x[0] } };
  }
  return { builtin, args, expect: { kind: 'value', value: x } };
}
