import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {ORDER_KIND_COLUMNS, PRODUCT_KIND_ENUM, type SnapshotTable} from "../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../src/components/sqlLiteral.js";

/**
 * The database file a page downloads for one snapshot table (see src/components/tableDatabase.ts), as bytes: the
 * table read from the snapshot's Parquet, rows in the same order, written through a private temporary folder.
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
 * A snapshot table read from its Parquet file with the types the table files hold: the customers' order kinds
 * (ORDER_KIND_COLUMNS) as an ENUM, which a page numbers (the route tree) with a lookup instead of comparing text.
 */
export function tableFromParquetSql(parquet: string, table: SnapshotTable): string {
  const replace = table === "customers" ? ` REPLACE (${ORDER_KIND_COLUMNS.map((c) => `CAST(${c} AS ${PRODUCT_KIND_ENUM}) AS ${c}`).join(", ")})` : "";
  return `SELECT *${replace} FROM read_parquet(${sqlLiteral(parquet)})`;
}
