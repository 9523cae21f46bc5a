/** `coresdk eval -d <dir> [-i input.json] [--tenant t] '<query>'`: print the result set as JSON. */
import { loadToolchain } from '../load-toolchain';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flagValue, parseArgs, UsageError } from '../args';
import { loadCliConfig } from '../cli-config';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../cli-io';
import { BUILTIN_FLAGS, builtinOptionsOf } from '../capabilities-file';
import { COMMON_FLAGS, regoVersionOf } from '../common-flags';
import { modulesForTenant, PolicyDirError, readPolicyDir, sourcesOf } from '../policy-dir';
import { bindRefQuery, isVarlessRefQuery, VALUE_VARIABLE } from '../query-shape';
import { isValidTenantName, TENANT_NAME_PATTERN } from '../tenant-name';
import { EVAL_USAGE } from '../usage';

const QUERY_ENTRYPOINT = 'eval';

export async function evalCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...COMMON_FLAGS,
    ...BUILTIN_FLAGS,
    { name: 'data', short: 'd', value: true },
    { name: 'input', short: 'i', value: true },
    { name: 'tenant', value: true },
  ]);
  if (args.flags.has('help')) {
    io.stdout(EVAL_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1) throw new UsageError('eval needs exactly one query');
  const dirFlag = flagValue(args, 'data');
  if (!dirFlag) throw new UsageError('eval needs -d <dir>');
  const tenant = flagValue(args, 'tenant') ?? null;
  if (tenant !== null && !isValidTenantName(tenant))
    throw new UsageError(
      `invalid tenant ${JSON.stringify(tenant)}: must match ${TENANT_NAME_PATTERN.source}`,
    );
  const query = args.positionals[0];
  const dir = resolve(io.cwd, dirFlag);
  const config = loadCliConfig([io.cwd, dir]);
  const policies = readPolicyDir(dir);
  const builtinOptions = builtinOptionsOf(args, io.cwd);
  const input = readJsonFile(io.cwd, flagValue(args, 'input'), 'input');
  const dataPath = join(dir, 'data.json');
  const data = existsSync(dataPath) ? readJsonFile(io.cwd, dataPath, 'data') : undefined;

  const { compileModules, formatDiagnostics, loadCompiledPolicy, queryFileName } = loadToolchain();
  const varless = isVarlessRefQuery(query);
  const querySource = varless ? bindRefQuery(query) : query;
  const compiled = compileModules(modulesForTenant(policies, tenant), {
    entrypoints: [],
    queries: [{ name: QUERY_ENTRYPOINT, source: querySource }],
    regoVersion: regoVersionOf(args, config),
    ...builtinOptions,
  });
  const sources = sourcesOf(policies);
  sources.set(queryFileName(QUERY_ENTRYPOINT), querySource);
  const lines = formatDiagnostics(compiled.diagnostics, sources);
  if (lines.length > 0) io.stderr(lines.join('\n'));
  if (!compiled.ok || !compiled.wasm) return EXIT_FAILURE;

  let resultSet: unknown;
  try {
    const policy = await loadCompiledPolicy(
      { wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins },
      {
        strictBuiltinErrors: builtinOptions.strictBuiltinErrors,
        // print() and trace() output goes to stderr, keeping stdout the JSON result.
        print: (line) => io.stderr(line),
      },
    );
    if (data !== undefined) policy.setData(data as object);
    // opa-wasm treats JS-falsy inputs as "no input"; JSON text keeps them.
    const sdkInput = input === undefined || input ? input : jsonBytes(input);
    resultSet = await policy.evaluate(sdkInput, QUERY_ENTRYPOINT);
  } catch (error) {
    io.stderr(`evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
  io.stdout(JSON.stringify(toOpaOutput(resultSet, varless ? query.trim() : null), null, 2));
  return EXIT_OK;
}

/** Shapes the module's result set like `opa eval` (see EVAL_USAGE). */
export function toOpaOutput(resultSet: unknown, varlessQuery: string | null): object {
  const solutions = Array.isArray(resultSet) ? (resultSet as Array<Record<string, unknown>>) : [];
  if (solutions.length === 0) return {};
  return {
    result: solutions.map((bindings) =>
      varlessQuery !== null
        ? { expressions: [{ value: bindings[VALUE_VARIABLE], text: varlessQuery }] }
        : { bindings },
    ),
  };
}

/** JSON text as an ArrayBuffer of exactly its bytes. */
function jsonBytes(value: unknown): ArrayBuffer {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function readJsonFile(cwd: string, path: string | undefined, what: string): unknown {
  if (path === undefined) return undefined;
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    throw new PolicyDirError(`${what} file not found: ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyDirError(
      `${what} file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
