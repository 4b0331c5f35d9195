import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableDatabaseBytes, tableFromParquetSql} from "../loaders/tableDatabase.js";
import {SNAPSHOT_TABLES} from "../src/components/schema.js";
import {attachTableSql, tableDatabaseName} from "../src/components/tableDatabase.js";
import {timeRuns, type Summary} from "./stats.js";

/**
 * Times each query in native DuckDB with `threads` threads, on the snapshot's tables as `tables` says: `files`, the
 * very database files a page downloads, attached as a page attaches them (the same work as DuckDB-WASM's, blocks
 * decompressed as they are read); `memory`, loaded into memory first with the table files' types (no decompression:
 * what the hardware can do at best).
 */
export async function nativeTimes(dir: string, queries: {name: string; sql: string}[], {threads, tables, runs}: {threads: number; tables: "files" | "memory"; runs: number}): Promise<Record<string, Summary>> {
  const instance = await DuckDBInstance.create(":memory:", {threads: String(threads)});
  const connection = await instance.connect();
  const folder = mkdtempSync(join(tmpdir(), "ltv-bench-tables-"));
  try {
    for (const table of SNAPSHOT_TABLES) {
      const parquet = join(dir, `${table}.parquet`);
      if (tables === "memory") {
        await connection.run(`CREATE TABLE ${table} AS ${tableFromParquetSql(parquet, table)}`);
        continue;
      }
      const file = join(folder, tableDatabaseName(table));
      writeFileSync(file, await tableDatabaseBytes(parquet, table));
      await connection.run(attachTableSql(table, file));
    }
    const result: Record<string, Summary> = {};
    // warmed as long as DuckDB-WASM's `warm` figures are (wasmNode.ts), so that their ratio compares like with like
    for (const {name, sql} of queries) result[name] = await timeRuns(runs, () => connection.runAndReadAll(sql), {warmMs: 2000});
    return result;
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(folder, {recursive: true, force: true});
  }
}
