import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {lastObservedFirstDate} from "../../src/components/earlyRevenue.js";
import {crossSellSql, firstProductSql, type CrossSellPair, type FirstProductRow} from "../../src/components/repeatProducts.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let tiny: WasmDB;
beforeAll(async () => {
  ({db: tiny} = await wasmSnapshot(tinyShop()));
});
afterAll(() => tiny?.close());

describe("firstProductSql on the tiny shop (as of 2024-04-01), by hand", () => {
  it("gives each first product's second-purchase rate among customers whose window is over", () => {
    const rows = tiny.rows<FirstProductRow>(firstProductSql({asOf: "2024-04-01", windowDays: 30, ltvMonths: 1}));
    expect(rows).toEqual([
      // T: c1 (back after 15 days) and c4 (trial on 2024-03-31: its 30 days are not over, so not in the rate)
      {first_product_id: "T", name: "トライアル", name_en: "Trial", customers: 2, observed: 1, second_purchase_rate: 1, median_days: 15, ltv_x: 4980, ltv_x_customers: 1},
      // M: c2, back the same day; one month after 2024-02-10 it had spent 6,280 + 3,600
      {first_product_id: "M", name: "美容液", name_en: "Serum", customers: 1, observed: 1, second_purchase_rate: 1, median_days: 0, ltv_x: 9880, ltv_x_customers: 1}
    ]);
  });

  it("does not count a second order after the window", () => {
    const [trial] = tiny.rows<FirstProductRow>(firstProductSql({asOf: "2024-04-01", windowDays: 14}));
    expect([trial.first_product_id, trial.observed, trial.second_purchase_rate, trial.median_days]).toEqual(["T", 1, 0, null]);
  });
});

describe("crossSellSql, by hand", () => {
  let db: WasmDB;
  beforeAll(async () => {
    db = await openWasmDuckDB();
    // L1–L3 are loyal (2+ orders, ¥20,000+, active); O1, O2 are not
    const loyal = {orders: 2, revenue: 30000, recency_days: 10};
    db.createTable("customers", [
      {customer_id: "L1", ...loyal}, {customer_id: "L2", ...loyal}, {customer_id: "L3", ...loyal},
      {customer_id: "O1", orders: 1, revenue: 3000, recency_days: 10}, {customer_id: "O2", orders: 1, revenue: 3000, recency_days: 10}
    ]);
    const bought: [string, string][] = [["L1", "A"], ["L1", "B"], ["L2", "A"], ["L2", "B"], ["L2", "C"], ["L3", "A"], ["L3", "C"], ["O1", "A"], ["O1", "B"], ["O2", "C"]];
    db.createTable("orders", bought.map(([customer_id], i) => ({order_id: `o${i}`, customer_id, status: "completed"})));
    db.createTable("order_lines", bought.map(([, product_id], i) => ({order_id: `o${i}`, line_number: 1, product_id})));
  });
  afterAll(() => db?.close());

  it("gives support, lift and the support among everyone else", () => {
    const rows = db.rows<CrossSellPair>(crossSellSql({asOf: "2024-04-01", minCustomers: 1}));
    expect(rows.map((r) => [r.product_a, r.product_b, r.customers])).toEqual([["A", "B", 2], ["A", "C", 2], ["B", "C", 1]]);
    // A and B: 2 of 3 loyal customers; A is bought by all 3, B by 2 → lift (2/3) / (1 × 2/3) = 1; O1 of 2 others
    expect(rows[0].support).toBeCloseTo(2 / 3, 12);
    expect(rows[0].lift).toBeCloseTo(1, 12);
    expect(rows[0].support_others).toBeCloseTo(1 / 2, 12);
    // B and C: 1 of 3; each bought by 2 of 3 → lift (1/3) / (4/9) = 0.75
    expect(rows[2].lift).toBeCloseTo(0.75, 12);
    expect(rows[2].support_others).toBe(0);
  });

  it("leaves out pairs bought by fewer loyal customers than asked", () => {
    expect(db.rows<CrossSellPair>(crossSellSql({asOf: "2024-04-01", minCustomers: 2}))).toHaveLength(2);
  });
});

describe("firstProductSql and crossSellSql against plain JavaScript on a random shop", () => {
  it("agree", async () => {
    const {randomShop} = await import("../fixtures/randomShop.js");
    const {source, orders} = randomShop(41, 400);
    const {db, manifest} = await wasmSnapshot(source);
    const DAY = 86_400_000;
    const asOfDay = Date.parse(manifest.as_of) / DAY;
    const counted = orders.filter((o) => o.status === "completed").sort((a, b) => a.ordered_at - b.ordered_at);
    const byCustomer = new Map<string, typeof counted>();
    for (const o of counted) byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o]);
    const day = (o: (typeof counted)[number]) => Math.floor(o.ordered_at / DAY);
    const largest = (o: (typeof counted)[number]) => o.lines.reduce((best, l) => (l.quantity * l.unit_price > best.quantity * best.unit_price ? l : best)).product_id;
    const window = 30;
    const expected = new Map<string, {customers: number; observed: number; back: number}>();
    for (const list of byCustomer.values()) {
      const e = expected.get(largest(list[0])) ?? {customers: 0, observed: 0, back: 0};
      e.customers++;
      if (day(list[0]) + window < asOfDay) {
        e.observed++;
        if (list[1] && day(list[1]) - day(list[0]) <= window) e.back++;
      }
      expected.set(largest(list[0]), e);
    }
    const rows = db.rows<FirstProductRow>(firstProductSql({asOf: manifest.as_of, windowDays: window}));
    expect(new Map(rows.map((r) => [r.first_product_id, {customers: r.customers, observed: r.observed, back: Math.round(r.second_purchase_rate! * r.observed)}]))).toEqual(expected);

    // customers who bought both products of a pair: loyal ones (customers) plus the others (support_others × their number)
    const products = new Map([...byCustomer].map(([id, list]) => [id, new Set(list.flatMap((o) => o.lines.map((l) => l.product_id)))]));
    const pairs = db.rows<CrossSellPair>(crossSellSql({asOf: manifest.as_of, minCustomers: 1}));
    const loyalCount = db.rows<{n: number}>(`SELECT count(*) AS n FROM customers WHERE orders >= 2 AND revenue >= 20000 AND recency_days <= 180`)[0].n;
    expect(loyalCount).toBeGreaterThan(0);
    expect(pairs.length).toBeGreaterThan(3);
    for (const pair of pairs) {
      const both = [...products.values()].filter((set) => set.has(pair.product_a) && set.has(pair.product_b)).length;
      expect(pair.customers + pair.support_others * (products.size - loyalCount)).toBeCloseTo(both, 9);
    }
    db.close();
  });
});

describe("X-month LTV read from revenue to date less the orders after the months", () => {
  it("finds the last observed first-order date as adding months to each first order would, month ends included", () => {
    const asOfs = ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-30", "2024-03-31", "2024-04-30", "2024-12-31", "2025-01-15", "2025-02-28", "2025-12-31", "2026-01-01"];
    for (const asOf of asOfs) {
      for (const months of [1, 2, 3, 6, 12, 24]) {
        const [{wrong}] = tiny.rows<{wrong: number}>(`
          SELECT count(*) FILTER (WHERE (d + INTERVAL ${months} MONTH <= DATE '${asOf}') <> (d <= DATE '${lastObservedFirstDate(asOf, months)}')) AS wrong
          FROM (SELECT CAST(DATE '${asOf}' - INTERVAL (r) DAY AS DATE) AS d FROM range(0, 800) t(r))`);
        expect([asOf, months, wrong]).toEqual([asOf, months, 0]);
      }
    }
  });

  it("agrees with summing each observed customer's orders within the months, on a random shop", async () => {
    const {randomShop} = await import("../fixtures/randomShop.js");
    const {db, manifest} = await wasmSnapshot(randomShop(42, 400).source);
    for (const months of [1, 3, 12]) {
      const direct = db.rows(`
        SELECT c.first_product_id, CAST(count(*) AS INTEGER) AS ltv_x_customers, CAST(avg(e.revenue) AS DOUBLE) AS ltv_x
        FROM customers c JOIN (
          SELECT c.customer_id, sum(o.revenue) FILTER (WHERE o.order_date < c.first_order_date + INTERVAL ${months} MONTH) AS revenue
          FROM customers c JOIN orders o ON o.customer_id = c.customer_id AND o.status = 'completed'
          WHERE c.first_order_date + INTERVAL ${months} MONTH <= DATE '${manifest.as_of}'
          GROUP BY c.customer_id
        ) e USING (customer_id)
        GROUP BY ALL ORDER BY 1`);
      const rows = db.rows<FirstProductRow>(firstProductSql({asOf: manifest.as_of, ltvMonths: months}));
      const byProduct = rows.filter((r) => r.ltv_x_customers > 0).map((r) => ({first_product_id: r.first_product_id, ltv_x_customers: r.ltv_x_customers, ltv_x: r.ltv_x}));
      expect(byProduct.sort((a, b) => a.first_product_id.localeCompare(b.first_product_id))).toEqual(direct);
      expect(direct.length).toBeGreaterThan(0);
    }
    db.close();
  });
});
