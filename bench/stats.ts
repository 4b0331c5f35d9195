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

/**
 * Runs `run` to warm up, then `runs` times, timing each. The warm-up is one run, or with `warmMs`, runs until that
 * long has passed (at least 3 runs, at most 30): long enough for V8 to have tiered a WebAssembly engine's hot code
 * up from its baseline compiler (Liftoff) to its optimising one (TurboFan), which it does only for code that ran a lot.
 */
export async function timeRuns(runs: number, run: () => Promise<unknown> | unknown, {warmMs = 0} = {}): Promise<Summary> {
  const warming = performance.now();
  for (let warmed = 0; warmed < (warmMs > 0 ? 30 : 1); warmed++) {
    if (warmed >= 3 && performance.now() - warming >= warmMs) break;
    await run();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return summarise(times);
}
