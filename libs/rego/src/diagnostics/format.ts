import type { Diagnostic } from './diagnostic';

/**
 * Renders a diagnostic as `file:line:col: code: message`, followed by the source line and
 * a caret under the column when the source text is available.
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  sources?: ReadonlyMap<string, string>,
): string {
  const { file, line, col } = diagnostic.location;
  const head = `${file}:${line}:${col}: ${diagnostic.code}: ${diagnostic.message}`;
  const text = sources?.get(file);
  if (text === undefined) return head;
  const sourceLine = text.split(/\r?\n/)[line - 1];
  if (sourceLine === undefined) return head;
  const caretPad = sourceLine.slice(0, Math.max(0, col - 1)).replace(/[^\t]/g, ' ');
  return `${head}\n${sourceLine}\n${caretPad}^`;
}
