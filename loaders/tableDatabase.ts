import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import type {SnapshotTable} from "../src/components/schema.js";
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
    await connection.run(`CREATE TABLE site.${sqlIdentifier(table)} AS SELECT * FROM read_parquet(${sqlLiteral(parquet)})`);
    await connection.run("DETACH site");
    connection.closeSync();
    return await readFile(file);
  } finally {
    instance.closeSync();
    await rm(folder, {recursive: true, force: true});
  }
}
