/**
 * Real Rego modules to mutate: every module of the shared conformance corpora (read where
 * they are, at run time, never copied into the repository) and the repository's own
 * policies. The fuzz properties start from these so that mutations land deep in the
 * grammar rather than failing on the first token.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CORPORA, REPOSITORY_ROOT } from '../conformance/shared-corpora';
import { listYamlFiles, readYamlFile } from '../conformance/yaml-files';

export interface CorpusModule {
  /** Where it came from, for failure reports. */
  origin: string;
  source: string;
}

/** Longer modules cost time per case without exercising much more of the grammar. */
const MAX_MODULE_LENGTH = 4_000;

/** Modules of one YAML case file (`cases[].modules` is a list of Rego sources). */
function modulesOfCaseFile(file: string): string[] {
  let document: unknown;
  try {
    document = readYamlFile(file);
  } catch {
    return []; // The conformance runner reports unreadable files; here they are just skipped.
  }
  const cases = (document as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases)) return [];
  return cases.flatMap((entry) => {
    const modules = (entry as { modules?: unknown } | null)?.modules;
    return Array.isArray(modules) ? modules.filter((m): m is string => typeof m === 'string') : [];
  });
}

function regoFilesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.rego'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

let cached: CorpusModule[] | null = null;

/** All corpus modules, deduplicated, in a stable order (so a seed reproduces a run). */
export function loadRegoCorpus(): CorpusModule[] {
  if (cached) return cached;
  const seen = new Set<string>();
  const modules: CorpusModule[] = [];
  const add = (origin: string, source: string): void => {
    if (source.length > MAX_MODULE_LENGTH || seen.has(source)) return;
    seen.add(source);
    modules.push({ origin, source });
  };
  for (const corpus of DEFAULT_CORPORA) {
    if (!existsSync(corpus.dir)) continue;
    for (const file of listYamlFiles(corpus.dir)) {
      for (const source of modulesOfCaseFile(file)) add(file, source);
    }
  }
  for (const file of regoFilesBelow(join(REPOSITORY_ROOT, 'policies'))) {
    add(file, readFileSync(file, 'utf8'));
  }
  cached = modules;
  return modules;
}
