/**
 * Runs the checks over every case of the shared corpora whose modules parse (read from
 * /work/shared at test time). Cases that expect no error must check clean, except the
 * listed ones where our behaviour deliberately follows OPA rather than regorus.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseDocument } from 'yaml';
import type { Module, Query } from '../../src/ast/nodes';
import { checkModules } from '../../src/check';
import { parseModule, parseQuery } from '../../src/syntax';
import { OPA_CASES_ROOT, REGORUS_CASES_ROOT } from '../shared-corpora-dir';

const CORPORA = [
  { root: OPA_CASES_ROOT, version: (): 'v0' | 'v1' => 'v1' },
  {
    root: REGORUS_CASES_ROOT,
    version: (file: string): 'v0' | 'v1' => (file.endsWith('bindings.yaml') ? 'v1' : 'v0'),
  },
];

/** `file suffix#note` → why the case is expected to fail our checks. */
const KNOWN_DIFFERENCES = new Map<string, string>([
  [
    'numbers/intn.yaml#undefined',
    'constant argument of the wrong type is a compile-time type error, as in OPA',
  ],
]);

interface CorpusCase {
  note?: string;
  modules?: string[];
  query?: string;
  want_error_code?: string;
  error?: string;
  skip?: boolean;
}

function yamlFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return path.endsWith('.yaml') ? [path] : [];
  });
}

const available = CORPORA.some((corpus) => existsSync(corpus.root));
const describeIfCorpus = available ? describe : describe.skip;

describeIfCorpus('conformance corpora check', () => {
  it('checks every parsed case without unexpected errors', () => {
    const stats = { cases: 0, clean: 0, expectedErrorsReported: 0, knownDifferences: 0 };
    const unexpected: string[] = [];
    for (const corpus of CORPORA) {
      for (const file of yamlFiles(corpus.root)) {
        const regoVersion = corpus.version(file);
        const data = parseDocument(readFileSync(file, 'utf8')).toJS() as {
          cases?: CorpusCase[];
        } | null;
        for (const testCase of data?.cases ?? []) {
          if (testCase.skip) continue;
          const modules = (testCase.modules ?? []).map(
            (source, index) => parseModule(source, `mod${index}.rego`, { regoVersion }).module,
          );
          if (modules.some((module) => module === null)) continue;
          const query = testCase.query
            ? parseQuery(testCase.query, 'query.rego', { regoVersion }).query
            : null;
          stats.cases++;
          const result = checkModules(modules as Module[], query ? [query as Query] : [], {});
          const internal = result.diagnostics.find((diagnostic) =>
            diagnostic.message.startsWith('internal error'),
          );
          const id = `${file.split('/').slice(-2).join('/')}#${testCase.note}`;
          if (internal) unexpected.push(`${id}: ${internal.message}`);
          const expectsError =
            testCase.want_error_code !== undefined || testCase.error !== undefined;
          if (result.diagnostics.length === 0) stats.clean++;
          else if (expectsError) stats.expectedErrorsReported++;
          else if (KNOWN_DIFFERENCES.has(id)) stats.knownDifferences++;
          else
            unexpected.push(
              `${id}: ${result.diagnostics[0].code}: ${result.diagnostics[0].message}`,
            );
        }
      }
    }
    console.log(`corpus check stats: ${JSON.stringify(stats)}`);
    expect(unexpected).toEqual([]);
    expect(stats.clean).toBeGreaterThan(700);
  });
});
