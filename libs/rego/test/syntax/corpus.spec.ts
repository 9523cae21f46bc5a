/**
 * Parses every module of the shared conformance corpora (read from ../shared at test
 * time, never copied): OPA cases as v1, regorus cases as v0 except `bindings.yaml`.
 * Known-unsupported inputs are listed with the reason; everything else must parse, and
 * cases that expect a parse error must get one.
 */
import { existsSync } from 'fs';
import { parseModule, parseQuery } from '../../src/syntax';
import { corpusYamlFiles, loadCorpusCases, SHARED_CORPORA } from '../shared-corpora-dir';

/** Modules we reject on purpose, matched by a fragment of their source. */
const KNOWN_UNSUPPORTED: Array<[fragment: string, reason: string]> = [];

/** regorus `error:` texts that denote a syntax error in a module. */
const REGORUS_PARSE_ERROR =
  /unexpected|invalid whitespace|keyword is required|rule name|must have a body|import path|in default value|shadows previous import|unary -|expecting `\)`/i;

const available = SHARED_CORPORA.some((corpus) => existsSync(corpus.root));
const describeIfCorpus = available ? describe : describe.skip;

describeIfCorpus('conformance corpora parse', () => {
  it('parses every valid module and rejects the modules that must not parse', () => {
    const stats = {
      modules: 0,
      parsed: 0,
      unsupported: 0,
      expectedErrors: 0,
      expectedErrorsFound: 0,
      queries: 0,
      queriesParsed: 0,
    };
    const failures: string[] = [];
    const missedErrors: string[] = [];
    for (const corpus of SHARED_CORPORA) {
      for (const file of corpusYamlFiles(corpus.root)) {
        const regoVersion = corpus.version(file);
        for (const [index, testCase] of loadCorpusCases(file).entries()) {
          if (testCase.skip) continue;
          const wantsParseError =
            testCase.want_error_code === 'rego_parse_error' ||
            (testCase.error !== undefined && REGORUS_PARSE_ERROR.test(testCase.error));
          let caseFailed = false;
          for (const [moduleIndex, source] of (testCase.modules ?? []).entries()) {
            stats.modules++;
            const result = parseModule(source, `mod${moduleIndex}.rego`, { regoVersion });
            if (result.module) stats.parsed++;
            else caseFailed = true;
            if (!result.module && !wantsParseError) {
              if (KNOWN_UNSUPPORTED.some(([fragment]) => source.includes(fragment)))
                stats.unsupported++;
              else
                failures.push(
                  `${file}#${index} ${testCase.note}: ${result.diagnostics[0]?.message}`,
                );
            }
          }
          if (wantsParseError) {
            stats.expectedErrors++;
            if (caseFailed) stats.expectedErrorsFound++;
            else
              missedErrors.push(
                `${file}#${index} ${testCase.note}: ${testCase.error ?? testCase.want_error_code}`,
              );
          }
          if (testCase.query) {
            stats.queries++;
            if (parseQuery(testCase.query, 'query.rego', { regoVersion }).query)
              stats.queriesParsed++;
          }
        }
      }
    }
    // The counts are the report the brief asks for; printed so CI logs show them.
    console.log(`corpus parse stats: ${JSON.stringify(stats)}`);
    expect(failures).toEqual([]);
    expect(missedErrors).toEqual([]);
    expect(stats.queriesParsed).toBe(stats.queries);
    expect(stats.parsed).toBeGreaterThan(800);
  });
});
