import type {DuckDBConnection} from "@duckdb/node-api";
import type {ProductKind} from "../../src/components/schema.js";
import {stagingTablesSql} from "../snapshot/snapshotSql.js";
import {mappedRowsSql} from "./mappedRowsSql.js";
import {parseTexts} from "./parsedTexts.js";
import type {PseudonymKey} from "./pseudonymKey.js";
import {rowCellsSql} from "./rowCellsSql.js";
import type {RowMapping} from "./rowMapping.js";
import {fileCountsSql, rejectionCountsSql, rowOrdersSql, rowProductsSql, settleRowsSql} from "./rowsSql.js";
import type {RecordReader} from "./sourceRecord.js";
import {sourceColumns, sourceFilesSql, SourceRowsSink} from "./sourceRows.js";

/** What became of a row source's rows, per file and per rejection reason. */
export interface RowAccount {
  files: {file: string; read: number; loaded: number; duplicates: number; rejected: number}[];
  rejections: {file: string; reason: string; rows: number; first_row: number; first_column: string}[];
}

export interface StageOptions {
  mapping: RowMapping;
  key: PseudonymKey;
  /** A folder for temporary files (a CSV file in another encoding, copied as UTF-8 for DuckDB's reader). */
  scratch: string;
  log: (message: string) => void;
}

/**
 * Reads a row source into DuckDB and maps it there: every row read goes into source_rows as text (never held in
 * JavaScript), its cells are trimmed and picked in SQL, the texts of prices, counts and times are parsed once each
 * (parseTexts), and each row becomes a staged row or a rejection (mappedRowsSql); then rows are settled into orders
 * (see settleRowsSql) and the staging tables filled.
 */
export async function stageRows(connection: DuckDBConnection, reader: RecordReader, {mapping, key, scratch, log}: StageOptions): Promise<RowAccount> {
  await connection.run(stagingTablesSql());
  const columns = sourceColumns(mapping);
  const sink = await SourceRowsSink.open(connection, {columns, files: reader.files, scratch, log});
  await reader.read(sink);
  sink.close();
  await connection.run(sourceFilesSql(reader.files));
  const read = await count(connection, "SELECT sum(rows_read) FROM source_files");
  log(`${read.toLocaleString("en-US")} rows read; mapping them`);
  await connection.run(rowCellsSql(mapping, columns));
  await sink.drop();
  await parseTexts(connection, mapping);
  await connection.run(mappedRowsSql(mapping) + "DROP TABLE source_cells;");

  log("merging duplicates and settling orders");
  await connection.run(settleRowsSql(orderColumns(mapping), reader.files.length));
  await connection.run(rowOrdersSql({key: key.key, defaultChannel: mapping.default_channel}));
  await appendProducts(connection, mapping);
  const account: RowAccount = {
    files: (await rowsOf(connection, fileCountsSql())) as RowAccount["files"],
    rejections: (await rowsOf(connection, rejectionCountsSql())) as RowAccount["rejections"]
  };
  for (const f of account.files) {
    if (f.read !== f.loaded + f.duplicates + f.rejected) throw new Error(`${f.file}: rows do not add up (${JSON.stringify(f)})`);
  }
  return account;
}

/** Products as the loaded rows name them, with kind, category and English name from the mapping. */
async function appendProducts(connection: DuckDBConnection, mapping: RowMapping): Promise<void> {
  const rules = mapping.product_kind_rules.map((r) => ({test: new RegExp(r.pattern), kind: r.kind}));
  const kindOf = (id: string): ProductKind => mapping.products[id]?.kind ?? rules.find((r) => r.test.test(id))?.kind ?? mapping.default_product_kind;
  const appender = await connection.createAppender("products");
  for (const p of (await rowsOf(connection, rowProductsSql())) as {product_id: string; name: string; list_price: number}[]) {
    const known = mapping.products[p.product_id] ?? {};
    appender.appendVarchar(p.product_id);
    appender.appendVarchar(p.name);
    appender.appendVarchar(known.name_en ?? p.name);
    appender.appendVarchar(known.category ?? mapping.default_category);
    appender.appendVarchar(kindOf(p.product_id));
    appender.appendInteger(p.list_price);
    appender.endRow();
  }
  appender.closeSync();
}

function orderColumns(mapping: RowMapping) {
  const name = (field: keyof RowMapping["columns"]) => [mapping.columns[field] ?? field].flat().join(" / ");
  return {
    customer_id: name("customer_id"),
    ordered_at: name("ordered_at"),
    status: mapping.columns.cancelled_at ? `${name("status")} / ${name("cancelled_at")}` : name("status"),
    shipping_fee: name("shipping_fee"),
    discount_amount: name("discount_amount"),
    coupon_code: name("coupon_code"),
    channel: name("channel"),
    subscription: name("subscription"),
    delivery_number: name("delivery_number")
  };
}

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
}

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}
