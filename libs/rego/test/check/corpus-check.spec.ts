/**
 * Runs the checks over every case of the shared corpora whose modules parse (read from
 * ../shared at test time). Cases that expect no error must check clean, except the
 * listed ones where our behaviour deliberately follows OPA rather than regorus.
 */
import { existsSync } from 'fs';
import type { Module, Query } from '../../src/ast/nodes';
import { checkModules } from '../../src/check';
import { parseModule, parseQuery } from '../../src/syntax';
import { corpusYamlFiles, loadCorpusCases, SHARED_CORPORA } from '../shared-corpora-dir';

/** `file suffix#note` → why the case is expected to fail our checks. */
const KNOWN_DIFFERENCES = new Map<string, string>([
  [
    'numbers/intn.yaml#undefined',
    'constant argument of the wrong type is a compile-time type error, as in OPA',
  ],
]);

const available = SHARED_CORPORA.some((corpus) => existsSync(corpus.root));
const describeIfCorpus = available ? describe : describe.skip;

describeIfCorpus('conformance corpora check', () => {
  it('checks every parsed case without unexpected errors', () => {
    const stats = { cases: 0, clean: 0, expectedErrorsReported: 0, knownDifferences: 0 };
    const unexpected: string[] = [];
    for (const corpus of SHARED_CORPORA) {
      for (const file of corpusYamlFiles(corpus.root)) {
        const regoVersion = corpus.version(file);
        for (const testCase of loadCorpusCases(file)) {
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
