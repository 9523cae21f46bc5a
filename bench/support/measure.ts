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
