import {existsSync} from "node:fs";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildSnapshot} from "../../loaders/snapshot/buildSnapshot.js";
import {openSource} from "../../loaders/sources/openSource.js";
import type {Manifest} from "../../src/components/schema.js";
import {expectedPseudonym, rowSnapshot, TEST_KEY, writeFixture} from "../support/rowFixtures.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

const CONFIG = JSON.stringify({
  shop: {name: "テスト", name_en: "Test"},
  date_format: "%Y-%m-%d %H:%M",
  columns: {
    order_id: "order",
    ordered_at: "time",
    customer_id: "customer",
    product_id: "sku",
    quantity: "qty",
    unit_price: "price",
    shipping_fee: "shipping",
    discount_amount: "discount",
    status: "status"
  },
  status_values: {completed: ["paid"], cancelled: ["cancelled"], refunded: ["refunded"]},
  products: {T: {kind: "trial"}, X: {kind: "cross_sell"}},
  max_rejected_ratio: 1
});

const HEADER = "order,time,customer,sku,qty,price,shipping,discount,status";
// a.csv: rows 2–20 (the header is row 1); each bad row has one fault, worked out by hand below
const A = [
  HEADER,
  "A1,2024-01-05 10:00,c1,T,1,1000,0,0,paid",
  "A2,2024-01-06 11:00,c2,M,1,4980,0,0,paid",
  "A2,2024-01-06 11:00,c2,X,2,1800,0,0,paid",
  "A3,2024-02-30 09:00,c3,T,1,1000,0,0,paid",
  "A4,2024-01-07 09:00,,T,1,1000,0,0,paid",
  "A5,yesterday,c5,T,1,1000,0,0,paid",
  "A6,2024-01-08 09:00,c6,T,1,abc,0,0,paid",
  "A7,2024-01-08 10:00,c7,T,1,-500,0,0,paid",
  "A8,2024-01-08 11:00,c8,T,1,99999999,0,0,paid",
  ",2024-01-08 12:00,c9,T,1,1000,0,0,paid",
  "A9,2024-01-08 13:00,c9,T,1,1000,0,0,shipped",
  "A10,2024-01-08 14:00,c10,T,1,1000,0",
  "A11,2024-01-09 09:00,c11,M,1,4980,0,0,paid",
  "A12,2024-01-09 10:00,c12,M,1,4980,0,0,paid",
  "A12,2024-01-09 10:00,c12,X,1.5,1800,0,0,paid",
  "A13,2024-01-10 09:00,c13,T,1,1000.5,0,0,paid",
  "A14,2024-01-10 10:00,c14,T\uFFFD,1,1000,0,0,paid",
  "A15,1985-01-01 09:00,c15,T,1,1000,0,0,paid",
  "A16,2024-01-11 09:00,c16,T,1,1000,0,0,paid"
];
// b.csv overlaps a.csv: A16 again exactly (merged), A11 again with another status (a conflict)
const B = [
  HEADER,
  "A16,2024-01-11 09:00,c16,T,1,1000,0,0,paid",
  "A11,2024-01-09 09:00,c11,M,1,4980,0,0,refunded",
  "A17,2024-01-12 09:00,c1,T,1,1000,0,0,paid",
  '"A18","2024-01-12 10:00","c18","M","1","4,980","600","0","paid"'
];

let dir: string;
let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  // a.csv's row 18 holds bytes that are not UTF-8 (0xFF), as a broken export would
  const a = Buffer.from(A.join("\n") + "\n", "utf8");
  const bad = a.indexOf(Buffer.from("T\uFFFD", "utf8"));
  const bytes = Buffer.concat([a.subarray(0, bad + 1), Buffer.from([0xff]), a.subarray(bad + 1 + 3)]);
  dir = writeFixture({"a.csv": bytes, "b.csv": B.join("\r\n"), "mapping.json": CONFIG});
  ({db, manifest} = await rowSnapshot(`csv:${dir}/*.csv`, join(dir, "mapping.json")));
});
afterAll(() => db?.close());

describe("a CSV source with one fault per row, snapshotted (worked out by hand)", () => {
  it("accounts for every row read: loaded, merged as a duplicate, or rejected", () => {
    expect(manifest.rows).toEqual({read: 23, loaded: 6, duplicates: 1, rejected: 16});
    expect(manifest.files).toEqual([
      {file: "a.csv", read: 19, loaded: 4, duplicates: 0, rejected: 15},
      {file: "b.csv", read: 4, loaded: 2, duplicates: 1, rejected: 1}
    ]);
  });

  it("lists each rejected row with its file, row, column, reason and offending value", () => {
    expect(db.rows("SELECT file, row_number, column_name, reason, value FROM rejections ORDER BY file, row_number")).toEqual([
      {file: "a.csv", row_number: 5, column_name: "time", reason: "impossible_date", value: "2024-02-30 09:00"},
      {file: "a.csv", row_number: 6, column_name: "customer", reason: "missing_customer_id", value: null},
      {file: "a.csv", row_number: 7, column_name: "time", reason: "bad_date", value: "yesterday"},
      {file: "a.csv", row_number: 8, column_name: "price", reason: "not_a_number", value: "abc"},
      {file: "a.csv", row_number: 9, column_name: "price", reason: "negative_amount", value: "-500"},
      {file: "a.csv", row_number: 10, column_name: "price", reason: "absurd_amount", value: "99999999"},
      {file: "a.csv", row_number: 11, column_name: "order", reason: "missing_order_id", value: null},
      {file: "a.csv", row_number: 12, column_name: "status", reason: "unknown_status", value: "shipped"},
      {file: "a.csv", row_number: 13, column_name: "", reason: "wrong_column_count", value: null},
      {file: "a.csv", row_number: 14, column_name: "status", reason: "conflicting_order", value: "A11"},
      {file: "a.csv", row_number: 15, column_name: "", reason: "order_incomplete", value: "A12"},
      {file: "a.csv", row_number: 16, column_name: "qty", reason: "bad_count", value: "1.5"},
      {file: "a.csv", row_number: 17, column_name: "price", reason: "fractional_amount", value: "1000.5"},
      {file: "a.csv", row_number: 18, column_name: "sku", reason: "undecodable_bytes", value: "T\uFFFD"},
      {file: "a.csv", row_number: 19, column_name: "time", reason: "date_out_of_range", value: "1985-01-01 09:00"},
      {file: "b.csv", row_number: 3, column_name: "status", reason: "conflicting_order", value: "A11"}
    ]);
    expect(manifest.rejections.find((r) => r.reason === "conflicting_order" && r.file === "a.csv")).toEqual({
      file: "a.csv",
      reason: "conflicting_order",
      rows: 1,
      first_row: 14,
      first_column: "status"
    });
  });

  it("loads the good orders with the export's ids, pseudonymous customers and order-level fields once", () => {
    expect(db.rows("SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, goods_amount, shipping_fee, revenue FROM orders ORDER BY ordered_at")).toEqual([
      {order_id: "A1", customer_id: expectedPseudonym("c1"), at: "2024-01-05 10:00", goods_amount: 1000, shipping_fee: 0, revenue: 1000},
      {order_id: "A2", customer_id: expectedPseudonym("c2"), at: "2024-01-06 11:00", goods_amount: 8580, shipping_fee: 0, revenue: 8580},
      {order_id: "A16", customer_id: expectedPseudonym("c16"), at: "2024-01-11 09:00", goods_amount: 1000, shipping_fee: 0, revenue: 1000},
      {order_id: "A17", customer_id: expectedPseudonym("c1"), at: "2024-01-12 09:00", goods_amount: 1000, shipping_fee: 0, revenue: 1000},
      {order_id: "A18", customer_id: expectedPseudonym("c18"), at: "2024-01-12 10:00", goods_amount: 4980, shipping_fee: 600, revenue: 4980}
    ]);
    expect(db.rows("SELECT count(*) AS lines FROM order_lines")).toEqual([{lines: 6}]);
    // cancelled, refunded and rejected orders aside, c1 bought twice
    expect(db.rows("SELECT orders, revenue FROM customers ORDER BY revenue DESC")).toEqual([
      {orders: 1, revenue: 8580},
      {orders: 1, revenue: 4980},
      {orders: 2, revenue: 2000},
      {orders: 1, revenue: 1000}
    ]);
  });

  it("keeps products' kinds from the mapping and the default for the rest", () => {
    expect(db.rows("SELECT product_id, kind, list_price FROM products ORDER BY product_id")).toEqual([
      {product_id: "M", kind: "main", list_price: 4980},
      {product_id: "T", kind: "trial", list_price: 1000},
      {product_id: "X", kind: "cross_sell", list_price: 1800}
    ]);
  });

  it("records the pseudonym key's id, never the key", () => {
    expect(manifest.privacy).toMatchObject({customer_ids: "keyed_sha256", key_origin: "env"});
    expect(JSON.stringify(manifest)).not.toContain(TEST_KEY);
  });
});

describe("rejection limits and inputs that fail at once", () => {
  it("fails over the rejection limit, naming the commonest reasons with their first row, and writes nothing", async () => {
    const out = mkdtempSync(join(tmpdir(), "ltv-fail-"));
    const source = await openSource(`csv:${dir}/*.csv`, {config: join(dir, "mapping.json")});
    const message = await buildSnapshot(source, {out, env: {LTV_PSEUDONYM_KEY: TEST_KEY}, maxRejectedRatio: 0.02}).then(
      () => "",
      (error: Error) => error.message
    );
    expect(message).toMatch(/^16 of 23 rows rejected \(69\.57 %\), over the limit of 2\.00 %/);
    expect(message).toContain('2 × conflicting duplicate of an order — first at a.csv row 14, column "status"');
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
  });

  it("fails on a missing required column, naming the file and the column", async () => {
    const bad = writeFixture({"orders.csv": "order,time,sku,qty,price,shipping,discount,status\nA1,2024-01-05 10:00,T,1,1000,0,0,paid\n", "mapping.json": CONFIG});
    await expect(openSource(`csv:${bad}/orders.csv`, {config: join(bad, "mapping.json")}).then((s) => buildSnapshot(s, {out: join(bad, "out"), env: {LTV_PSEUDONYM_KEY: TEST_KEY}}))).rejects.toThrow(
      /orders\.csv: missing column "customer" \(for customer_id\)/
    );
  });

  it("fails on an empty file and on a file that is not there", async () => {
    const empty = writeFixture({"orders.csv": "", "header.csv": `${HEADER}\n`, "mapping.json": CONFIG});
    const snapshot = (spec: string) => openSource(spec, {config: join(empty, "mapping.json")}).then((s) => buildSnapshot(s, {out: join(empty, "out"), env: {LTV_PSEUDONYM_KEY: TEST_KEY}}));
    await expect(snapshot(`csv:${empty}/orders.csv`)).rejects.toThrow(/orders\.csv: the file is empty/);
    await expect(snapshot(`csv:${empty}/header.csv`)).rejects.toThrow(/header\.csv: the file has a header but no rows/);
    await expect(snapshot(`csv:${empty}/missing.csv`)).rejects.toThrow(/missing\.csv: cannot read: ENOENT/);
  });
});
