/**
 * SHA-256 of a bundle file as OPA's signatures state it: structured files (`data.json`,
 * `.manifest`, anywhere in the tree) are hashed over their canonical JSON form, every other
 * file over its bytes.
 */
import { createHash } from 'node:crypto';
import { BundleError } from './bundle-error';
import { canonicalJson } from './canonical-json';

export const HASH_ALGORITHM = 'SHA-256';

const STRUCTURED = new Set(['data.json', '.manifest']);

export function isStructuredFile(path: string): boolean {
  return STRUCTURED.has(path.slice(path.lastIndexOf('/') + 1));
}

export function hashBundleFile(path: string, content: Uint8Array): string {
  const hash = createHash('sha256');
  if (isStructuredFile(path)) hash.update(canonicalJson(parseJsonFile(path, content)));
  else hash.update(content);
  return hash.digest('hex');
}

export function parseJsonFile(path: string, content: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BundleError(`${path} is not valid JSON: ${detail}`);
  }
}
