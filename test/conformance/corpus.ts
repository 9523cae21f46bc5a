/**
 * A corpus directory: which format its cases use and the prepared cases in it. The format
 * comes from `--format` or from the README the corpus ships with.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { CorpusFormat, PreparedCase } from './conformance-case';
import { prepareOpaCase } from './opa-cases';
import { prepareRegorusCase } from './regorus-cases';
import { listYamlFiles, readYamlFile } from './yaml-files';

export interface CorpusFileError {
  file: string;
  folder: string;
  message: string;
}

export interface LoadedCorpus {
  dir: string;
  format: CorpusFormat;
  cases: PreparedCase[];
  /** Files that could not be read or have no `cases` list; each counts as a failure. */
  fileErrors: CorpusFileError[];
}

/** Finds the corpus format from the nearest README.md at or above `dir` (up to 3 levels). */
export function detectFormat(dir: string): CorpusFormat | null {
  let current = dir;
  for (let level = 0; level < 4; level++) {
    const readme = join(current, 'README.md');
    if (existsSync(readme)) {
      const title = readFileSync(readme, 'utf8').split('\n', 1)[0].toLowerCase();
      if (title.includes('regorus')) return 'regorus';
      if (title.includes('opa') || title.includes('open policy agent')) return 'opa';
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return null;
}

/** Folder of a case file relative to the corpus directory, with `/` separators. */
function folderOf(dir: string, file: string): string {
  const folder = relative(dir, dirname(file)).split(sep).join('/');
  return folder === '' ? '.' : folder;
}

export function loadCorpus(dir: string, format: CorpusFormat): LoadedCorpus {
  const cases: PreparedCase[] = [];
  const fileErrors: CorpusFileError[] = [];
  for (const file of listYamlFiles(dir)) {
    const relativeFile = relative(dir, file).split(sep).join('/');
    const folder = folderOf(dir, file);
    let document: unknown;
    try {
      document = readYamlFile(file);
    } catch (error) {
      fileErrors.push({
        file: relativeFile,
        folder,
        message: `unreadable YAML: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const rawCases = (document as { cases?: unknown } | null)?.cases;
    if (!Array.isArray(rawCases)) {
      fileErrors.push({ file: relativeFile, folder, message: 'no `cases` list' });
      continue;
    }
    rawCases.forEach((raw: unknown, index) => {
      const record =
        raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      cases.push(
        format === 'opa'
          ? prepareOpaCase(record, relativeFile, folder, index)
          : prepareRegorusCase(record, relativeFile, folder, index),
      );
    });
  }
  return { dir, format, cases, fileErrors };
}
