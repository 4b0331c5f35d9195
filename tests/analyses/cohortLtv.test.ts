import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ltvCurveSql, type LtvCurveRow} from "../../src/components/cohortLtv.js";
import {randomShop} from "../fixtures/randomShop.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let tiny: WasmDB;
beforeAll(async () => {
  ({db: tiny} = await wasmSnapshot(tinyShop()));
});
afterAll(() => tiny?.close());

describe("ltvCurveSql on the tiny shop (as of 2024-04-01), by hand", () => {
  it("enters a cohort at X only when its last possible member has had X months", () => {
    expect(tiny.rows<LtvCurveRow>(ltvCurveSql({asOf: "2024-04-01", months: [1, 2]}))).toEqual([
      // 2024-01: Jan 31 + 1 month = Feb 29, + 2 months = Mar 31, both before Apr 1. c1: Jan 5 + Jan 20 within
      // a month (before Feb 5), + Feb 19 within two; the cancelled Mar 20 delivery never counts
      {cohort: "2024-01", months: 1, customers: 1, ltv: 4980},
      {cohort: "2024-01", months: 2, customers: 1, ltv: 8960},
      // 2024-02: Feb 29 + 1 month = Mar 29: observed; + 2 months = Apr 29: not yet
      {cohort: "2024-02", months: 1, customers: 1, ltv: 9880}
      // 2024-03: Mar 31 + 1 month = Apr 30: not observed at all
    ]);
  });

  it("counts a cohort that reaches X months exactly on the as-of date", () => {
    const rows = tiny.rows<LtvCurveRow>(ltvCurveSql({asOf: "2024-03-31", months: [2]}));
    expect(rows.map((r) => r.cohort)).toEqual(["2024-01"]);
    expect(tiny.rows(ltvCurveSql({asOf: "2024-03-30", months: [2]}))).toEqual([]);
  });

  it("groups by first order kind, each customer observed on their own", () => {
    // one month after the first order by 2024-04-01: c1 (Jan 5) and c2 (Feb 10); c4 (Mar 31) not yet
    expect(tiny.rows<LtvCurveRow>(ltvCurveSql({asOf: "2024-04-01", months: [1], by: "first_order_kind"}))).toEqual([
      {cohort: "main", months: 1, customers: 1, ltv: 9880},
      {cohort: "trial", months: 1, customers: 1, ltv: 4980}
    ]);
  });
});

describe("the window's end", () => {
  it("leaves out an order exactly X months after the first", async () => {
    const db = await openWasmDuckDB();
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    db.createTable("customers", [{customer_id: "a", first_order_date: d("2024-01-15"), cohort_month: d("2024-01-01"), first_product_id: "P"}]);
    db.createTable("orders", [
      {order_id: "1", customer_id: "a", order_date: d("2024-01-15"), revenue: 1000, status: "completed"},
      {order_id: "2", customer_id: "a", order_date: d("2024-02-14"), revenue: 500, status: "completed"},
      {order_id: "3", customer_id: "a", order_date: d("2024-02-15"), revenue: 2000, status: "completed"}
    ]);
    expect(db.rows(ltvCurveSql({asOf: "2024-06-01", months: [1, 2], by: "first_product"}))).toEqual([
      {cohort: "P", months: 1, customers: 1, ltv: 1500},
      {cohort: "P", months: 2, customers: 1, ltv: 3500}
    ]);
    db.close();
  });

  it("ends a window clamped to the month's end on that day", async () => {
    const db = await openWasmDuckDB();
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    db.createTable("customers", [
      {customer_id: "a", first_order_date: d("2023-01-30"), cohort_month: d("2023-01-01"), first_product_id: "P"},
      {customer_id: "b", first_order_date: d("2023-01-31"), cohort_month: d("2023-01-01"), first_product_id: "P"}
    ]);
    const order = (order_id: string, customer_id: string, date: string, revenue: number) => ({order_id, customer_id, order_date: d(date), revenue, status: "completed"});
    db.createTable("orders", [
      // a: Jan 30 + 1 month = Feb 28, + 2 months = Mar 30
      order("1", "a", "2023-01-30", 1000),
      order("2", "a", "2023-02-27", 10),
      order("3", "a", "2023-02-28", 20),
      order("4", "a", "2023-03-29", 40),
      order("5", "a", "2023-03-30", 80),
      // b: Jan 31 + 1 month = Feb 28, + 2 months = Mar 31
      order("6", "b", "2023-01-31", 2000),
      order("7", "b", "2023-02-28", 100)
    ]);
    expect(db.rows(ltvCurveSql({asOf: "2024-01-01", months: [1, 2], by: "first_product"}))).toEqual([
      {cohort: "P", months: 1, customers: 2, ltv: (1010 + 2000) / 2},
      {cohort: "P", months: 2, customers: 2, ltv: (1070 + 2100) / 2}
    ]);
    db.close();
  });
});

/** Calendar-month arithmetic as DuckDB does it: the same day X months on, clamped to the month's end. */
function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), last)) / 86_400_000;
}

/**
 * The X-month LTV of a random shop in plain JavaScript: per monthly cohort, entered when the cohort month's
 * last day + X months ≤ as-of; or per first order kind, each customer entered when their own first order is.
 */
async function expectAgreement(seed: number, months: number[], by: "cohort" | "first_order_kind") {
  const {source, orders} = randomShop(seed, 400);
  const {db, manifest} = await wasmSnapshot(source);
  const DAY = 86_400_000;
  const asOf = Date.parse(manifest.as_of) / DAY;
  const kinds = new Map(db.rows<{customer_id: string; first_order_kind: string}>("SELECT customer_id, first_order_kind FROM customers").map((r) => [r.customer_id, r.first_order_kind]));
  const counted = orders.filter((o) => o.status === "completed");
  const firsts = new Map<string, number>();
  for (const o of counted) firsts.set(o.customer_id, Math.min(firsts.get(o.customer_id) ?? Infinity, Math.floor(o.ordered_at / DAY)));
  const expected = new Map<string, {customers: number; revenue: number}>();
  for (const [id, first] of firsts) {
    const date = new Date(first * DAY);
    const group = by === "cohort" ? date.toISOString().slice(0, 7) : kinds.get(id);
    const since = by === "cohort" ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / DAY : first;
    for (const x of months) {
      if (addMonths(since, x) > asOf) continue;
      const end = addMonths(first, x);
      const revenue = counted.filter((o) => o.customer_id === id && Math.floor(o.ordered_at / DAY) < end).reduce((s, o) => s + o.goods_amount - o.discount_amount, 0);
      const e = expected.get(`${group}/${x}`) ?? {customers: 0, revenue: 0};
      expected.set(`${group}/${x}`, {customers: e.customers + 1, revenue: e.revenue + revenue});
    }
  }
  const rows = db.rows<LtvCurveRow>(ltvCurveSql({asOf: manifest.as_of, months, by}));
  expect(rows.length).toBe(expected.size);
  for (const row of rows) {
    const e = expected.get(`${row.cohort}/${row.months}`)!;
    expect(row.customers).toBe(e.customers);
    expect(row.ltv).toBeCloseTo(e.revenue / e.customers, 6);
  }
  db.close();
}

describe("ltvCurveSql against plain JavaScript on a random shop", () => {
  it("agrees for monthly cohorts", () => expectAgreement(51, [1, 3, 6, 12], "cohort"));

  it("agrees by first order kind, each customer observed from their own first order", () => expectAgreement(52, [1, 2, 6, 12], "first_order_kind"));
});
