import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {monthlySql, overviewSql, type OverviewRow} from "../../src/components/overview.js";
import {customersByArquero} from "../fixtures/customersByArquero.js";
import {randomShop} from "../fixtures/randomShop.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

const DAY = 86_400_000;
let tiny: WasmDB;

beforeAll(async () => {
  ({db: tiny} = await wasmSnapshot(tinyShop()));
});
afterAll(() => tiny?.close());

describe("overviewSql on the tiny shop (as of 2024-04-01)", () => {
  it("counts customers, orders and revenue as worked out by hand", () => {
    const [row] = tiny.rows<OverviewRow>(overviewSql({asOf: "2024-04-01"}));
    expect(row).toMatchObject({
      customers: 3, // c3 only cancelled
      orders: 6, // c1: 3, c2: 2, c4: 1
      revenue: 19840, // 8960 + 9880 + 1000
      cancelled_orders: 2,
      refunded_orders: 0,
      repeat_customers: 2,
      second_purchase_window: 90,
      // nobody's first order is 90 days before the as-of date (2024-01-02 or earlier)
      second_purchase_eligible: 0,
      second_purchase_rate: null
    });
    expect(row.repeat_rate).toBeCloseTo(2 / 3, 12);
    expect(row.aov).toBeCloseTo(19840 / 6, 9);
  });

  it("counts a second order within the window only for customers observed for the whole window", () => {
    // 10 days: eligible are first orders on or before 2024-03-22 (c1, c2); c1 returned after 15 days, c2 after 0.
    const [ten] = tiny.rows<OverviewRow>(overviewSql({asOf: "2024-04-01", secondPurchaseDays: 10}));
    expect([ten.second_purchase_eligible, ten.second_purchase_rate]).toEqual([2, 0.5]);
    // 15 days: the boundary day counts.
    const [fifteen] = tiny.rows<OverviewRow>(overviewSql({asOf: "2024-04-01", secondPurchaseDays: 15}));
    expect([fifteen.second_purchase_eligible, fifteen.second_purchase_rate]).toEqual([2, 1]);
  });

  it("splits monthly revenue into first and repeat orders", () => {
    expect(tiny.rows(monthlySql())).toEqual([
      {month: "2024-01", buyer: "new", orders: 1, revenue: 1000},
      {month: "2024-01", buyer: "repeat", orders: 1, revenue: 3980},
      {month: "2024-02", buyer: "new", orders: 1, revenue: 6280},
      {month: "2024-02", buyer: "repeat", orders: 2, revenue: 7580},
      {month: "2024-03", buyer: "new", orders: 1, revenue: 1000}
    ]);
  });
});

describe("the snapshot's customers and overviewSql against Arquero on random shops", () => {
  for (const seed of [1, 2, 3]) {
    it(`agree on seed ${seed}`, async () => {
      const {source, orders} = randomShop(seed);
      const {db, manifest} = await wasmSnapshot(source);
      const expected = customersByArquero(orders);
      const asOfDay = Date.parse(manifest.as_of) / DAY;
      expect(asOfDay).toBe(Math.max(...orders.map((o) => Math.floor(o.ordered_at / DAY))) + 1);

      const actual = db.rows<Record<string, number | string | null>>(`SELECT customer_id, orders, revenue,
          epoch(first_order_date) / 86400 AS first_day, epoch(last_order_date) / 86400 AS last_day,
          epoch(second_order_date) / 86400 AS second_day, recency_days, days_to_second
        FROM customers ORDER BY customer_id`);
      expect(actual.map(({recency_days, days_to_second, ...rest}) => rest)).toEqual(expected);
      actual.forEach((row, i) => {
        expect(row.recency_days).toBe(asOfDay - expected[i].last_day);
        expect(row.days_to_second).toBe(expected[i].second_day === null ? null : expected[i].second_day! - expected[i].first_day);
      });

      // a window that some customer's second order falls exactly on, so the boundary is exercised
      const gaps = expected.filter((c) => c.second_day !== null).map((c) => c.second_day! - c.first_day).sort((a, b) => a - b);
      const window = gaps[Math.floor(gaps.length / 2)];
      const eligible = expected.filter((c) => c.first_day <= asOfDay - window);
      const converted = eligible.filter((c) => c.second_day !== null && c.second_day - c.first_day <= window);
      const revenue = expected.reduce((sum, c) => sum + c.revenue, 0);
      const counted = expected.reduce((sum, c) => sum + c.orders, 0);
      const [row] = db.rows<OverviewRow>(overviewSql({asOf: manifest.as_of, secondPurchaseDays: window}));
      expect(row).toMatchObject({
        customers: expected.length,
        orders: counted,
        revenue,
        cancelled_orders: orders.filter((o) => o.status === "cancelled").length,
        refunded_orders: orders.filter((o) => o.status === "refunded").length,
        repeat_customers: expected.filter((c) => c.orders >= 2).length,
        second_purchase_eligible: eligible.length
      });
      expect(row.aov).toBeCloseTo(revenue / counted, 6);
      expect(row.second_purchase_rate).toBeCloseTo(converted.length / eligible.length, 12);
      db.close();
    });
  }
});
