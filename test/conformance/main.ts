/**
 * `npm run conformance -- [options] [dir...]`: runs the OPA and regorus YAML corpora
 * through compile() and opa-wasm and prints one line per folder plus the totals.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InProcessCaseExecutor, WorkerCaseExecutor, type CaseExecutor } from './case-executor';
import type { CorpusFormat } from './conformance-case';
import { detectFormat } from './corpus';
import { formatReport, resultsJson } from './report';
import { runCorpora, type CorpusSelection } from './run-conformance';
import { availableDefaultCorpora, SHARED_DIR } from './shared-corpora';

const USAGE = `usage: npm run conformance -- [options] [dir...]

Runs YAML conformance cases through compile() + opa-wasm. Without dirs, runs both corpora
under ${SHARED_DIR} (OPA and regorus). The format of a dir is read from its README.md.

options:
  --json FILE        write per-case results (id, status, reason, diff) to FILE
  --format F         case format of the given dirs: opa | regorus (default: from README.md)
  --timeout MS       per-case limit, compile + evaluation (default 20000)
  --filter TEXT      only cases whose id contains TEXT
  --failures         list every failed case with its reason
  --in-process       run cases in this thread (no hard timeout; for debugging)
  -h, --help         this help

Prints one line per folder, the skip reasons, then "N passed, N failed, N skipped".
Exit code: 0 when no case failed, 1 when some did, 2 on bad arguments.`;

export interface ConformanceArgs {
  dirs: string[];
  json: string | null;
  format: CorpusFormat | null;
  timeoutMs: number;
  filter: string | null;
  listFailures: boolean;
  inProcess: boolean;
  help: boolean;
}

/** Parses the command line; throws an Error with a usage message on bad arguments. */
export function parseConformanceArgs(argv: string[]): ConformanceArgs {
  const args: ConformanceArgs = {
    dirs: [],
    json: null,
    format: null,
    timeoutMs: 20_000,
    filter: null,
    listFailures: false,
    inProcess: false,
    help: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--json') args.json = value();
    else if (arg === '--format') {
      const format = value();
      if (format !== 'opa' && format !== 'regorus')
        throw new Error(`--format must be opa or regorus, got ${format}`);
      args.format = format;
    } else if (arg === '--timeout') {
      const timeout = Number(value());
      if (!Number.isInteger(timeout) || timeout <= 0)
        throw new Error('--timeout must be a positive number of milliseconds');
      args.timeoutMs = timeout;
    } else if (arg === '--filter') args.filter = value();
    else if (arg === '--failures') args.listFailures = true;
    else if (arg === '--in-process') args.inProcess = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else args.dirs.push(arg);
  }
  return args;
}

function selectCorpora(args: ConformanceArgs): CorpusSelection[] {
  return args.dirs.map((dir) => {
    const absolute = resolve(dir);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory())
      throw new Error(`not a directory: ${dir}`);
    const format = args.format ?? detectFormat(absolute);
    if (!format)
      throw new Error(
        `cannot tell the case format of ${dir} (no README.md naming OPA or regorus); pass --format opa|regorus`,
      );
    return { dir: absolute, format };
  });
}

async function main(argv: string[]): Promise<number> {
  let args: ConformanceArgs;
  let corpora: CorpusSelection[];
  try {
    args = parseConformanceArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    corpora = args.dirs.length > 0 ? selectCorpora(args) : availableDefaultCorpora();
  } catch (error) {
    console.error(
      `conformance: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    return 2;
  }
  if (corpora.length === 0) {
    console.log(
      `conformance corpora not found: ${SHARED_DIR} (../shared relative to the repository root) is absent; nothing to run, skipped.`,
    );
    return 0;
  }
  const executor: CaseExecutor = args.inProcess
    ? new InProcessCaseExecutor()
    : new WorkerCaseExecutor(args.timeoutMs);
  try {
    const results = await runCorpora(corpora, { executor, filter: args.filter ?? undefined });
    if (args.json) writeFileSync(args.json, `${resultsJson(results)}\n`);
    for (const line of formatReport(results, { listFailures: args.listFailures }))
      console.log(line);
    return results.some((result) => result.status === 'failed') ? 1 : 0;
  } finally {
    await executor.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
