import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {ORDER_KIND_COLUMNS, PRODUCT_KIND_ENUM, type SnapshotTable} from "../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../src/components/sqlLiteral.js";

/**
 * The database file a page downloads for one snapshot table (see src/components/tableDatabase.ts), as bytes: the
 * table read from the snapshot's Parquet (tableFromParquetSql), written through a private temporary folder.
 * DuckDB's default storage version, which DuckDB-WASM of this release and every later one opens.
 */
export async function tableDatabaseBytes(parquet: string, table: SnapshotTable): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), "ltv-table-"));
  const file = join(folder, `${table}.duckdb`);
  const instance = await DuckDBInstance.create(":memory:");
  try {
    const connection = await instance.connect();
    await connection.run(`ATTACH ${sqlLiteral(file)} AS site`);
    await connection.run(`CREATE TABLE site.${sqlIdentifier(table)} AS ${tableFromParquetSql(parquet, table)}`);
    await connection.run("DETACH site");
    connection.closeSync();
    return await readFile(file);
  } finally {
    instance.closeSync();
    await rm(folder, {recursive: true, force: true});
  }
}

/**
 * A snapshot table read from its Parquet file with the types and row order the table files hold: the customers'
 * order kinds (ORDER_KIND_COLUMNS) as an ENUM, which a page numbers (the route tree) with a lookup instead of
 * comparing text; the customers in order of their number of orders, then first order date (then id, so that the
 * order is one): a query of one-order or of repeat customers (the route tree reads each apart) skips the others'
 * blocks by their min and max, and like customers compress together. At 5M orders the customers file went from
 * 75 to 49 MB, the route tree in DuckDB-WASM from 198 to 117 ms and the segments' shares from 87 to 48 ms. Other
 * tables keep the Parquet's order.
 */
export function tableFromParquetSql(parquet: string, table: SnapshotTable): string {
  if (table !== "customers") return `SELECT * FROM read_parquet(${sqlLiteral(parquet)})`;
  const kinds = ORDER_KIND_COLUMNS.map((c) => `CAST(${c} AS ${PRODUCT_KIND_ENUM}) AS ${c}`).join(", ");
  return `SELECT * REPLACE (${kinds}) FROM read_parquet(${sqlLiteral(parquet)}) ORDER BY orders, first_order_date, customer_id`;
}
