import {readFileSync} from "node:fs";
import {join} from "node:path";
import {SNAPSHOT_TABLES} from "../src/components/schema.js";
import {openWasmDuckDB} from "../tests/support/wasmDuckDB.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query, warm, in DuckDB-WASM's Node build (the browser's engine, without a page around it): the
 * same work as native DuckDB on one thread, so their ratio is the engine's alone.
 */
export async function wasmNodeTimes(dir: string, queries: {name: string; sql: string}[], runs: number): Promise<Record<string, Summary>> {
  const db = await openWasmDuckDB();
  for (const table of SNAPSHOT_TABLES) db.insertParquet(table, readFileSync(join(dir, `${table}.parquet`)));
  const result: Record<string, Summary> = {};
  for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => db.rows(sql));
  db.close();
  return result;
}
