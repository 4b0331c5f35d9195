import {rename, rm} from "node:fs/promises";
import {DuckDBInstance} from "@duckdb/node-api";
import type {SnapshotTable} from "../src/components/schema.js";
import {sqlIdentifier, sqlLiteral} from "../src/components/sqlLiteral.js";

/**
 * Writes the database file a page downloads for one snapshot table (see src/components/tableDatabase.ts): the
 * table read from the snapshot's Parquet, rows in the same order. DuckDB's default storage version, which
 * DuckDB-WASM of this release and every later one opens.
 */
export async function writeTableDatabase(parquet: string, table: SnapshotTable, out: string): Promise<void> {
  const building = `${out}.${process.pid}.tmp`;
  await rm(building, {force: true});
  const instance = await DuckDBInstance.create(":memory:");
  try {
    const connection = await instance.connect();
    await connection.run(`ATTACH ${sqlLiteral(building)} AS site`);
    await connection.run(`CREATE TABLE site.${sqlIdentifier(table)} AS SELECT * FROM read_parquet(${sqlLiteral(parquet)})`);
    await connection.run("DETACH site");
    connection.closeSync();
  } finally {
    instance.closeSync();
  }
  await rename(building, out);
}
