import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {PRODUCT_KIND_ENUM, type SnapshotTable} from "../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../src/components/sqlLiteral.js";

/** Text columns stored as an ENUM in the table files: a page numbers them (the route tree) at a third of the cost. */
const KIND_COLUMNS = ["first_order_kind", "second_order_kind", "third_order_kind", "fourth_order_kind"];

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

/** A snapshot table read from its Parquet file with the types the table files hold (the kinds of KIND_COLUMNS as an ENUM). */
export function tableFromParquetSql(parquet: string, table: SnapshotTable): string {
  const replace = table === "customers" ? ` REPLACE (${KIND_COLUMNS.map((c) => `CAST(${c} AS ${PRODUCT_KIND_ENUM}) AS ${c}`).join(", ")})` : "";
  return `SELECT *${replace} FROM read_parquet(${sqlLiteral(parquet)})`;
}
