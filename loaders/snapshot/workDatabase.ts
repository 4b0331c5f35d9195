import {mkdir, mkdtemp, rm} from "node:fs/promises";
import {totalmem} from "node:os";
import {dirname, join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

/**
 * DuckDB's memory while it stages and settles rows: half the machine's memory, at least 4 GB. Above it DuckDB
 * spills to the work folder (10M CSV rows need 2.5 GB of spill files at 4 GB); some steps cannot spill all they hold
 * (deriving a 20M-order demo shop's tables failed at 4 GB), so the limit grows with the machine.
 */
const MEMORY_LIMIT = `${Math.max(4, Math.floor(totalmem() / 2 ** 30 / 2))}GB`;

export interface WorkDatabase {
  connection: DuckDBConnection;
  /** A folder for temporary files, removed with the database. */
  scratch: string;
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
  const scratch = join(folder, "scratch");
  await mkdir(scratch);
  return {
    connection,
    scratch,
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(folder, {recursive: true, force: true});
    }
  };
}
