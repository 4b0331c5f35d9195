import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromParquetSql} from "../loaders/tableDatabase.js";
import {ENGINE_SETTINGS_SQL} from "../src/components/engineSettings.js";
import {SNAPSHOT_TABLES, type SnapshotTable} from "../src/components/schema.js";
import {attachTableSql} from "../src/components/tableDatabase.js";
import {timeRuns, WARM, type Summary} from "./stats.js";

/**
 * Where native DuckDB reads the tables: `files`, a site's table files (siteTableFiles), the very files its pages
 * download, attached as a page attaches them (the same work as DuckDB-WASM's, blocks decompressed as they are read);
 * `parquet`, a snapshot's folder, its tables read into memory first with the table files' types and order (no
 * decompression: what the hardware can do at best).
 */
export type NativeTables = {files: Record<SnapshotTable, string>} | {parquet: string};

/** Times each query in native DuckDB with `threads` threads, on the tables `tables` gives. */
export async function nativeTimes(tables: NativeTables, queries: {name: string; sql: string}[], {threads, runs}: {threads: number; runs: number}): Promise<Record<string, Summary>> {
  const instance = await DuckDBInstance.create(":memory:", {threads: String(threads)});
  const connection = await instance.connect();
  try {
    await connection.run(ENGINE_SETTINGS_SQL);
    for (const table of SNAPSHOT_TABLES) {
      await connection.run("files" in tables
        ? attachTableSql(table, tables.files[table])
        : `CREATE TABLE ${table} AS ${tableFromParquetSql(join(tables.parquet, `${table}.parquet`), table)}`);
    }
    const result: Record<string, Summary> = {};
    for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => connection.runAndReadAll(sql), WARM);
    return result;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
