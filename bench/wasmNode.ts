import {openSnapshotInWasm} from "../tests/support/snapshotInWasm.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query in DuckDB-WASM's Node build (the browser's engine, without a page around it), up to its answer
 * as an Arrow table: the same work as native DuckDB on one thread reading every result chunk, so their ratio is the
 * engine's alone. (Making each row a JavaScript object, as `rows` does for a page, is the page's cost, not the
 * engine's: for the CLV page's 470,000-row answer it was most of the time.) Twice: `first`, after one warm-up run,
 * with much of the engine's code still as V8's baseline compiler made it, as in a page's first queries; and `warm`,
 * once V8 has had two seconds of runs to optimise the code that runs most (timeRuns). The queries run one after
 * another in one engine, so a query's first runs also find code that the queries before it warmed.
 */
export async function wasmNodeTimes(dir: string, queries: {name: string; sql: string}[], runs: number): Promise<{first: Record<string, Summary>; warm: Record<string, Summary>}> {
  const db = await openSnapshotInWasm(dir);
  const first: Record<string, Summary> = {};
  const warm: Record<string, Summary> = {};
  for (const {name, sql} of queries) {
    first[name] = await timeRuns(runs, () => db.arrow(sql));
    warm[name] = await timeRuns(runs, () => db.arrow(sql), {warmMs: 2000});
  }
  db.close();
  return {first, warm};
}
