import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {bootstrapMeanInterval} from "../../src/components/bootstrap.js";
import {segmentAssignmentSql} from "../../src/components/segmentAssignment.js";
import {SEGMENT_SCHEMES, SEGMENTS, type SegmentScheme} from "../../src/components/segmentSchemes.js";
import {customerSegmentsSql, segmentsSql, type SegmentRow} from "../../src/components/segments.js";
import {classifyByJs, type PlainCustomer} from "../fixtures/segmentsByJs.js";
import {randomShop} from "../fixtures/randomShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let db: WasmDB;
beforeAll(async () => {
  db = await openWasmDuckDB();
});
afterAll(() => db?.close());

const assigned = (scheme: SegmentScheme, asOf = "2025-01-01") =>
  Object.fromEntries(db.rows<{customer_id: string; segment: string}>(`${segmentAssignmentSql({scheme, asOf})} ORDER BY customer_id`).map((r) => [r.customer_id, r.segment]));

describe("segment schemes at their boundaries, by hand (default thresholds)", () => {
  it("lifecycle: 90 / 180 / 365 days, 1 / 2 / 3 orders", () => {
    const c = (id: string, recency_days: number, orders: number) => ({customer_id: id, recency_days, orders, revenue: 1000 * orders});
    db.createTable("customers", [c("a", 90, 1), c("b", 90, 2), c("c", 90, 3), c("d", 91, 1), c("e", 180, 5), c("f", 181, 1), c("g", 365, 9), c("h", 366, 1)]);
    expect(assigned("lifecycle")).toEqual({a: "new", b: "becoming_regular", c: "regular", d: "sleeping", e: "sleeping", f: "half_dormant", g: "half_dormant", h: "dormant"});
    // shares and values of the lifecycle classes: 8 customers, revenue 1000 × orders
    const rows = db.rows<SegmentRow>(segmentsSql({scheme: "lifecycle", asOf: "2025-01-01"}));
    expect(rows.map((r) => r.segment)).toEqual(SEGMENTS.lifecycle.map(([code]) => code));
    expect(rows.find((r) => r.segment === "sleeping")).toEqual({
      segment: "sleeping", customers: 2, customer_share: 2 / 8, revenue: 6000, revenue_share: 6000 / 23000, ltv: 3000, orders_per_customer: 3, aov: 1000
    });
  });

  it("value × activity: one order within 90 days, ¥20,000 and 180 days for repeaters", () => {
    const c = (id: string, orders: number, recency_days: number, revenue: number) => ({customer_id: id, orders, recency_days, revenue});
    db.createTable("customers", [c("a", 1, 90, 500), c("b", 1, 91, 50000), c("c", 2, 180, 20000), c("d", 2, 180, 19999), c("e", 3, 181, 20000), c("f", 3, 181, 19999)]);
    expect(assigned("value_activity")).toEqual({a: "new", b: "one_time", c: "loyal", d: "frequent_low", e: "at_risk", f: "not_target"});
  });

  it("CPM: 240 days lapsed, tenure 90 / 210 days, ¥70,000", () => {
    const c = (id: string, orders: number, tenure_days: number, revenue: number, recency_days: number) => ({customer_id: id, orders, tenure_days, revenue, recency_days});
    db.createTable("customers", [
      c("a", 1, 0, 90000, 240), c("b", 1, 0, 1000, 241), c("c", 2, 89, 90000, 0), c("d", 2, 90, 70000, 0),
      c("e", 2, 90, 70001, 0), c("f", 2, 209, 70001, 241), c("g", 2, 210, 70001, 10)
    ]);
    expect(assigned("cpm")).toEqual({a: "first_active", b: "first_lapsed", c: "toddler_active", d: "steady_active", e: "trendy_active", f: "trendy_lapsed", g: "excellent_active"});
  });

  it("LTV rank: the bar from mature customers, young ones against high-LTV customers at the same age", () => {
    // Mature (first order ≥ 365 days before 2025-01-01): revenues 20,000, 20,000, 3,000, 1,000 → median bar
    // 11,500 with top share 0.5. High: m1, m2. Their spend by day 30 and 60: 4,000 and 5,000 → median 4,500;
    // by day 90 on: 20,000 each.
    db.createTable("customers", [
      {customer_id: "m1", first_order_date: "2023-06-01", revenue: 20000},
      {customer_id: "m2", first_order_date: "2023-07-01", revenue: 20000},
      {customer_id: "m3", first_order_date: "2023-08-01", revenue: 3000},
      {customer_id: "m4", first_order_date: "2023-09-01", revenue: 1000},
      {customer_id: "y1", first_order_date: "2024-12-10", revenue: 4500}, // age 22 → compared at 30 days: 4,500 ≥ 4,500
      {customer_id: "y2", first_order_date: "2024-11-01", revenue: 4400}, // age 61 → 60 days: below 4,500
      {customer_id: "y3", first_order_date: "2024-10-01", revenue: 12000}, // over the bar already
      {customer_id: "y4", first_order_date: "2024-09-01", revenue: 11000}, // age 122 → 120 days: below 20,000
      {customer_id: "y5", first_order_date: "2024-10-15", revenue: 6000} // age 78 → 60 days: above 4,500
    ].map((r) => ({...r, first_order_date: new Date(`${r.first_order_date}T00:00:00Z`)})));
    const o = (customer_id: string, date: string, revenue: number, status = "completed") => ({order_id: `${customer_id}${date}`, customer_id, order_date: new Date(`${date}T00:00:00Z`), revenue, status});
    db.createTable("orders", [
      o("m1", "2023-06-01", 4000), o("m1", "2023-08-15", 16000), o("m1", "2023-06-02", 9999, "cancelled"),
      o("m2", "2023-07-01", 5000), o("m2", "2023-09-01", 15000),
      o("m3", "2023-08-01", 3000), o("m4", "2023-09-01", 1000)
    ]);
    const sql = segmentAssignmentSql({scheme: "ltv_rank", asOf: "2025-01-01", thresholds: {topShare: 0.5}});
    const rows = Object.fromEntries(db.rows<{customer_id: string; segment: string}>(sql).map((r) => [r.customer_id, r.segment]));
    expect(rows).toEqual({
      m1: "high_ltv", m2: "high_ltv", m3: "general", m4: "general",
      y1: "potential_ltv", y2: "general", y3: "high_ltv", y4: "general", y5: "potential_ltv"
    });
  });
});

describe("segment schemes on random shops", () => {
  for (const seed of [21, 22]) {
    it(`partition the customers and agree with a plain JavaScript classification (seed ${seed})`, async () => {
      const {source, orders} = randomShop(seed, 400);
      const {db: shop, manifest} = await wasmSnapshot(source);
      const customers = shop.rows<PlainCustomer>(`SELECT customer_id, recency_days, orders, CAST(revenue AS DOUBLE) AS revenue, tenure_days,
        CAST(epoch(first_order_date) / 86400 AS INTEGER) AS first_day FROM customers ORDER BY customer_id`);
      const expected = classifyByJs(customers, orders, Date.parse(manifest.as_of) / 86_400_000);
      for (const scheme of SEGMENT_SCHEMES) {
        const rows = shop.rows<{customer_id: string; segment: string}>(segmentAssignmentSql({scheme, asOf: manifest.as_of}));
        const codes = new Set(SEGMENTS[scheme].map(([code]) => code));
        // a partition: every customer once, every class one of the scheme's
        expect(rows.map((r) => r.customer_id).sort(), scheme).toEqual(customers.map((c) => c.customer_id).sort());
        expect(rows.every((r) => codes.has(r.segment)), scheme).toBe(true);
        expect(new Map(rows.map((r) => [r.customer_id, r.segment])), scheme).toEqual(expected[scheme]);
        // the (customer, segment) pairs the CLV page sums its predictions by
        const pairs = shop.rows<{customer_id: string; segment: string}>(customerSegmentsSql({scheme, asOf: manifest.as_of}));
        expect(new Map(pairs.map((r) => [r.customer_id, r.segment])), scheme).toEqual(expected[scheme]);
        const shares = shop.rows<SegmentRow>(segmentsSql({scheme, asOf: manifest.as_of}));
        // each class's customers, revenue and orders, summed customer by customer (the lifecycle scheme's SQL sums
        // (recency, orders) pairs instead)
        for (const row of shares) {
          const members = customers.filter((c) => expected[scheme].get(c.customer_id) === row.segment);
          const revenue = members.reduce((s, c) => s + c.revenue, 0);
          const orders = members.reduce((s, c) => s + c.orders, 0);
          expect(row.customers, `${scheme} ${row.segment}`).toBe(members.length);
          expect(row.revenue, `${scheme} ${row.segment}`).toBe(revenue);
          if (members.length > 0) expect(row.orders_per_customer, `${scheme} ${row.segment}`).toBeCloseTo(orders / members.length, 12);
        }
        expect(shares.reduce((s, r) => s + r.customers, 0)).toBe(customers.length);
        expect(shares.reduce((s, r) => s + r.customer_share, 0)).toBeCloseTo(1, 12);
        expect(shares.reduce((s, r) => s + r.revenue_share, 0)).toBeCloseTo(1, 12);
      }
      expect(new Set(expected.ltv_rank.values()).size).toBeGreaterThan(1);
      shop.close();
    });
  }
});

describe("bootstrapMeanInterval", () => {
  it("is reproducible for a seed and brackets the mean", () => {
    const values = Array.from({length: 40}, (_, i) => (i % 7) * 1000 + 500);
    const a = bootstrapMeanInterval(values, {seed: 3})!;
    expect(bootstrapMeanInterval(values, {seed: 3})).toEqual(a);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    expect(a.low).toBeLessThan(mean);
    expect(a.high).toBeGreaterThan(mean);
  });

  it("matches the normal approximation's width on a large sample", () => {
    // values 0..999 repeated: sd = √((1000² − 1) / 12); 95% half-width ≈ 1.96 sd / √n
    const values = Array.from({length: 4000}, (_, i) => i % 1000);
    const {low, high} = bootstrapMeanInterval(values, {seed: 5, resamples: 2000})!;
    const halfWidth = (1.96 * Math.sqrt((1000 ** 2 - 1) / 12)) / Math.sqrt(values.length);
    expect((high - low) / 2).toBeGreaterThan(halfWidth * 0.9);
    expect((high - low) / 2).toBeLessThan(halfWidth * 1.1);
  });

  it("collapses for one customer and is empty for none", () => {
    expect(bootstrapMeanInterval([4200])).toEqual({low: 4200, high: 4200});
    expect(bootstrapMeanInterval([])).toBeNull();
  });
});
