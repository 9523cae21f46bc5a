/**
 * The conformance corpora live in `../shared` beside the repository (on a developer machine
 * and in CI alike); they are read there at test time, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

export const SHARED_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared');
export const OPA_CASES_ROOT = join(SHARED_DIR, 'opa-conformance', 'cases');
export const REGORUS_CASES_ROOT = join(SHARED_DIR, 'regorus-cases', 'cases');

/** False when `../shared` is absent: corpus-driven specs then say so and skip. */
export const SHARED_CORPORA_PRESENT = existsSync(OPA_CASES_ROOT) && existsSync(REGORUS_CASES_ROOT);

/** The two corpora with the Rego version their modules are written in. */
export const SHARED_CORPORA: Array<{ root: string; version(file: string): 'v0' | 'v1' }> = [
  { root: OPA_CASES_ROOT, version: () => 'v1' },
  {
    // regorus parses every file as v0 except bindings.yaml (see its README).
    root: REGORUS_CASES_ROOT,
    version: (file) => (file.endsWith('bindings.yaml') ? 'v1' : 'v0'),
  },
];

/** The fields of a case (OPA or regorus format) that the front-end specs read. */
export interface CorpusCase {
  note?: string;
  modules?: string[];
  query?: string;
  want_error_code?: string;
  error?: string;
  skip?: boolean;
}

/** Every `.yaml` file below `root`, depth first; none when `root` is absent. */
export function corpusYamlFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return corpusYamlFiles(path);
    return path.endsWith('.yaml') ? [path] : [];
  });
}

/** The cases of one file; one regorus file has a YAML quirk, so read what the parser recovers. */
export function loadCorpusCases(file: string): CorpusCase[] {
  const document = parseDocument(readFileSync(file, 'utf8'));
  const data = document.toJS({ maxAliasCount: -1 }) as { cases?: CorpusCase[] } | null;
  return data?.cases ?? [];
}
