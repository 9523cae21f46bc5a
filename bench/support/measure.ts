/**
 * A small benchmark harness: warm up, then time `batches` batches of `iterations` calls and
 * report the median time per call (the median resists the noise of a shared 2-core machine).
 */
export interface Measurement {
  name: string;
  nsPerOp: number;
  opsPerSecond: number;
}

export function measure(
  name: string,
  fn: () => unknown,
  iterations = 20_000,
  batches = 7,
): Measurement {
  for (let i = 0; i < Math.min(iterations, 5_000); i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  samples.sort((a, b) => a - b);
  const nsPerOp = samples[Math.floor(samples.length / 2)];
  return { name, nsPerOp, opsPerSecond: 1e9 / nsPerOp };
}

export function formatNs(ns: number): string {
  return ns >= 1e6
    ? `${(ns / 1e6).toFixed(2)} ms`
    : ns >= 1e3
      ? `${(ns / 1e3).toFixed(2)} µs`
      : `${ns.toFixed(0)} ns`;
}

export function printTable(rows: Measurement[], baseline?: Measurement): void {
  for (const row of rows) {
    const ratio = baseline
      ? `  ${(row.nsPerOp / baseline.nsPerOp).toFixed(2)}× ${baseline.name}`
      : '';
    console.log(`  ${row.name.padEnd(44)} ${formatNs(row.nsPerOp).padStart(10)}/op${ratio}`);
  }
}

export interface SideBySideRow extends Measurement {
  /** Median over batches of (this row's time / the first row's time in the same round). */
  ratioToFirst: number;
}

/**
 * Measures several functions in interleaved batches (round 1: a, b, c; round 2: a, b, c;
 * ...), so that a shared machine's changing load hits every row alike; ratios are taken
 * within a round, where the load was the same, and their median is reported.
 */
export function measureSideBySide(
  cases: Array<{ name: string; fn: () => unknown }>,
  iterations = 20_000,
  rounds = 15,
): SideBySideRow[] {
  for (const { fn } of cases) for (let i = 0; i < Math.min(iterations, 5_000); i++) fn();
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    cases.forEach(({ fn }, index) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) fn();
      samples[index].push(Number(process.hrtime.bigint() - started) / iterations);
    });
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  return cases.map(({ name }, index) => {
    const nsPerOp = median(samples[index]);
    const ratioToFirst = median(samples[index].map((ns, round) => ns / samples[0][round]));
    return { name, nsPerOp, opsPerSecond: 1e9 / nsPerOp, ratioToFirst };
  });
}

export function printSideBySide(rows: SideBySideRow[]): void {
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(44)} ${formatNs(row.nsPerOp).padStart(10)}/op  ${row.ratioToFirst.toFixed(2)}× ${rows[0].name}`,
    );
  }
}
