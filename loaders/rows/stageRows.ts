import {BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import type {ProductKind} from "../../src/components/schema.js";
import {stagingTablesSql} from "../snapshot/snapshotSql.js";
import {ChunkAppender} from "./chunkAppender.js";
import {recordMapper, type Rejection, type StagedRow} from "./mapRecord.js";
import type {PseudonymKey} from "./pseudonymKey.js";
import type {RowMapping} from "./rowMapping.js";
import {fileCountsSql, rejectionCountsSql, rowOrdersSql, rowProductsSql, rowStagingSql, settleRowsSql} from "./rowsSql.js";
import type {RecordReader} from "./sourceRecord.js";

/** What became of a row source's rows, per file and per rejection reason. */
export interface RowAccount {
  files: {file: string; read: number; loaded: number; duplicates: number; rejected: number}[];
  rejections: {file: string; reason: string; rows: number; first_row: number; first_column: string}[];
}

/**
 * Streams a row source into DuckDB: each record is mapped and appended as a valid row or a rejection, never
 * held in JavaScript; then rows are settled into orders (see settleRowsSql) and the staging tables filled.
 */
export async function stageRows(connection: DuckDBConnection, reader: RecordReader, mapping: RowMapping, key: PseudonymKey, log: (message: string) => void): Promise<RowAccount> {
  await connection.run(stagingTablesSql() + rowStagingSql());
  const rows = new ChunkAppender(await connection.createAppender("staged_rows"), STAGED_ROW_TYPES);
  const rejections = new ChunkAppender(await connection.createAppender("rejected_rows"), REJECTED_ROW_TYPES);
  const map = recordMapper(mapping);
  const readPerFile = new Map<string, number>(reader.files.map((f) => [f, 0]));
  let read = 0;
  for await (const batch of reader.records()) {
    for (const record of batch) {
      readPerFile.set(record.file, (readPerFile.get(record.file) ?? 0) + 1);
      const mapped = map(record);
      if ("reason" in mapped) rejections.append(rejectionValues(mapped));
      else rows.append(rowValues(mapped));
      if (++read % 1_000_000 === 0) log(`${read.toLocaleString("en-US")} rows read`);
    }
  }
  rows.close();
  rejections.close();
  const files = await connection.createAppender("source_files");
  [...readPerFile].forEach(([file, count], i) => {
    files.appendInteger(i);
    files.appendVarchar(file);
    files.appendBigInt(BigInt(count));
    files.endRow();
  });
  files.closeSync();

  log(`${read.toLocaleString("en-US")} rows read; merging duplicates and settling orders`);
  await connection.run(settleRowsSql(orderColumns(mapping)));
  await appendProducts(connection, mapping);
  await connection.run(rowOrdersSql({key: key.key, defaultChannel: mapping.default_channel}));
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

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}

/** Column types of staged_rows and rejected_rows (see rowStagingSql and stagingTablesSql). */
const STAGED_ROW_TYPES = [VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, DOUBLE, VARCHAR, BIGINT, BIGINT, VARCHAR, VARCHAR, BOOLEAN, VARCHAR, INTEGER, VARCHAR, VARCHAR, INTEGER, BIGINT];
const REJECTED_ROW_TYPES = [VARCHAR, BIGINT, VARCHAR, VARCHAR, VARCHAR, VARCHAR];

function rowValues(row: StagedRow): DuckDBValue[] {
  return [
    row.file,
    BigInt(row.row),
    row.order_key,
    row.order_id,
    row.customer_key,
    row.ordered_at_ms,
    row.status,
    bigint(row.shipping_fee),
    bigint(row.discount_amount),
    row.coupon_code,
    row.channel,
    row.is_subscription,
    row.subscription_id,
    row.delivery_number,
    row.product_id,
    row.product_name,
    row.quantity,
    BigInt(row.unit_price)
  ];
}

function rejectionValues(r: Rejection): DuckDBValue[] {
  return [r.file, BigInt(r.row), r.column, r.reason, r.value, r.order_key];
}

function bigint(value: number | null): bigint | null {
  return value === null ? null : BigInt(value);
}
