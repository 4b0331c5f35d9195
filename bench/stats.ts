/** Median with min and max of repeated measurements, in milliseconds. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarise(times: number[]): Summary {
  const sorted = [...times].sort((a, b) => a - b);
  return {median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1]};
}

/** "median (min–max)", with `digits` decimals. */
export function show(s: Summary | undefined, digits = 0): string {
  return s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : "—";
}

/** Runs `run` once to warm up, then `runs` times, timing each. */
export async function timeRuns(runs: number, run: () => Promise<unknown> | unknown): Promise<Summary> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return summarise(times);
}
