import * as duckdb from "@duckdb/duckdb-wasm";
import {ENGINE_SETTINGS_SQL} from "./engineSettings.js";
import {errorMessage} from "./errorMessage.js";
import type {SnapshotTable} from "./schema.js";
import {attachTableSql, tableDatabaseName} from "./tableDatabase.js";

/**
 * Starts DuckDB-WASM in a worker, from files served by this site (no CDN). Only the `eh` bundle ships:
 * every browser the report targets supports WebAssembly exceptions.
 */
export async function startDuckDB(): Promise<duckdb.AsyncDuckDB> {
  const worker = new Worker(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"), {
    type: "module"
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  // Sums of integers are HUGEINT in DuckDB; pages want JavaScript numbers (yen fit a double exactly).
  await db.open({query: {castBigIntToDouble: true, castDecimalToDouble: true}});
  return db;
}

/** A connection with the settings every engine that runs the analyses' SQL has (engineSettings.ts). */
export async function connectDuckDB(db: duckdb.AsyncDuckDB): Promise<duckdb.AsyncDuckDBConnection> {
  const connection = await db.connect();
  await connection.query(ENGINE_SETTINGS_SQL);
  return connection;
}

/**
 * Attaches a table's database file, handed to DuckDB-WASM as the Blob the browser made of its download: read through
 * the browser's FileReader, block by block as queries need them, instead of copied whole into the engine's memory
 * (registerFileBuffer). At 5M orders this keeps the table files (about 190 MB) out of the page's memory; measured in
 * `npm run bench`. A file DuckDB cannot open is an error naming its table.
 */
export async function attachTableBlob(db: duckdb.AsyncDuckDB, connection: duckdb.AsyncDuckDBConnection, table: SnapshotTable, file: Blob): Promise<void> {
  try {
    await db.registerFileHandle(tableDatabaseName(table), file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await connection.query(attachTableSql(table, tableDatabaseName(table)));
  } catch (error) {
    throw new Error(`${table}: ${errorMessage(error)}`, {cause: error});
  }
}
