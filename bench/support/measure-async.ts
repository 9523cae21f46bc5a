/**
 * The async twin of `measureSideBySide`: interleaved rounds of `iterations` awaited calls per
 * case, so the shared machine's load hits every case alike; each ratio is taken within a
 * round.
 */
export interface AsyncCase {
  name: string;
  fn: () => unknown;
}

export interface AsyncRow {
  name: string;
  nsPerOp: number;
  opsPerSecond: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export async function measureAsyncSideBySide(
  cases: AsyncCase[],
  iterations: number,
  rounds: number,
  warmup: number,
): Promise<AsyncRow[]> {
  for (const { fn } of cases) for (let i = 0; i < warmup; i++) await fn();
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [index, { fn }] of cases.entries()) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await fn();
      samples[index].push(Number(process.hrtime.bigint() - started) / iterations);
    }
  }
  return cases.map(({ name }, index) => {
    const nsPerOp = median(samples[index]);
    return { name, nsPerOp, opsPerSecond: 1e9 / nsPerOp };
  });
}
