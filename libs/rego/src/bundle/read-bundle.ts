/**
 * Reads a bundle, verifying its signature when a verification key is configured.
 *
 * With a key, a bundle is refused when it has no `/.signatures.json`, when the JWS does not
 * verify with that key and algorithm, when the key id or scope differ from the configured
 * ones, when a file's hash differs from the signed one, when a file is not covered by the
 * signature, or when a signed file is missing — as OPA refuses them. Without a key the
 * bundle is read as is and reported as not verified (`signature: 'unsigned' |
 * 'not-verified'`); configure a key wherever bundles come from an untrusted place.
 */
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { unpackArchive, normalizePath, type BundleFiles } from './archive';
import { BundleError } from './bundle-error';
import { HASH_ALGORITHM, hashBundleFile, parseJsonFile } from './file-hash';
import {
  DATA_FILE,
  MANIFEST_FILE,
  SIGNATURES_FILE,
  validateManifest,
  type BundleManifest,
  type CoreSdkModuleEntry,
} from './manifest';
import { verifySignature, type SigningAlgorithm } from './signing';

export interface VerificationOptions {
  /** PEM public key, JWK, or KeyObject. */
  publicKey: string | KeyObject | JsonWebKey;
  /** Expected JWS algorithm; by default RS256 for an RSA key, ES256 for an EC key. */
  algorithm?: SigningAlgorithm;
  /** When set, the signature's key id (`kid` header or `keyid` claim) must equal it. */
  keyId?: string;
  /** The signature's `scope` must equal this (both absent is equal). */
  scope?: string;
}

export interface ReadBundleOptions {
  /** Verify the signature with this key; without it the bundle is not verified. */
  verification?: VerificationOptions;
  /** Cap on the decompressed size (default 256 MiB). */
  maxBytes?: number;
}

export interface BundleModuleFile extends CoreSdkModuleEntry {
  wasm: Uint8Array;
}

export interface PolicyBundle {
  manifest: BundleManifest;
  data: Record<string, unknown>;
  /** Every file, by path without the leading `/`. */
  files: BundleFiles;
  /** The modules named by `metadata.coresdk` (empty for bundles built elsewhere). */
  global: BundleModuleFile | null;
  tenants: Map<string, BundleModuleFile>;
  signature: 'verified' | 'unsigned' | 'not-verified';
}

export async function readBundle(
  bytes: Uint8Array,
  options: ReadBundleOptions = {},
): Promise<PolicyBundle> {
  const files = unpackArchive(bytes, { maxBytes: options.maxBytes });
  const signed = files.has(SIGNATURES_FILE);
  if (options.verification) await verifyFiles(files, options.verification);
  return {
    ...parseContent(files),
    files,
    signature: options.verification ? 'verified' : signed ? 'not-verified' : 'unsigned',
  };
}

/** `readBundle` with a required key: resolves only for a bundle whose signature verifies. */
export async function verifyBundle(
  bytes: Uint8Array,
  verification: VerificationOptions,
  options: { maxBytes?: number } = {},
): Promise<PolicyBundle> {
  if (!verification?.publicKey) throw new BundleError('verifyBundle needs a publicKey');
  return readBundle(bytes, { ...options, verification });
}

async function verifyFiles(files: BundleFiles, verification: VerificationOptions): Promise<void> {
  const signaturesFile = files.get(SIGNATURES_FILE);
  if (!signaturesFile)
    throw new BundleError(
      `bundle is not signed (no ${SIGNATURES_FILE}) but a verification key is configured`,
    );
  const signatures = (parseJsonFile(SIGNATURES_FILE, signaturesFile) as { signatures?: unknown })
    ?.signatures;
  if (!Array.isArray(signatures) || signatures.length !== 1 || typeof signatures[0] !== 'string')
    throw new BundleError(`${SIGNATURES_FILE} must hold exactly one signature (a compact JWS)`);
  const { payload, keyId } = await verifySignature(
    signatures[0],
    verification.publicKey,
    verification.algorithm,
  );
  if (verification.keyId !== undefined && keyId !== verification.keyId)
    throw new BundleError(
      `bundle signed with key id ${JSON.stringify(keyId ?? null)}, expected ${JSON.stringify(verification.keyId)}`,
    );
  if ((payload.scope ?? '') !== (verification.scope ?? ''))
    throw new BundleError('bundle signature scope mismatch');

  const signedFiles = new Map<string, { hash: string; algorithm: string }>();
  for (const file of payload.files) {
    if (typeof file?.name !== 'string' || typeof file.hash !== 'string')
      throw new BundleError('bundle signature lists a file without name or hash');
    signedFiles.set(normalizePath(file.name), file);
  }
  for (const [path, content] of files) {
    if (path === SIGNATURES_FILE) continue;
    const signed = signedFiles.get(path);
    if (!signed) throw new BundleError(`${path} is not covered by the bundle signature`);
    if (signed.algorithm !== HASH_ALGORITHM)
      throw new BundleError(
        `${path}: unsupported hash algorithm ${JSON.stringify(signed.algorithm)}`,
      );
    if (hashBundleFile(path, content) !== signed.hash.toLowerCase())
      throw new BundleError(`${path}: digest mismatch (the file was changed after signing)`);
    signedFiles.delete(path);
  }
  if (signedFiles.size > 0)
    throw new BundleError(
      `signed file(s) missing from the bundle: ${[...signedFiles.keys()].join(', ')}`,
    );
}

function parseContent(files: BundleFiles): Omit<PolicyBundle, 'files' | 'signature'> {
  const manifestFile = files.get(MANIFEST_FILE);
  const names = new Set(files.keys());
  const manifest = manifestFile
    ? validateManifest(parseJsonFile(MANIFEST_FILE, manifestFile), names)
    : { revision: '', roots: [''], wasm: [] };
  const dataFile = files.get(DATA_FILE);
  const data = dataFile ? parseJsonFile(DATA_FILE, dataFile) : {};
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new BundleError(`${DATA_FILE} must hold a JSON object`);
  const metadata = manifest.metadata?.coresdk;
  const withWasm = (entry: CoreSdkModuleEntry): BundleModuleFile => ({
    ...entry,
    wasm: files.get(normalizePath(entry.module)) as Uint8Array,
  });
  return {
    manifest,
    data: data as Record<string, unknown>,
    global: metadata?.global ? withWasm(metadata.global) : null,
    tenants: new Map(
      Object.entries(metadata?.tenants ?? {}).map(([tenant, entry]) => [tenant, withWasm(entry)]),
    ),
  };
}
