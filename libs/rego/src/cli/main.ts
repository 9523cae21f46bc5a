/**
 * `coresdk` command line: build, eval and check Rego policies with this repository's
 * compiler. `runCli` returns the exit code; errors never escape as stack traces.
 */
import { CapabilitiesError } from '../builtins/capabilities';
import { UsageError } from './args';
import { ConfigError } from './cli-config';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './cli-io';
import { buildCommand } from './commands/build.command';
import { checkCommand } from './commands/check.command';
import { evalCommand } from './commands/eval.command';
import { TEST_USAGE, testCommand } from './commands/test.command';
import { PolicyDirError } from './policy-dir';
import { BUILD_USAGE, CHECK_USAGE, EVAL_USAGE, MAIN_USAGE } from './usage';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  build: { run: buildCommand, usage: BUILD_USAGE },
  eval: { run: evalCommand, usage: EVAL_USAGE },
  check: { run: checkCommand, usage: CHECK_USAGE },
  test: { run: testCommand, usage: TEST_USAGE },
};

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(MAIN_USAGE);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_USAGE);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(
      `coresdk: unknown ${name.startsWith('-') ? 'flag' : 'command'} ${name}\n\n${MAIN_USAGE}`,
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`coresdk ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (
      error instanceof ConfigError ||
      error instanceof PolicyDirError ||
      error instanceof CapabilitiesError
    ) {
      io.stderr(`coresdk ${name}: ${error.message}`);
      return EXIT_FAILURE;
    }
    io.stderr(
      `coresdk ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_FAILURE;
  }
}
