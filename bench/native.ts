import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromParquetSql} from "../loaders/tableDatabase.js";
import {SNAPSHOT_TABLES} from "../src/components/schema.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query in native DuckDB on the snapshot's tables (loaded into memory first, with the types of the table
 * files DuckDB-WASM reads), with `threads` threads.
 */
export async function nativeTimes(dir: string, queries: {name: string; sql: string}[], threads: number, runs: number): Promise<Record<string, Summary>> {
  const instance = await DuckDBInstance.create(":memory:", {threads: String(threads)});
  const connection = await instance.connect();
  for (const table of SNAPSHOT_TABLES) {
    await connection.run(`CREATE TABLE ${table} AS ${tableFromParquetSql(join(dir, `${table}.parquet`), table)}`);
  }
  const result: Record<string, Summary> = {};
  for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => connection.runAndReadAll(sql));
  connection.closeSync();
  instance.closeSync();
  return result;
}
