import {readFileSync} from "node:fs";
import {join} from "node:path";
import iconv from "iconv-lite";
import {afterAll, describe, expect, it} from "vitest";
import {expectedPseudonym, rowSnapshot, writeFixture} from "../support/rowFixtures.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

const opened: WasmDB[] = [];
afterAll(() => opened.forEach((db) => db.close()));

async function snapshot(spec: string, config: string) {
  const result = await rowSnapshot(spec, config);
  opened.push(result.db);
  return result;
}

describe("the shipped Japanese cart sample (Shift_JIS / CP932, Japanese headers, PII columns)", () => {
  it("decodes it and maps 注文番号 … 定期回数 to orders, lines and subscriptions", async () => {
    const {db, manifest} = await snapshot("csv:data/sources/cart-ja-sample.csv", "data/sources/cart-ja.config.json");
    // the file really is CP932: its bytes are not valid UTF-8
    expect(() => new TextDecoder("utf-8", {fatal: true}).decode(readFileSync("data/sources/cart-ja-sample.csv"))).toThrow();
    expect(manifest.rows).toEqual({read: 12, loaded: 12, duplicates: 0, rejected: 0});
    expect(db.rows("SELECT order_id, status, goods_amount, discount_amount, revenue, subscription_id IS NOT NULL AS subscription, delivery_number FROM orders WHERE order_id IN ('1003', '1004', '1007', '1008') ORDER BY order_id")).toEqual([
      // two lines, the ¥398 discount once: 3,980 + 2 × 1,500 − 398
      {order_id: "1003", status: "completed", goods_amount: 6980, discount_amount: 398, revenue: 6582, subscription: true, delivery_number: 1},
      {order_id: "1004", status: "cancelled", goods_amount: 1000, discount_amount: 0, revenue: 1000, subscription: false, delivery_number: null},
      {order_id: "1007", status: "refunded", goods_amount: 1000, discount_amount: 0, revenue: 1000, subscription: false, delivery_number: null},
      {order_id: "1008", status: "completed", goods_amount: 3980, discount_amount: 0, revenue: 3980, subscription: true, delivery_number: 3}
    ]);
    expect(db.rows("SELECT DISTINCT subscription_id FROM orders WHERE subscription_id IS NOT NULL")).toEqual([{subscription_id: `${expectedPseudonym("M0001")}/SB-001`}]);
    expect(db.rows("SELECT product_id, name, kind FROM products ORDER BY product_id")).toEqual([
      {product_id: "CS-001", name: "コラーゲンドリンク", kind: "cross_sell"},
      {product_id: "MN-001", name: "美容液 本品", kind: "main"},
      {product_id: "SB-001", name: "美容液 定期便", kind: "subscription"},
      {product_id: "TR-001", name: "美容液 トライアルセット", kind: "trial"}
    ]);
    expect(db.rows("SELECT channel, count(*) AS orders FROM orders GROUP BY channel ORDER BY channel")).toEqual([
      {channel: "Web", orders: 9},
      {channel: "電話", orders: 1}
    ]);
  });
});

describe("UTF-8 with a BOM, CRLF line ends, a quoted newline and a quoted comma", () => {
  const config = JSON.stringify({
    date_format: "%Y/%-m/%-d %-H:%M",
    columns: {order_id: "注文番号", ordered_at: "注文日時", customer_id: "顧客ID", product_id: "商品コード", product_name: "商品名", quantity: "数量", unit_price: "単価"}
  });
  const rows = [
    "注文番号,注文日時,顧客ID,商品コード,商品名,数量,単価",
    '1,2024/3/1 9:05,K1,A,"美容液\r\n(限定)",1,"1,980"',
    "2,2024/03/02 10:00,K2,B,クリーム,２,￥１，２００"
  ];

  it("reads the same orders from UTF-8 with a BOM and from CP932", async () => {
    const text = rows.join("\r\n") + "\r\n";
    const dir = writeFixture({"bom.csv": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "sjis.csv": iconv.encode(text, "cp932"), "utf8.json": config, "sjis.json": config.replace("{", '{"encoding": "cp932",')});
    for (const [file, mapping] of [["bom.csv", "utf8.json"], ["sjis.csv", "sjis.json"]]) {
      const {db, manifest} = await snapshot(`csv:${join(dir, file)}`, join(dir, mapping));
      expect(manifest.rows).toEqual({read: 2, loaded: 2, duplicates: 0, rejected: 0});
      // the spreadsheet row: the quoted newline keeps row 2 one row; full-width digits and ￥ read as numbers
      expect(db.rows("SELECT o.order_id, strftime(o.ordered_at, '%Y-%m-%d %H:%M') AS at, l.quantity, l.unit_price, p.name FROM orders o JOIN order_lines l USING (order_id) JOIN products p USING (product_id) ORDER BY o.order_id")).toEqual([
        {order_id: "1", at: "2024-03-01 09:05", quantity: 1, unit_price: 1980, name: "美容液\r\n(限定)"},
        {order_id: "2", at: "2024-03-02 10:00", quantity: 2, unit_price: 1200, name: "クリーム"}
      ]);
    }
  });
});
