import type {SnapshotTable} from "./schema.js";
import {sqlIdentifier, sqlLiteral} from "./sqlLiteral.js";

/**
 * A page downloads each snapshot table as a DuckDB database file holding just that table (built from the
 * snapshot's Parquet when the site is built) and attaches it read-only: DuckDB reads the columns a query touches
 * from the file's own compressed blocks, so nothing is decoded or copied before the first query.
 */
export function tableDatabaseName(table: SnapshotTable): string {
  return `${table}.duckdb`;
}

/** Attaches a table's database file (registered under `file`) and names its table as every analysis's SQL does. */
export function attachTableSql(table: SnapshotTable, file: string): string {
  const database = sqlIdentifier(`${table}_file`);
  const name = sqlIdentifier(table);
  return `ATTACH ${sqlLiteral(file)} AS ${database} (READ_ONLY); CREATE VIEW ${name} AS SELECT * FROM ${database}.${name}`;
}
