import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Manifest} from "../../src/components/schema.js";
import {expectedPseudonym, rowSnapshot, writeFixture} from "../support/rowFixtures.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

// Shopify's orders export, a subset of its columns in its order: the order's fields on its first row only
const HEADER = "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Address1,Billing Phone,Cancelled at,Source";
const ROWS = [
  "#1001,hanako@example.jp,paid,2024-03-01 10:05:00 +0900,fulfilled,JPY,7980,600,0,8480,SPRING,100,2024-03-01 10:00:00 +0900,1,Serum,4980.00,SER-01,Hanako Yamada,1-2-3 Roppongi,+81 90 1111 2222,,web",
  "#1001,,,,,,,,,,,,,2,Mask,1500.00,MSK-01,,,,,",
  "#1002,taro@example.jp,refunded,,fulfilled,JPY,1000,0,0,1000,,0,2024-03-02 23:30:00 -0500,1,Trial set,1000.00,TRY-01,Taro Sato,2-4-6 Umeda,+81 80 3333 4444,,web",
  "#1003,ken@example.jp,voided,,,JPY,4980,0,0,4980,,0,2024-03-04 09:00:00 +0900,1,Serum,4980.00,SER-01,Ken Ito,4-5-6 Sakae,,2024-03-04 12:00:00 +0900,pos",
  "#1004,hanako@example.jp,paid,,,JPY,3000,0,0,3000,,0,2024-03-05 09:00:00 +0900,1,Gift card,3000.00,,Hanako Yamada,1-2-3 Roppongi,+81 90 1111 2222,,web",
  "#1005,hanako@example.jp,paid,,,JPY,1000,0,0,1000,,0,2024-03-06 09:00:00 +0900,1,Trial set,1000.50,TRY-01,Hanako Yamada,1-2-3 Roppongi,,,web"
];
const KINDS = JSON.stringify({products: {"TRY-01": {kind: "trial"}, "MSK-01": {kind: "cross_sell"}}, max_rejected_ratio: 1});

let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  const dir = writeFixture({"orders_export.csv": [HEADER, ...ROWS].join("\n") + "\n", "kinds.json": KINDS});
  ({db, manifest} = await rowSnapshot(`shopify:${join(dir, "orders_export.csv")}`, join(dir, "kinds.json")));
});
afterAll(() => db?.close());

describe("shopify: Shopify's standard orders export (worked out by hand)", () => {
  it("takes an order's fields from its first row and its lines from every row", () => {
    expect(manifest.rows).toEqual({read: 6, loaded: 5, duplicates: 0, rejected: 1});
    expect(db.rows("SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, goods_amount, discount_amount, shipping_fee, coupon_code, channel, status FROM orders ORDER BY order_id")).toEqual([
      // 4,980 + 2 × 1,500; the discount and shipping once
      {order_id: "#1001", customer_id: expectedPseudonym("hanako@example.jp"), at: "2024-03-01 10:00", goods_amount: 7980, discount_amount: 100, shipping_fee: 600, coupon_code: "SPRING", channel: "web", status: "completed"},
      // 23:30 at UTC−5 is 13:30 the next day in Tokyo
      {order_id: "#1002", customer_id: expectedPseudonym("taro@example.jp"), at: "2024-03-03 13:30", goods_amount: 1000, discount_amount: 0, shipping_fee: 0, coupon_code: null, channel: "web", status: "refunded"},
      {order_id: "#1003", customer_id: expectedPseudonym("ken@example.jp"), at: "2024-03-04 09:00", goods_amount: 4980, discount_amount: 0, shipping_fee: 0, coupon_code: null, channel: "pos", status: "cancelled"},
      {order_id: "#1004", customer_id: expectedPseudonym("hanako@example.jp"), at: "2024-03-05 09:00", goods_amount: 3000, discount_amount: 0, shipping_fee: 0, coupon_code: null, channel: "web", status: "completed"}
    ]);
  });

  it("names a line without a SKU by its line item name, and takes kinds from the config", () => {
    expect(db.rows("SELECT product_id, kind FROM products ORDER BY product_id")).toEqual([
      {product_id: "Gift card", kind: "main"},
      {product_id: "MSK-01", kind: "cross_sell"},
      {product_id: "SER-01", kind: "main"},
      {product_id: "TRY-01", kind: "trial"}
    ]);
  });

  it("rejects a price finer than a yen", () => {
    expect(db.rows("SELECT row_number, column_name, reason, value FROM rejections")).toEqual([{row_number: 7, column_name: "Lineitem price", reason: "fractional_amount", value: "1000.50"}]);
  });
});
