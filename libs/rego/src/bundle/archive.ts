/**
 * Bundle archives: a gzip-compressed tar whose files are addressed by their path without
 * the leading `/` (`data.json`, `.manifest`, `tenants/acme/policy.wasm`), which is how
 * OPA names them in signatures. Reading refuses what could make two readers disagree
 * about the content — duplicate paths, `..` segments, empty names — and caps the
 * decompressed size so that a small download cannot expand into gigabytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { BundleError } from './bundle-error';
import { readTar, writeTar } from './tar';

/** 256 MiB: far above any policy bundle, far below what would exhaust a service. */
export const DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** Path (no leading `/`) → content, in archive order. */
export type BundleFiles = Map<string, Uint8Array>;

export function packArchive(files: BundleFiles): Uint8Array {
  const entries = [...files].map(([path, data]) => ({ path: `/${normalizePath(path)}`, data }));
  // mtime 0 and a fixed gzip header keep builds reproducible.
  return new Uint8Array(gzipSync(writeTar(entries), { level: 9 }));
}

export function unpackArchive(bytes: Uint8Array, options: { maxBytes?: number } = {}): BundleFiles {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0)
    throw new BundleError('bundle is empty');
  let tar: Uint8Array;
  try {
    tar = new Uint8Array(
      gunzipSync(bytes, { maxOutputLength: options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES }),
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BundleError(`bundle is not a readable .tar.gz: ${detail}`);
  }
  const files: BundleFiles = new Map();
  for (const entry of readTar(tar)) {
    const path = normalizePath(entry.path);
    if (files.has(path)) throw new BundleError(`bundle holds ${path} twice`);
    files.set(path, entry.data);
  }
  return files;
}

/** `/a/b`, `./a/b` and `a/b` are one file; anything escaping the root is refused. */
export function normalizePath(path: string): string {
  const segments = path.replace(/^\.?\/+/, '').split('/');
  if (segments.some((segment) => segment === '..' || segment === '' || segment === '.'))
    throw new BundleError(`bundle path not allowed: ${JSON.stringify(path)}`);
  return segments.join('/');
}
