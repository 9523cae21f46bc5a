/**
 * Finding and reading the YAML case files. The corpora are read where they are (never
 * copied); a file that does not parse is reported, not fatal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/** All `*.yaml` / `*.yml` files below `dir`, sorted, as absolute paths. */
export function listYamlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listYamlFiles(path));
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Reads one YAML file; see `parseYamlLeniently`. */
export function readYamlFile(path: string): unknown {
  return parseYamlLeniently(readFileSync(path, 'utf8'));
}

/**
 * Parses YAML like the libyaml-based parsers the corpora were written for. Those accept a
 * flow collection (`key: [`) whose continuation lines are indented no deeper than the key,
 * which YAML 1.2 (and the `yaml` package) rejects; such lines are indented and the text
 * parsed again. Any other error is thrown.
 */
export function parseYamlLeniently(text: string): unknown {
  let current = text;
  for (let attempt = 0; attempt < 20; attempt++) {
    const document = parseDocument(current);
    if (document.errors.length === 0) return document.toJS();
    const badIndent = document.errors.find((error) => error.code === 'BAD_INDENT' && error.linePos);
    const relaxed = badIndent?.linePos
      ? indentFlowContinuation(current, badIndent.linePos[0].line)
      : null;
    if (relaxed === null || relaxed === current) throw document.errors[0];
    current = relaxed;
  }
  throw new Error('YAML could not be parsed (too many indentation repairs)');
}

/**
 * Indents the continuation lines of the flow collection opened on the nearest line before
 * `errorLine` (1-based) that ends with `[` or `{`, up to its closing bracket.
 */
function indentFlowContinuation(text: string, errorLine: number): string | null {
  const lines = text.split('\n');
  let opener = errorLine - 2;
  while (opener >= 0 && !/[[{]\s*$/.test(lines[opener])) opener--;
  if (opener < 0) return null;
  const indent = (lines[opener].match(/^ */) ?? [''])[0].length + 2;
  let depth = 1;
  for (let index = opener + 1; index < lines.length && depth > 0; index++) {
    const stripped = lines[index].replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '');
    for (const char of stripped) {
      if (char === '[' || char === '{') depth++;
      else if (char === ']' || char === '}') depth--;
    }
    const ownIndent = (lines[index].match(/^ */) ?? [''])[0].length;
    if (lines[index].trim() !== '' && ownIndent < indent)
      lines[index] = ' '.repeat(indent - ownIndent) + lines[index];
  }
  return lines.join('\n');
}
