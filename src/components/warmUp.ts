import {queryTimingDetail} from "./queryTiming.js";

/**
 * Runs the page's default queries that its inputs change (shipped with its answers, defaultViews.ts) once more in
 * DuckDB-WASM, in the background, answers discarded: the first setting a reader changes then finds the tables'
 * blocks read and DuckDB's code compiled. Measured at 1M orders before this: the first change of the RFM breakpoints took 205 ms, the next 40 ms.
 * One query at a time, each started only when no other query of the page is running, so a reader's own query
 * waits for one warm-up query at most. `ltv:warm-start` and `ltv:warm` entries show them in dev tools.
 */
export async function warmUp(texts: readonly string[], run: (text: string) => Promise<unknown>, busy: () => Promise<void>): Promise<void> {
  for (const text of texts) {
    await busy();
    const detail = queryTimingDetail(text);
    const start = performance.now();
    performance.mark("ltv:warm-start", {detail});
    // a warm-up failing says nothing the page's own query would not say again, in the page
    await run(text).catch(() => {});
    performance.measure("ltv:warm", {start, detail});
  }
}
