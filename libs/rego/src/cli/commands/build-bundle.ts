/**
 * `coresdk build --bundle`: writes the compiled policies as one OPA-layout .tar.gz
 * (see libs/rego/src/bundle) instead of a directory, optionally signed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { flagValue, UsageError, type FlagSpec, type ParsedArgs } from '../args';
import { EXIT_OK, type CliIo } from '../cli-io';
import { PolicyDirError } from '../policy-dir';
import type { CompiledTarget } from './compile-tenants';

type BundleLibrary = typeof import('../../bundle');

export const BUNDLE_FLAGS: FlagSpec[] = [
  { name: 'bundle', value: false },
  { name: 'revision', value: true },
  { name: 'signing-key', value: true },
  { name: 'signing-alg', value: true },
  { name: 'key-id', value: true },
];

export const BUNDLE_USAGE = `bundle: coresdk build <dir> --bundle -o <file.tar.gz> [--revision <text>]
          [--signing-key <file> [--signing-alg RS256|ES256] [--key-id <id>]]
  --bundle                 write -o <out> as a .tar.gz in OPA's bundle layout: /.manifest
                           (revision, roots, wasm, metadata.coresdk), /data.json (from
                           <dir>/data.json, else {}), /policy.wasm (global policy) and
                           /tenants/<tenant>/policy.wasm (global + the tenant's override)
  --revision <text>        manifest revision (default: a hash of the bundle's content)
  --signing-key <file>     sign: PEM private key (RSA or P-256 EC); writes /.signatures.json,
                           a JWS over the SHA-256 of every file, as 'opa sign' does
  --signing-alg <alg>      RS256 (default) or ES256
  --key-id <id>            key id recorded in the signature (kid header and keyid claim)`;

const BUNDLE_ONLY = ['revision', 'signing-key', 'signing-alg', 'key-id'];

/** Bundle options without --bundle, or signing options without a key, are usage errors. */
export function checkBundleFlags(args: ParsedArgs): void {
  if (!args.flags.has('bundle')) {
    const stray = BUNDLE_ONLY.find((name) => args.flags.has(name));
    if (stray) throw new UsageError(`--${stray} needs --bundle`);
    return;
  }
  const algorithm = flagValue(args, 'signing-alg');
  if (algorithm !== undefined && algorithm !== 'RS256' && algorithm !== 'ES256')
    throw new UsageError(`--signing-alg must be RS256 or ES256, got ${algorithm}`);
  if (!args.flags.has('signing-key') && (algorithm !== undefined || args.flags.has('key-id')))
    throw new UsageError('--signing-alg and --key-id need --signing-key');
}

export async function writeBundleOutput(
  args: ParsedArgs,
  io: CliIo,
  targets: readonly CompiledTarget[],
  options: {
    dir: string;
    out: string;
    entrypoint: string;
    regoVersion: 'v0' | 'v1';
  },
): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundles = require('../../bundle') as BundleLibrary;
  const keyFile = flagValue(args, 'signing-key');
  const algorithm = (flagValue(args, 'signing-alg') ?? 'RS256') as 'RS256' | 'ES256';
  const signing = keyFile
    ? {
        privateKey: readText(resolve(io.cwd, keyFile), 'signing key'),
        algorithm,
        keyId: flagValue(args, 'key-id'),
      }
    : undefined;
  const modules = targets.map((target) => {
    if (!target.result.wasm) throw new Error('internal: a successful compilation has no module');
    return {
      tenant: target.tenant,
      wasm: target.result.wasm,
      entrypoints: target.result.entrypoints,
      hostBuiltins: target.result.hostBuiltins,
      pure: target.result.pure,
    };
  });
  let built;
  try {
    built = await bundles.buildBundle({
      entrypoint: options.entrypoint,
      regoVersion: options.regoVersion,
      modules,
      data: readData(options.dir),
      revision: flagValue(args, 'revision'),
      strictBuiltinErrors: args.flags.has('strict-builtin-errors'),
      signing,
    });
  } catch (error) {
    if (error instanceof bundles.BundleError) throw new PolicyDirError(error.message);
    throw error;
  }
  const outPath = resolve(io.cwd, options.out);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, built.bytes);
  const signed = signing
    ? `, signed ${algorithm}${signing.keyId ? ` (key id ${signing.keyId})` : ''}`
    : ', unsigned';
  io.stdout(
    `wrote bundle ${outPath}: revision ${built.manifest.revision}, ${modules.length} module(s)${signed}`,
  );
  return EXIT_OK;
}

function readData(dir: string): Record<string, unknown> | undefined {
  const path = join(dir, 'data.json');
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyDirError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PolicyDirError(`${path} must hold a JSON object (the base document)`);
  return value as Record<string, unknown>;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new PolicyDirError(`${what} file not found: ${path}`);
  }
}
