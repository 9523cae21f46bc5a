/**
 * The ratchet: runs both corpora through compile() + opa-wasm and fails when the number of
 * passing cases of a corpus drops below `ratchet.json`. Raise the numbers as the compiler
 * improves (never lower them to make this pass).
 */
import { WorkerCaseExecutor } from './case-executor';
import { countsByFormat, countsLine, skipReasons } from './report';
import { runCorpora } from './run-conformance';
import { availableDefaultCorpora, SHARED_DIR } from './shared-corpora';
import ratchet from './ratchet.json';

const corpora = availableDefaultCorpora();

describe('conformance ratchet', () => {
  if (corpora.length === 0) {
    it.skip(`skipped: conformance corpora not found at ${SHARED_DIR} (../shared relative to the repository root)`, () =>
      undefined);
    return;
  }

  it(
    'passes at least as many cases per corpus as ratchet.json records',
    async () => {
      const executor = new WorkerCaseExecutor(20_000);
      try {
        const results = await runCorpora(corpora, { executor });
        const byFormat = countsByFormat(results);
        const summary = [
          `opa: ${countsLine(byFormat.opa)} (ratchet ${ratchet.opa})`,
          `regorus: ${countsLine(byFormat.regorus)} (ratchet ${ratchet.regorus})`,
          ...skipReasons(results).map(([reason, count]) => `  skipped ${count} × ${reason}`),
        ].join('\n');
        console.log(summary);
        expect({
          opa: byFormat.opa.passed >= ratchet.opa,
          regorus: byFormat.regorus.passed >= ratchet.regorus,
        }).toEqual({ opa: true, regorus: true });
      } finally {
        await executor.close();
      }
    },
    30 * 60_000,
  );
});
