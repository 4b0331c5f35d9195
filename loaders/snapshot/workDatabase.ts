import {mkdir, mkdtemp, rm} from "node:fs/promises";
import {dirname, join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

/**
 * DuckDB's memory while it stages and settles rows: above this it spills to the work folder, so memory stops
 * growing with the export here (10M rows need 2.5 GB of spill files).
 */
const MEMORY_LIMIT = "4GB";

export interface WorkDatabase {
  connection: DuckDBConnection;
  /** Closes the database and removes its work folder. */
  close(): Promise<void>;
}

/**
 * A DuckDB database in memory that spills past its limit into a work folder beside `out` (same disk, removed
 * on close).
 */
export async function openWorkDatabase(out: string): Promise<WorkDatabase> {
  const target = resolve(out);
  await mkdir(dirname(target), {recursive: true});
  const folder = await mkdtemp(`${target}.work-`);
  const instance = await DuckDBInstance.create(":memory:", {memory_limit: MEMORY_LIMIT, temp_directory: join(folder, "spill")});
  const connection = await instance.connect();
  return {
    connection,
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(folder, {recursive: true, force: true});
    }
  };
}
