/** `coresdk build <dir> -o <out>`: one .wasm per tenant plus manifest.json. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flagValue, parseArgs, UsageError } from '../args';
import { DEFAULT_ENTRYPOINT, loadCliConfig } from '../cli-config';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../cli-io';
import { BUILTIN_FLAGS, builtinOptionsOf } from '../capabilities-file';
import { COMMON_FLAGS, regoVersionOf } from '../common-flags';
import { PolicyDirError, readPolicyDir, sourcesOf } from '../policy-dir';
import { isValidTenantName, TENANT_NAME_PATTERN } from '../tenant-name';
import { BUILD_USAGE } from '../usage';
import { compileTenants, formattedDiagnostics, type CompiledTarget } from './compile-tenants';
import { BUNDLE_FLAGS, checkBundleFlags, writeBundleOutput } from './build-bundle';

export const GLOBAL_WASM = 'global.wasm';

export interface ManifestEntry {
  file: string;
  sha256: string;
  entrypoints: Record<string, number>;
  hostBuiltins: string[];
}

export interface Manifest {
  regoVersion: 'v0' | 'v1';
  /** Load the modules with strict built-in errors too (host built-ins fail the evaluation). */
  strictBuiltinErrors: boolean;
  entrypoint: string;
  /** The global-only module, for tenants without their own file; null without global.rego. */
  global: ManifestEntry | null;
  tenants: Record<string, ManifestEntry>;
}

export async function buildCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...COMMON_FLAGS,
    ...BUILTIN_FLAGS,
    { name: 'out', short: 'o', value: true },
    { name: 'entrypoint', value: true },
    ...BUNDLE_FLAGS,
  ]);
  if (args.flags.has('help')) {
    io.stdout(BUILD_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError('build needs exactly one policy directory');
  const out = flagValue(args, 'out');
  if (!out) throw new UsageError('build needs -o <out>');
  checkBundleFlags(args);
  const dir = resolve(io.cwd, args.positionals[0]);
  const config = loadCliConfig([io.cwd, dir]);
  const policies = readPolicyDir(dir);
  for (const tenant of config.tenantIds) {
    if (!isValidTenantName(tenant))
      throw new PolicyDirError(
        `invalid tenant id ${JSON.stringify(tenant)} in ${config.file}: must match ${TENANT_NAME_PATTERN.source}`,
      );
  }
  const orphans = config.tenantIds.filter(
    (tenant) => !policies.global && !policies.tenants.has(tenant),
  );
  if (orphans.length > 0) {
    throw new PolicyDirError(
      `tenants declared in ${config.file} have no policy (no global.rego and no tenants/<tenant>.rego): ${orphans.join(', ')}`,
    );
  }
  const entrypoint = flagValue(args, 'entrypoint') ?? config.entrypoint ?? DEFAULT_ENTRYPOINT;
  const regoVersion = regoVersionOf(args, config);
  const builtinOptions = builtinOptionsOf(args, io.cwd);
  const targets = await compileTenants(policies, { entrypoint, regoVersion, ...builtinOptions });
  const lines = await formattedDiagnostics(targets, sourcesOf(policies));
  if (lines.length > 0) io.stderr(lines.join('\n'));
  if (targets.some((target) => !target.result.ok)) {
    io.stderr('build failed: nothing written');
    return EXIT_FAILURE;
  }
  if (args.flags.has('bundle'))
    return writeBundleOutput(args, io, targets, { dir, out, entrypoint, regoVersion });

  const outDir = resolve(io.cwd, out);
  mkdirSync(outDir, { recursive: true });
  const manifest: Manifest = {
    regoVersion,
    strictBuiltinErrors: builtinOptions.strictBuiltinErrors,
    entrypoint,
    global: null,
    tenants: {},
  };
  for (const target of targets) {
    const entry = writeTarget(outDir, target);
    if (target.tenant === null) manifest.global = entry;
    else manifest.tenants[target.tenant] = entry;
  }
  // Declared tenants without a file of their own share the global module.
  for (const tenant of config.tenantIds) {
    if (!manifest.tenants[tenant] && manifest.global) manifest.tenants[tenant] = manifest.global;
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  io.stdout(`wrote ${targets.length} module(s) and manifest.json to ${outDir}`);
  return EXIT_OK;
}

function writeTarget(outDir: string, target: CompiledTarget): ManifestEntry {
  const wasm = target.result.wasm;
  if (!wasm) throw new Error('internal: a successful compilation has no module');
  // Tenant names were validated when the directory was read, so they are safe file names.
  // Tenants go below tenants/ (as in the policy directory), so a tenant named `global`
  // cannot overwrite the global module.
  const file = target.tenant === null ? GLOBAL_WASM : `tenants/${target.tenant}.wasm`;
  mkdirSync(join(outDir, 'tenants'), { recursive: true });
  writeFileSync(join(outDir, file), wasm);
  return {
    file,
    sha256: createHash('sha256').update(wasm).digest('hex'),
    entrypoints: target.result.entrypoints,
    hostBuiltins: target.result.hostBuiltins,
  };
}
