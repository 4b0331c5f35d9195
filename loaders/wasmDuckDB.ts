import {createRequire} from "node:module";
import * as duckdb from "@duckdb/duckdb-wasm/blocking";
import {tableFromIPC, type Table} from "apache-arrow";
import {tableRows} from "../src/components/arrowRows.js";
import {ENGINE_SETTINGS_SQL} from "../src/components/engineSettings.js";
import {SCHEMA, SNAPSHOT_TABLES, type SnapshotTable} from "../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../src/components/sqlLiteral.js";
import {attachTableSql, tableDatabaseName} from "../src/components/tableDatabase.js";

const require = createRequire(import.meta.url);

/**
 * The engine the browser runs (DuckDB-WASM, eh build), in Node, opened with the page's query settings.
 * SQL tests run the builders here, so they check the very SQL and engine a page uses; the site build computes
 * the answers it ships with each page here (shippedAnswers.ts), so they are the answers the page would compute.
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

/** DuckDB-WASM with every snapshot table attached from its database file, as `tableBytes` gives it. */
export async function openTablesInWasm(tableBytes: (table: SnapshotTable) => Promise<Uint8Array>): Promise<WasmDB> {
  const db = await openWasmDuckDB();
  for (const table of SNAPSHOT_TABLES) db.attachTable(table, await tableBytes(table));
  return db;
}

export class WasmDB {
  readonly #connection;
  constructor(readonly bindings: duckdb.DuckDBBindings) {
    this.#connection = bindings.connect();
    this.#connection.query(ENGINE_SETTINGS_SQL);
  }

  /** Rows as plain objects, as a page gets them from `workspace.rows`. */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return tableRows<T>(this.arrow(sql));
  }

  /**
   * The Arrow table, as a page gets it from `workspace.query`: decoded from DuckDB's own Arrow IPC answer by this
   * project's apache-arrow (the blocking build's tables are of its bundled copy, which apache-arrow's writer
   * does not recognise).
   */
  arrow(sql: string): Table {
    return tableFromIPC(this.#connection.useUnsafe((bindings, connection) => bindings.runQuery(connection, sql)));
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

  /** Attaches a table's database file (its bytes, as a page downloads them) the way a page does. */
  attachTable(table: SnapshotTable, bytes: Uint8Array): void {
    this.bindings.registerFileBuffer(tableDatabaseName(table), bytes);
    this.run(attachTableSql(table, tableDatabaseName(table)));
  }

  close(): void {
    this.#connection.close();
  }
}
