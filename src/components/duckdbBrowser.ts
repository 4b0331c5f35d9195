import * as duckdb from "@duckdb/duckdb-wasm";

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

/**
 * Registers a file for DuckDB-WASM to read through the browser's FileReader, block by block as queries need them,
 * instead of copying all of it into the engine's memory (registerFileBuffer). At 5M orders this keeps the table
 * files (about 190 MB) out of the page's memory; measured in `npm run bench`.
 */
export function registerBlob(db: duckdb.AsyncDuckDB, name: string, file: Blob): Promise<void> {
  return db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
}
