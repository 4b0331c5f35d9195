import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {customerListSql} from "../../src/components/customerList.js";
import {rfmCellIdsSql, rfmGridSql, type RfmCell, type RfmOptions} from "../../src/components/rfm.js";
import {randomShop} from "../fixtures/randomShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let db: WasmDB;
const customer = (customer_id: string, recency_days: number, orders: number, revenue: number) => ({
  customer_id, recency_days, orders, revenue, last_order_date: "2024-01-01", first_product_id: "P1"
});

beforeAll(async () => {
  db = await openWasmDuckDB();
  db.createTable("customers", [
    customer("A", 0, 1, 1000),
    customer("B", 30, 2, 5000), // 30 days is inside the ≤30 cell
    customer("C", 31, 3, 9000),
    customer("D", 365, 5, 20000),
    customer("E", 366, 11, 60000),
    customer("F", 400, 10, 30000)
  ]);
  db.createTable("products", [{product_id: "P1", name: "美容液", name_en: "Serum", category: "c", kind: "main", list_price: 1}]);
});
afterAll(() => db?.close());

describe("rfmGridSql by hand", () => {
  it("puts each customer in the cell of its inclusive upper edges, and keeps empty cells with zeros", () => {
    const rows = db.rows<RfmCell>(rfmGridSql());
    expect(rows).toHaveLength(36);
    expect(rows.filter((r) => r.customers > 0)).toEqual([
      {r_bin: 1, f_bin: 1, r_label: "0–30", f_label: "1", customers: 1, revenue: 1000, avg_monetary: 1000},
      {r_bin: 1, f_bin: 2, r_label: "0–30", f_label: "2", customers: 1, revenue: 5000, avg_monetary: 5000},
      {r_bin: 2, f_bin: 3, r_label: "31–60", f_label: "3", customers: 1, revenue: 9000, avg_monetary: 9000},
      {r_bin: 5, f_bin: 4, r_label: "181–365", f_label: "4–5", customers: 1, revenue: 20000, avg_monetary: 20000},
      {r_bin: 6, f_bin: 5, r_label: ">365", f_label: "6–10", customers: 1, revenue: 30000, avg_monetary: 30000},
      {r_bin: 6, f_bin: 6, r_label: ">365", f_label: ">10", customers: 1, revenue: 60000, avg_monetary: 60000}
    ]);
    expect(rows.find((r) => r.r_bin === 3 && r.f_bin === 1)).toEqual({r_bin: 3, f_bin: 1, r_label: "61–90", f_label: "1", customers: 0, revenue: 0, avg_monetary: 0});
  });

  it("takes other breakpoints", () => {
    const rows = db.rows<RfmCell>(rfmGridSql({recencyDays: [30, 60], frequency: [2]}));
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => `${r.r_label}/${r.f_label}:${r.customers}`)).toEqual([
      "0–30/1–2:2", "0–30/>2:0", "31–60/1–2:0", "31–60/>2:1", ">60/1–2:0", ">60/>2:3"
    ]);
  });

  it("cuts at quintiles, merging repeated edges", () => {
    // recency sorted 0 30 31 365 366 400: the smallest value with a share ≥ q at or below it (1-based
    // position ⌈6q⌉ = 2, 3, 4, 5) gives edges 30, 31, 365, 366;
    // orders 1 2 3 5 10 11 give 2, 3, 5, 10
    const rows = db.rows<RfmCell>(rfmGridSql({quantiles: 5}));
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.customers > 0).map((r) => [r.r_label, r.f_label, r.customers])).toEqual([
      ["0–30", "1–2", 2], ["31", "3", 1], ["32–365", "4–5", 1], ["366", ">10", 1], [">366", "6–10", 1]
    ]);
  });

  it("lists a cell's customers with their first product", () => {
    const rows = db.rows(customerListSql(rfmCellIdsSql({r_bin: 6, f_bin: 6})));
    expect(rows).toEqual([
      {customer_id: "E", last_order_date: "2024-01-01", orders: 11, revenue: 60000, first_product_id: "P1", first_product: "美容液", first_product_en: "Serum"}
    ]);
  });
});

/** Independent binning: the first inclusive upper edge a value does not exceed. */
function bin(value: number, edges: number[]): number {
  const i = edges.findIndex((edge) => value <= edge);
  return i < 0 ? edges.length + 1 : i + 1;
}

/** Quantile edges as the grid defines them: the smallest value with a share ≥ q at or below it, repeats merged. */
function quantileEdges(values: number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = Array.from({length: k - 1}, (_, i) => sorted[Math.ceil(sorted.length * ((i + 1) / k)) - 1]);
  return [...new Set(cuts)];
}

describe("rfmGridSql against an independent binning on random shops", () => {
  for (const seed of [11, 12]) {
    it(`agrees on seed ${seed}, with breakpoints and with quintiles`, async () => {
      const {db: shop} = await wasmSnapshot(randomShop(seed).source);
      const customers = shop.rows<{recency_days: number; orders: number; revenue: number}>("SELECT recency_days, orders, revenue FROM customers");
      const recencies = customers.map((c) => c.recency_days);
      const frequencies = customers.map((c) => c.orders);
      const cases: [RfmOptions, number[], number[]][] = [
        [{recencyDays: [30, 60, 90, 180], frequency: [1, 2, 3, 5]}, [30, 60, 90, 180], [1, 2, 3, 5]],
        [{quantiles: 5}, quantileEdges(recencies, 5), quantileEdges(frequencies, 5)]
      ];
      for (const [options, r, f] of cases) {
        const rows = shop.rows<RfmCell>(rfmGridSql(options));
        expect(rows).toHaveLength((r.length + 1) * (f.length + 1));
        for (const row of rows) {
          const inCell = customers.filter((c) => bin(c.recency_days, r) === row.r_bin && bin(c.orders, f) === row.f_bin);
          expect(row.customers).toBe(inCell.length);
          expect(row.revenue).toBe(inCell.reduce((s, c) => s + c.revenue, 0));
        }
        expect(rows.reduce((s, row) => s + row.customers, 0)).toBe(customers.length);
      }
      shop.close();
    });
  }
});
