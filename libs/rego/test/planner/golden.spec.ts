/**
 * Golden IR files: each `golden/<name>.rego` is planned and printed, and the text must
 * equal `golden/<name>.ir` (regenerate with `UPDATE_GOLDEN=1`). The header comments of the
 * .rego also state what the plans must compute, checked with the reference interpreter:
 *   # entrypoints: a/b, c        # query <name>: <rego query>
 *   # input: <json>              # data: <json>
 *   # want <plan>: <json result set>
 *   # error <plan>: <error code>
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printPolicy } from '../../src/ir/printer';
import { validatePolicy } from '../../src/ir/validate';
import { EvaluationError, IrInterpreter } from './ir-interpreter';
import { planSource } from './plan-source';

const GOLDEN_DIRECTORY = join(__dirname, 'golden');

interface GoldenHeader {
  entrypoints: string[];
  queries: Array<{ name: string; source: string }>;
  input?: unknown;
  data?: unknown;
  wants: Array<{ plan: string; result: unknown }>;
  errors: Array<{ plan: string; code: string }>;
}

function readHeader(source: string): GoldenHeader {
  const header: GoldenHeader = { entrypoints: [], queries: [], wants: [], errors: [] };
  for (const line of source.split('\n')) {
    const match = /^# (entrypoints|query|input|data|want|error)( [^:]+)?:(.*)$/.exec(line);
    if (!match) continue;
    const [, key, argument, rawValue] = match;
    const value = rawValue.trim();
    const name = argument?.trim() ?? '';
    if (key === 'entrypoints')
      header.entrypoints = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
    if (key === 'query') header.queries.push({ name, source: value });
    if (key === 'input') header.input = JSON.parse(value);
    if (key === 'data') header.data = JSON.parse(value);
    if (key === 'want') header.wants.push({ plan: name, result: JSON.parse(value) });
    if (key === 'error') header.errors.push({ plan: name, code: value });
  }
  return header;
}

const files = readdirSync(GOLDEN_DIRECTORY)
  .filter((file) => file.endsWith('.rego'))
  .sort();

describe('planner golden files', () => {
  it('has golden cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(files)('%s', (file) => {
    const source = readFileSync(join(GOLDEN_DIRECTORY, file), 'utf8');
    const header = readHeader(source);
    const planned = planSource([source], {
      entrypoints: header.entrypoints,
      queries: header.queries,
    });

    it('plans valid IR without diagnostics', () => {
      expect(planned.diagnostics).toEqual([]);
      expect(validatePolicy(planned.policy!)).toEqual([]);
    });

    it('prints the expected IR', () => {
      expect(planned.policy).not.toBeNull();
      const text = printPolicy(planned.policy!);
      const goldenPath = join(GOLDEN_DIRECTORY, file.replace(/\.rego$/, '.ir'));
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath))
        writeFileSync(goldenPath, text);
      expect(text).toBe(readFileSync(goldenPath, 'utf8'));
    });

    it('computes the stated results', () => {
      expect(header.wants.length + header.errors.length).toBeGreaterThan(0);
      const interpreter = new IrInterpreter(planned.policy!);
      for (const want of header.wants) {
        const result = interpreter.evaluate(want.plan, { input: header.input, data: header.data });
        expect({ plan: want.plan, result }).toEqual({ plan: want.plan, result: want.result });
      }
      for (const error of header.errors) {
        let thrown: unknown;
        try {
          interpreter.evaluate(error.plan, { input: header.input, data: header.data });
        } catch (caught) {
          thrown = caught;
        }
        expect(thrown).toBeInstanceOf(EvaluationError);
        expect((thrown as EvaluationError).code).toBe(error.code);
      }
    });
  });
});
