import {tmpdir} from "node:os";
import {DuckDBInstance} from "@duckdb/node-api";
import {randomLcg} from "d3";
import {describe, expect, it} from "vitest";
import {mappedRowsSql} from "../../loaders/rows/mappedRowsSql.js";
import {parseTexts} from "../../loaders/rows/parsedTexts.js";
import {JS_WHITESPACE, rowCellsSql} from "../../loaders/rows/rowCellsSql.js";
import {checkRowMapping, type RowMapping} from "../../loaders/rows/rowMapping.js";
import {recordsWithHeader, type SourceRecord} from "../../loaders/rows/sourceRecord.js";
import {sourceColumns, sourceFilesSql, SourceRowsSink} from "../../loaders/rows/sourceRows.js";
import {stagingTablesSql} from "../../loaders/snapshot/snapshotSql.js";
import {recordMapper} from "../support/recordMapperByJs.js";

/** Each record mapped by the loader's SQL: a rejection, or the staged row's fields. */
async function mapInSql(mapping: RowMapping, records: SourceRecord[], files: string[]) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(stagingTablesSql());
    const columns = sourceColumns(mapping);
    const sink = await SourceRowsSink.open(connection, {columns, files, scratch: tmpdir(), log: () => {}});
    sink.append(records);
    sink.close();
    await connection.run(sourceFilesSql(files));
    await connection.run(rowCellsSql(mapping, columns));
    // a few texts at a time, to read them in many batches
    await parseTexts(connection, mapping, 7);
    await connection.run(mappedRowsSql(mapping));
    const staged = (await connection.runAndReadAll(`SELECT * FROM staged_rows`)).getRowObjectsJS();
    const rejected = (await connection.runAndReadAll(`SELECT file, "row", "column", reason, value, order_key FROM rejected_rows`)).getRowObjectsJS();
    const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
    return [...staged.map((r) => ({kind: "staged", ...plain(r)})), ...rejected.map((r) => ({kind: "rejected", ...plain(r)}))].sort(byRow) as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The same records through the JavaScript mapper the loader used before (tests/support/recordMapperByJs.ts). */
function mapInJs(mapping: RowMapping, records: SourceRecord[]) {
  const map = recordMapper(mapping);
  return records
    .map((record) => {
      const mapped = map(record);
      return "reason" in mapped ? {kind: "rejected", ...mapped} : {kind: "staged", ...mapped};
    })
    .sort(byRow);
}

const byRow = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.file).localeCompare(String(b.file)) || Number(a.row) - Number(b.row);

describe("the row mapping in SQL", () => {
  it("trims exactly what JavaScript's trim trims", () => {
    const trimmed = Array.from({length: 0x10000}, (_, c) => c).filter((c) => String.fromCharCode(c).trim() === "");
    expect(JS_WHITESPACE).toEqual(trimmed);
  });

  // five mappings that between them read every field, with and without an order id, one column or several
  const MAPPINGS: Partial<RowMapping>[] = [
    {
      date_format: "%Y/%m/%d %H:%M:%S",
      columns: {order_id: "注文番号", ordered_at: "注文日時", customer_id: "会員ID", product_id: "商品コード", product_name: "商品名", quantity: "数量", unit_price: "単価", shipping_fee: "送料", discount_amount: "値引", coupon_code: "クーポン", subscription: "定期", delivery_number: "定期回数", status: "対応状況", channel: "受注経路"},
      status_values: {completed: ["発送済み", "入金済み"], cancelled: ["キャンセル", "入金済み"], refunded: ["返品"]},
      subscription_values: ["1", "定期"]
    },
    {
      date_format: "%Y-%m-%d %H:%M",
      columns: {order_id: "order", ordered_at: "time", customer_id: ["customer", "email"], product_id: "sku", unit_price: ["price", "list price"], cancelled_at: "cancelled", status: "status", subscription_id: "plan", channel: "source"},
      status_values: {completed: ["paid"], cancelled: [], refunded: ["refunded"]}
    },
    {
      date_format: "%Y%m%d",
      currency: "USD",
      columns: {customer_id: "customer_id", ordered_at: "date", line_amount: "dollar_value"},
      orders_without_id: "customer_day",
      default_product: {id: "CD", name: "CD"}
    },
    {
      date_format: "%Y-%m-%d %H:%M:%S %Z",
      time_zone: "Asia/Tokyo",
      columns: {ordered_at: "time", customer_id: "customer", product_id: "sku", quantity: "qty", line_amount: "amount", unit_price: "price"},
      orders_without_id: "row"
    },
    {
      date_format: "%d %b %Y",
      columns: {order_id: "id", ordered_at: "day", customer_id: "who", product_id: "what", unit_price: "price", status: "state"},
      status_values: {completed: ["ok"], cancelled: [], refunded: []}
    }
  ];

  it("maps random rows as the JavaScript mapper did: every staged field, every rejection's reason, column and value", async () => {
    const random = randomLcg(11);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const pad = (text: string) => pick(["", "", "", " ", "\u3000", "\t", "\u00a0"]) + text + pick(["", "", "", " ", "\u3000", "\ufeff"]);
    const cells: Record<string, string[]> = {
      id: ["A1", "A2", "A3", "B10", "", "  ", "x\uFFFD"],
      time: ["2024/03/01 09:05:00", "2024/3/1 9:05:00", "2024/02/30 10:00:00", "1985/01/01 00:00:00", "2024-03-01 09:05", "2024-3-1 9:05", "2024-02-30 09:00", "20240301", "20240230", "2024-03-01 09:05:00 +0900", "2024-03-01 09:05:00 -0500", "2024-03-01 09:05:00 Z", "1 Mar 2024", "30 Feb 2024", "yesterday", "", "2024/03/01 09:05:00\uFFFD"],
      money: ["1000", "1,000", "¥1,980", "１，９８０円", "-500", "-0", "0", "abc", "1000.5", "29.33", "29.333", "99999999", "", "1\uFFFD"],
      count: ["1", "2", "1.0", "1.5", "0", "-1", "abc", "１", "", "100001"],
      status: ["発送済み", "入金済み", "キャンセル", "返品", "paid", "refunded", "ok", "shipped", "", "発送済み\uFFFD"],
      flag: ["1", "定期", "0", "yes", "", "\uFFFD"],
      text: ["Web", "電話", "WELCOME10", "美容液 トライアルセット", "", "a\uFFFDb", "x".repeat(90), "😀".repeat(85)]
    };
    const kindOf: Record<string, keyof typeof cells> = {
      注文番号: "id", order: "id", id: "id", 注文日時: "time", time: "time", date: "time", day: "time",
      会員ID: "id", customer: "id", email: "id", customer_id: "id", who: "id", 商品コード: "id", sku: "id", what: "id",
      商品名: "text", 数量: "count", qty: "count", 定期回数: "count", 単価: "money", price: "money", "list price": "money",
      送料: "money", 値引: "money", dollar_value: "money", amount: "money", クーポン: "text", 定期: "flag", 対応状況: "status",
      status: "status", state: "status", 受注経路: "text", source: "text", cancelled: "text", plan: "text"
    };
    let compared = 0;
    const reasons = new Set<string>();
    for (const partial of MAPPINGS) {
      const mapping = checkRowMapping(partial, "test mapping");
      const header = [...sourceColumns(mapping), "unmapped"];
      const records: SourceRecord[] = [];
      for (const file of ["a.csv", "b.csv"]) {
        const toRecord = recordsWithHeader(file, header);
        for (let row = 2; row < 302; row++) {
          const values = header.map((column) => (column === "unmapped" ? "x" : random() < 0.6 ? pad(pick(cells[kindOf[column]])) : pick(cells[kindOf[column]].slice(0, 2))));
          // now and then a row of another width
          records.push(toRecord(row, random() < 0.02 ? values.slice(0, -2) : values));
        }
      }
      const js = mapInJs(mapping, records);
      const sql = await mapInSql(mapping, records, ["a.csv", "b.csv"]);
      expect(sql.length).toBe(js.length);
      for (let i = 0; i < js.length; i++) expect(sql[i], JSON.stringify(records.find((r) => r.file === js[i].file && r.row === js[i].row))).toEqual(js[i]);
      compared += js.length;
      js.forEach((r) => "reason" in r && reasons.add(String(r.reason)));
    }
    expect(compared).toBe(MAPPINGS.length * 600);
    // the random rows reach every reason a row can be rejected for on its own
    expect([...reasons].sort()).toEqual(["absurd_amount", "bad_count", "bad_date", "date_out_of_range", "fractional_amount", "impossible_date", "missing_customer_id", "missing_order_id", "missing_product", "negative_amount", "not_a_number", "undecodable_bytes", "unknown_status", "wrong_column_count"]);
  });
});
