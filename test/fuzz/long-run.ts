/**
 * `npm run fuzz:long`: the fuzz properties of test/fuzz with FUZZ_RUNS cases each (default
 * 200000) and a fresh seed, printed first so that a failure can be replayed exactly with
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npm run fuzz:long`. Extra arguments go to Jest; a
 * path pattern among them (`npm run fuzz:long -- wasm-json`) narrows the run to those files.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const runs = process.env.FUZZ_RUNS ?? '200000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const started = Date.now();
console.log(`fuzz:long  FUZZ_RUNS=${runs}  FUZZ_SEED=${seed}  (set both to reproduce this run)`);

const extraArguments = process.argv.slice(2);
const narrowed = extraArguments.some((argument) => !argument.startsWith('-'));
const jest = require.resolve('jest/bin/jest');
const outcome = spawnSync(
  process.execPath,
  [
    jest,
    '--runInBand',
    '--testTimeout=2147483647',
    ...(narrowed
      ? extraArguments.map((argument) =>
          argument.startsWith('-') ? argument : `test/fuzz/.*${argument}`,
        )
      : ['test/fuzz/', ...extraArguments]),
  ],
  {
    cwd: resolve(__dirname, '..', '..'),
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
  },
);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`fuzz:long finished in ${minutes} min (FUZZ_RUNS=${runs}, FUZZ_SEED=${seed})`);
process.exit(outcome.status ?? 1);
