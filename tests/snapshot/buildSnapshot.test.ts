import {readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {SNAPSHOT_TABLES, type Manifest} from "../../src/components/schema.js";
import {TINY_ORDERS, tinyOrder, tinyShop} from "../fixtures/tinyShop.js";
import {snapshotOf, wasmSnapshot} from "../support/snapshotInWasm.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

let db: WasmDB;
let manifest: Manifest;
let out: string;

beforeAll(async () => {
  ({db, manifest, out} = await wasmSnapshot(tinyShop()));
});
afterAll(() => db?.close());

describe("a snapshot of the tiny shop, read back through Parquet in DuckDB-WASM", () => {
  it("numbers orders in time order and keeps every order with its status", () => {
    const rows = db.rows(`SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, status, order_kind, revenue
      FROM orders ORDER BY order_id`);
    expect(rows).toEqual([
      {order_id: "O00000001", customer_id: "c1", at: "2024-01-05 10:00", status: "completed", order_kind: "trial", revenue: 1000},
      {order_id: "O00000002", customer_id: "c1", at: "2024-01-20 09:00", status: "completed", order_kind: "subscription", revenue: 3980},
      // largest line (M ¥4,980) sets the kind; revenue is goods net of the ¥500 coupon
      {order_id: "O00000003", customer_id: "c2", at: "2024-02-10 21:00", status: "completed", order_kind: "main", revenue: 6280},
      {order_id: "O00000004", customer_id: "c2", at: "2024-02-10 23:00", status: "completed", order_kind: "cross_sell", revenue: 3600},
      {order_id: "O00000005", customer_id: "c1", at: "2024-02-19 09:00", status: "completed", order_kind: "subscription", revenue: 3980},
      {order_id: "O00000006", customer_id: "c3", at: "2024-03-01 12:00", status: "cancelled", order_kind: "trial", revenue: 1000},
      {order_id: "O00000007", customer_id: "c1", at: "2024-03-20 09:00", status: "cancelled", order_kind: "subscription", revenue: 3980},
      {order_id: "O00000008", customer_id: "c4", at: "2024-03-31 23:59", status: "completed", order_kind: "trial", revenue: 1000}
    ]);
  });

  it("numbers each customer's counted orders and counts the days since the previous one, worked out by hand", () => {
    const rows = db.rows("SELECT order_id, order_number, days_since_previous FROM orders ORDER BY order_id");
    expect(rows).toEqual([
      {order_id: "O00000001", order_number: 1, days_since_previous: null}, // c1's trial
      {order_id: "O00000002", order_number: 2, days_since_previous: 15}, // Jan 5 → Jan 20
      {order_id: "O00000003", order_number: 1, days_since_previous: null}, // c2
      {order_id: "O00000004", order_number: 2, days_since_previous: 0}, // two hours later, the same day
      {order_id: "O00000005", order_number: 3, days_since_previous: 30}, // Jan 20 → Feb 19
      {order_id: "O00000006", order_number: null, days_since_previous: null}, // cancelled: not counted
      {order_id: "O00000007", order_number: null, days_since_previous: null}, // cancelled
      {order_id: "O00000008", order_number: 1, days_since_previous: null} // c4
    ]);
  });

  it("keeps lines with their category and amount", () => {
    expect(db.rows("SELECT order_id, line_number, product_id, category, amount FROM order_lines WHERE order_id = 'O00000003'")).toEqual([
      {order_id: "O00000003", line_number: 1, product_id: "M", category: "スキンケア", amount: 4980},
      {order_id: "O00000003", line_number: 2, product_id: "X", category: "スペシャルケア", amount: 1800}
    ]);
  });

  it("derives one row per customer with a counted order, worked out by hand", () => {
    const rows = db.rows(`SELECT customer_id, strftime(cohort_month, '%Y-%m-%d') AS cohort, first_order_id, first_product_id,
        first_order_kind, first_channel, orders, revenue, strftime(second_order_date, '%Y-%m-%d') AS second,
        second_order_kind, days_to_second, recency_days, tenure_days, is_subscriber
      FROM customers ORDER BY customer_id`);
    expect(rows).toEqual([
      // c1: trial, then two subscription deliveries; the third delivery was cancelled and does not count.
      // As of 2024-04-01 (day after the last order): 2024-02-19 → 42 days (leap February); tenure Jan 5 → Feb 19 = 45.
      {customer_id: "c1", cohort: "2024-01-01", first_order_id: "O00000001", first_product_id: "T", first_order_kind: "trial",
        first_channel: "search_ads", orders: 3, revenue: 8960, second: "2024-01-20", second_order_kind: "subscription",
        days_to_second: 15, recency_days: 42, tenure_days: 45, is_subscriber: true},
      // c2: two orders on one day: the second comes 0 days later.
      {customer_id: "c2", cohort: "2024-02-01", first_order_id: "O00000003", first_product_id: "M", first_order_kind: "main",
        first_channel: "affiliate", orders: 2, revenue: 9880, second: "2024-02-10", second_order_kind: "cross_sell",
        days_to_second: 0, recency_days: 51, tenure_days: 0, is_subscriber: false},
      // c3 only has a cancelled order: not a customer. c4 ordered one minute before midnight of the last day.
      {customer_id: "c4", cohort: "2024-03-01", first_order_id: "O00000008", first_product_id: "T", first_order_kind: "trial",
        first_channel: "social_ads", orders: 1, revenue: 1000, second: null, second_order_kind: null,
        days_to_second: null, recency_days: 1, tenure_days: 0, is_subscriber: false}
    ]);
  });

  it("keeps each customer's third and fourth orders and X-month revenues, worked out by hand", async () => {
    // a first order on January 31st: 3 months later is April 30th (April has no 31st), 6 months July 31st
    const orders = [
      tinyOrder("e1", "2024-01-31T10:00:00", [["T", 1, 1000]]),
      tinyOrder("e1", "2024-04-29T10:00:00", [["S", 1, 3980]]), // within 3 months
      tinyOrder("e1", "2024-04-30T10:00:00", [["M", 1, 4980]]), // 3 months on the day: within 6, not 3
      tinyOrder("e1", "2024-07-31T10:00:00", [["X", 1, 1800]]), // within 12
      tinyOrder("e1", "2025-01-30T10:00:00", [["X", 2, 1800]]), // within 12
      tinyOrder("e1", "2025-01-31T10:00:00", [["X", 1, 1800]]), // within 24
      tinyOrder("e2", "2024-02-01T10:00:00", [["T", 1, 1000]])
    ];
    const {db: e} = await wasmSnapshot(tinyShop(orders));
    expect(e.rows(`SELECT customer_id, revenue, revenue_after_3m, revenue_after_6m, revenue_after_12m, revenue_after_24m,
        third_order_kind, days_second_to_third, fourth_order_kind, days_third_to_fourth
      FROM customers ORDER BY customer_id`)).toEqual([
      // within 3 months 4,980, within 6 9,960, within 12 15,360, within 24 all 17,160
      {customer_id: "e1", revenue: 17160, revenue_after_3m: 12180, revenue_after_6m: 7200, revenue_after_12m: 1800, revenue_after_24m: 0,
        third_order_kind: "main", days_second_to_third: 1, fourth_order_kind: "cross_sell", days_third_to_fourth: 92},
      {customer_id: "e2", revenue: 1000, revenue_after_3m: 0, revenue_after_6m: 0, revenue_after_12m: 0, revenue_after_24m: 0,
        third_order_kind: null, days_second_to_third: null, fourth_order_kind: null, days_third_to_fourth: null}
    ]);
    e.close();
  });

  it("records what it holds in the manifest", () => {
    expect(manifest.as_of).toBe("2024-04-01");
    expect(manifest.period).toEqual({first_order_date: "2024-01-05", last_order_date: "2024-03-31"});
    expect(manifest.row_counts).toEqual({orders: 8, order_lines: 9, products: 4, customers: 3, rejections: 0});
    // an order source (the demo, fixtures) delivers whole orders: each is a row read and loaded
    expect(manifest.rows).toEqual({read: 8, loaded: 8, duplicates: 0, rejected: 0});
    expect(manifest.privacy).toEqual({customer_ids: "synthetic"});
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest);
  });
});

describe("building a snapshot", () => {
  it("measures recency to an explicit as-of date", async () => {
    const {db: other} = await wasmSnapshot(tinyShop(), {asOf: "2024-05-01"});
    expect(other.rows("SELECT recency_days FROM customers ORDER BY customer_id")).toEqual([
      {recency_days: 72}, {recency_days: 81}, {recency_days: 31}
    ]);
    other.close();
  });

  it("writes byte-identical Parquet for the same input", async () => {
    const again = await snapshotOf(tinyShop());
    expect(again.manifest.content_hash).toBe(manifest.content_hash);
    for (const table of SNAPSHOT_TABLES) {
      expect(readFileSync(join(again.out, `${table}.parquet`)).equals(readFileSync(join(out, `${table}.parquet`)))).toBe(true);
    }
  });

  it("refuses a line whose product is not in the catalogue, naming it, rather than drop it", async () => {
    const bad = [...TINY_ORDERS, {...TINY_ORDERS[0], lines: [{product_id: "NOPE", quantity: 1, unit_price: 10}]}];
    await expect(snapshotOf(tinyShop(bad))).rejects.toThrow(/order line with an unknown product: 1 \(e\.g\. NOPE\)/);
  });
});
