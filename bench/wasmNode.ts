import {openSnapshotInWasm} from "../tests/support/snapshotInWasm.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query, warm, in DuckDB-WASM's Node build (the browser's engine, without a page around it): the
 * same work as native DuckDB on one thread, so their ratio is the engine's alone.
 */
export async function wasmNodeTimes(dir: string, queries: {name: string; sql: string}[], runs: number): Promise<Record<string, Summary>> {
  const db = await openSnapshotInWasm(dir);
  const result: Record<string, Summary> = {};
  for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => db.rows(sql));
  db.close();
  return result;
}
