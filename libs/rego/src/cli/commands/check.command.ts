/** `coresdk check <dir>`: compile every tenant's policy, print diagnostics, exit 1 on errors. */
import { parseArgs, UsageError, flagValue } from '../args';
import { DEFAULT_ENTRYPOINT, loadCliConfig } from '../cli-config';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../cli-io';
import { BUILTIN_FLAGS, builtinOptionsOf } from '../capabilities-file';
import { COMMON_FLAGS, regoVersionOf } from '../common-flags';
import { readPolicyDir, sourcesOf } from '../policy-dir';
import { CHECK_USAGE } from '../usage';
import { compileTenants, formattedDiagnostics } from './compile-tenants';
import { resolve } from 'node:path';

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...COMMON_FLAGS,
    ...BUILTIN_FLAGS,
    { name: 'entrypoint', value: true },
  ]);
  if (args.flags.has('help')) {
    io.stdout(CHECK_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError('check needs exactly one policy directory');
  const dir = resolve(io.cwd, args.positionals[0]);
  const config = loadCliConfig([io.cwd, dir]);
  const policies = readPolicyDir(dir);
  const builtinOptions = builtinOptionsOf(args, io.cwd);
  const targets = await compileTenants(policies, {
    ...builtinOptions,
    entrypoint: flagValue(args, 'entrypoint') ?? config.entrypoint ?? DEFAULT_ENTRYPOINT,
    regoVersion: regoVersionOf(args, config),
  });
  const lines = await formattedDiagnostics(targets, sourcesOf(policies));
  if (lines.length > 0) io.stderr(lines.join('\n'));
  const failed = targets.filter((target) => !target.result.ok);
  if (failed.length > 0) {
    io.stderr(`${failed.length} of ${targets.length} policies have errors`);
    return EXIT_FAILURE;
  }
  io.stdout(
    `ok: ${targets.length} ${targets.length === 1 ? 'policy' : 'policies'} compiled without errors`,
  );
  return EXIT_OK;
}
