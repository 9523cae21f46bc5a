import { BuiltinError } from '../../src/builtins/builtin-error';
import { call } from './host-test-helpers';
import { singleCallCases } from './opa-conformance-cases';
import { SHARED_CORPORA_PRESENT, SHARED_DIR } from '../shared-corpora-dir';

// Folder → the least number of cases that must be recognised, so a reader change cannot make this vacuous.
const FOLDERS: Array<[string, number]> = [
  ['units', 90],
  ['semverisvalid', 10],
  ['semvercompare', 5],
  ['regexmatch', 6],
  ['regexsplit', 5],
  ['globmatch', 14],
  ['strings', 9],
  ['netcidrcontains', 2],
  ['base64builtins', 2],
  ['base64urlbuiltins', 2],
];

if (!SHARED_CORPORA_PRESENT) {
  it.skip(`skipped: OPA conformance cases not found at ${SHARED_DIR} (../shared beside the repository)`, () =>
    undefined);
}

(SHARED_CORPORA_PRESENT ? describe.each(FOLDERS) : describe.skip.each(FOLDERS))(
  'OPA conformance cases in %s',
  (folder, minimum) => {
    const cases = singleCallCases(folder);

    it(`recognises at least ${minimum} single-call cases`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(cases.map((testCase) => [`${testCase.file}: ${testCase.note}`, testCase] as const))(
      '%s',
      (_, testCase) => {
        if (testCase.expect.kind === 'value') {
          expect(call(testCase.builtin, ...testCase.args)).toEqual(testCase.expect.value);
          return;
        }
        let outcome: unknown;
        try {
          outcome = call(testCase.builtin, ...testCase.args);
        } catch (error) {
          expect(error).toBeInstanceOf(BuiltinError);
          if (testCase.expect.error)
            expect((error as Error).message).toContain(testCase.expect.error);
          return;
        }
        expect(outcome).toBeUndefined();
      },
    );
  },
);
