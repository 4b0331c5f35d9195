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
 * long has passed (at least 3 runs): long enough for V8 to have tiered a WebAssembly engine's hot code up from its
 * baseline compiler (Liftoff) to its optimising one (TurboFan), which it does only for code that ran a lot. (With
 * at most 30 runs, as before, a 15 ms query was warmed for 0.45 s: the RFM grid's WASM ÷ native was 1.79× at 1M,
 * and 1.45× warmed for the full 2 s.) With `minMs`, it goes on past `runs` until the timed runs add up to that long
 * (at most 200 runs), so that a query of a few milliseconds has a median of many runs, not of three.
 */
export function timeRuns(runs: number, run: () => Promise<unknown> | unknown, options: TimingOptions = {}): Promise<Summary> {
  return timeOwnRuns(runs, async () => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  }, options);
}

/** As timeRuns, for a run that times itself and returns its milliseconds (in a browser page: without the driver's round trip). */
export async function timeOwnRuns(runs: number, run: () => Promise<number>, {warmMs = 0, minMs = 0}: TimingOptions = {}): Promise<Summary> {
  const warming = performance.now();
  for (let warmed = 0; warmed < 1 || (warmed < 3 && warmMs > 0) || performance.now() - warming < warmMs; warmed++) await run();
  const times: number[] = [];
  let timed = 0;
  while (times.length < runs || (timed < minMs && times.length < 200)) {
    times.push(await run());
    timed += times[times.length - 1];
  }
  return summarise(times);
}

export interface TimingOptions {
  warmMs?: number;
  minMs?: number;
}

/**
 * How every engine's warm figures are timed, native and DuckDB-WASM alike, so that their ratio compares like with
 * like: two seconds of warm-up runs, then at least a second of timed runs.
 */
export const WARM: TimingOptions = {warmMs: 2000, minMs: 1000};
