import {openSnapshotInWasm} from "../tests/support/snapshotInWasm.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query, warm, in DuckDB-WASM's Node build (the browser's engine, without a page around it), up to
 * its answer as an Arrow table: the same work as native DuckDB on one thread reading every result chunk, so their
 * ratio is the engine's alone. (Making each row a JavaScript object, as `rows` does for a page, is the page's
 * cost, not the engine's: for the CLV page's 470,000-row answer it was most of the time.)
 */
export async function wasmNodeTimes(dir: string, queries: {name: string; sql: string}[], runs: number): Promise<Record<string, Summary>> {
  const db = await openSnapshotInWasm(dir);
  const result: Record<string, Summary> = {};
  for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => db.arrow(sql));
  db.close();
  return result;
}
