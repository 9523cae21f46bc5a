/**
 * Summaries of a run: one line per folder, the skip reasons with counts, and the final
 * `N passed, N failed, N skipped` line (always the last line, for scripts).
 */
import type { CaseResult, CorpusFormat } from './conformance-case';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0 };
}

export function countResults(results: readonly CaseResult[]): Counts {
  const counts = emptyCounts();
  for (const result of results) counts[result.status]++;
  return counts;
}

export function countsLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

/** Counts per corpus format (the ratchet's unit). */
export function countsByFormat(results: readonly CaseResult[]): Record<CorpusFormat, Counts> {
  return {
    opa: countResults(results.filter((result) => result.format === 'opa')),
    regorus: countResults(results.filter((result) => result.format === 'regorus')),
  };
}

/** Skip reasons, most frequent first. */
export function skipReasons(
  results: readonly CaseResult[],
): Array<[reason: string, count: number]> {
  const counts = new Map<string, number>();
  for (const result of results) {
    if (result.status !== 'skipped') continue;
    const reason = result.reason ?? 'no reason given';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function formatReport(
  results: readonly CaseResult[],
  options: { listFailures?: boolean } = {},
): string[] {
  const byFolder = new Map<string, Counts>();
  for (const result of results) {
    const key = `${result.format}/${result.folder}`;
    const counts = byFolder.get(key) ?? emptyCounts();
    counts[result.status]++;
    byFolder.set(key, counts);
  }
  const lines = [...byFolder.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([folder, counts]) => `${folder}: ${countsLine(counts)}`);
  if (options.listFailures) {
    for (const result of results.filter((item) => item.status === 'failed')) {
      lines.push(`FAIL ${result.format}/${result.id}: ${result.reason ?? ''}`);
      if (result.diff) lines.push(...result.diff.split('\n').map((line) => `    ${line}`));
    }
  }
  const reasons = skipReasons(results);
  if (reasons.length > 0) {
    lines.push('skip reasons:');
    lines.push(...reasons.map(([reason, count]) => `  ${count} × ${reason}`));
  }
  const byFormat = countsByFormat(results);
  for (const format of ['opa', 'regorus'] as const) {
    const counts = byFormat[format];
    if (counts.passed + counts.failed + counts.skipped > 0)
      lines.push(`${format} total: ${countsLine(counts)}`);
  }
  lines.push(countsLine(countResults(results)));
  return lines;
}

/** Per-case results for `--json`. */
export function resultsJson(results: readonly CaseResult[]): string {
  return JSON.stringify(
    results.map(({ id, format, folder, status, reason, diff, durationMs }) => ({
      id,
      corpus: format,
      folder,
      status,
      reason,
      diff,
      durationMs,
    })),
    null,
    2,
  );
}
