/**
 * OPA's conformance cases through parse → check → plan → reference interpreter (the
 * regorus corpus too, with its own format). Cases
 * that fail only because the interpreter lacks a built-in, the parser rejects newer
 * syntax, or numbers exceed doubles are counted, not asserted one by one; the test fails
 * when fewer cases pass than this baseline or when planning crashes.
 */
import { existsSync } from 'node:fs';
import { CHECKER_IN_USE } from './plan-source';
import { REGORUS_ROOT, runRegorusFile, type RegorusOutcome } from './regorus-runner';
import {
  listCaseFiles,
  OPA_CONFORMANCE_ROOT,
  runCaseFile,
  type CaseOutcome,
} from './conformance-runner';

/**
 * A floor a little under the passing count when last recorded (514 cases: 507, with the
 * test resolver and with checkModules). The other 7 need numbers beyond doubles, which the
 * reference interpreter does not model.
 */
const MINIMUM_PASSING = 505;

const describeIfCorpus = existsSync(OPA_CONFORMANCE_ROOT) ? describe : describe.skip;

describeIfCorpus('OPA conformance through the planner', () => {
  let outcomes: CaseOutcome[] = [];

  beforeAll(() => {
    outcomes = listCaseFiles(OPA_CONFORMANCE_ROOT).flatMap(runCaseFile);
  });

  it('passes at least the recorded number of cases', () => {
    const passed = outcomes.filter((outcome) => outcome.status === 'pass').length;
    if (passed < MINIMUM_PASSING) {
      const failures = outcomes
        .filter((outcome) => outcome.status === 'fail')
        .map((outcome) => `${outcome.note}: ${outcome.detail?.slice(0, 200)}`);
      throw new Error(`${passed} passed (< ${MINIMUM_PASSING}); failures:\n${failures.join('\n')}`);
    }
    expect(passed).toBeGreaterThanOrEqual(MINIMUM_PASSING);
  });

  it('never crashes while planning or evaluating', () => {
    const crashes = outcomes.filter((outcome) => outcome.detail?.startsWith('crash:'));
    expect(crashes).toEqual([]);
  });
});

const describeIfRegorus = existsSync(REGORUS_ROOT) ? describe : describe.skip;

describeIfRegorus('regorus cases through the planner', () => {
  let outcomes: RegorusOutcome[] = [];

  beforeAll(() => {
    outcomes = listCaseFiles(REGORUS_ROOT).flatMap(runRegorusFile);
  });

  it('passes at least the recorded number of cases', () => {
    // 442 cases: 276 with the test resolver, which reports no compile errors; 403 with checkModules.
    const minimum = CHECKER_IN_USE === 'checkModules' ? 400 : 270;
    const passed = outcomes.filter((outcome) => outcome.status === 'pass').length;
    expect(passed).toBeGreaterThanOrEqual(minimum);
  });

  it('never crashes while planning or evaluating', () => {
    expect(outcomes.filter((outcome) => outcome.detail?.startsWith('crash:'))).toEqual([]);
  });
});
