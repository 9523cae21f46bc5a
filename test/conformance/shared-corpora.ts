/**
 * Where the conformance corpora live: `../shared` relative to the repository root (they
 * are read there, never copied into the repository).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CorpusSelection } from './run-conformance';

export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');
export const SHARED_DIR = resolve(REPOSITORY_ROOT, '..', 'shared');

export const DEFAULT_CORPORA: CorpusSelection[] = [
  { dir: join(SHARED_DIR, 'opa-conformance', 'cases'), format: 'opa' },
  { dir: join(SHARED_DIR, 'regorus-cases', 'cases'), format: 'regorus' },
];

/** The default corpora that exist on this machine (none when `../shared` is absent). */
export function availableDefaultCorpora(): CorpusSelection[] {
  return DEFAULT_CORPORA.filter((corpus) => existsSync(corpus.dir));
}
