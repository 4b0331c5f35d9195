import {createRequire} from "node:module";
import * as duckdb from "@duckdb/duckdb-wasm/blocking";
import {readParquet} from "parquet-wasm/node";
import {SCHEMA, type SnapshotTable} from "../../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../../src/components/sqlLiteral.js";

const require = createRequire(import.meta.url);

/**
 * The engine the browser runs (DuckDB-WASM, eh build), in Node, opened with the page's query settings.
 * SQL tests run the builders here, so they check the very SQL and engine a page uses.
 */
export async function openWasmDuckDB(): Promise<WasmDB> {
  const bindings = await duckdb.createDuckDB(
    {
      mvp: {mainModule: require.resolve("@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm"), mainWorker: ""},
      eh: {mainModule: require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"), mainWorker: ""}
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME
  );
  await bindings.instantiate();
  bindings.open({query: {castBigIntToDouble: true, castDecimalToDouble: true}});
  return new WasmDB(bindings);
}

export class WasmDB {
  readonly #connection;
  constructor(readonly bindings: duckdb.DuckDBBindings) {
    this.#connection = bindings.connect();
  }

  /** Rows as plain objects, as a page gets them from `workspace.rows`. */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return this.#connection
      .query(sql)
      .toArray()
      .map((row: {toJSON(): unknown}) => row.toJSON() as T);
  }

  run(sql: string): void {
    this.#connection.query(sql);
  }

  /** Creates a snapshot table with the schema's column types from row objects (missing columns are NULL). */
  createTable(table: SnapshotTable, rows: Record<string, unknown>[]): void {
    const columns = SCHEMA[table].columns;
    const definition = columns.map((c) => `${sqlIdentifier(c.name)} ${c.type}`).join(", ");
    this.run(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${definition})`);
    if (rows.length === 0) return;
    const values = rows.map((row) => `(${columns.map((c) => sqlLiteral(row[c.name] ?? null)).join(", ")})`);
    this.run(`INSERT INTO ${table} VALUES ${values.join(", ")}`);
  }

  /** Loads Parquet bytes the way the browser does: parquet-wasm to Arrow IPC, then DuckDB's Arrow insert. */
  insertParquet(name: string, bytes: Uint8Array): void {
    this.#connection.insertArrowFromIPCStream(readParquet(bytes).intoIPCStream(), {name, create: true});
  }

  close(): void {
    this.#connection.close();
  }
}
