import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {routeNodeIdsSql, routeNodeRevenuesSql, routeTreeSql, type RouteNode} from "../../src/components/routeTree.js";
import type {SourceOrder} from "../../loaders/source.js";
import {randomShop} from "../fixtures/randomShop.js";
import {tinyShop, TINY_PRODUCTS} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

let tiny: WasmDB;
beforeAll(async () => {
  ({db: tiny} = await wasmSnapshot(tinyShop()));
});
afterAll(() => tiny?.close());

const brief = (rows: RouteNode[]) => rows.map((r) => [r.path, r.customers, r.share_of_parent, r.median_days, r.ltv]);

describe("routeTreeSql on the tiny shop (as of 2024-04-01), by hand", () => {
  it("follows each customer's orders within the window and counts too-young customers apart", () => {
    const rows = tiny.rows<RouteNode>(routeTreeSql({asOf: "2024-04-01", windowDays: 90, depth: 3}));
    expect(brief(rows)).toEqual([
      // c2: main, then a cross-sell the same day; the 90 days after it are not over on 2024-04-01
      ["main", 1, 1 / 3, null, 9880],
      ["main > cross_sell", 1, 1, 0, 9880],
      ["main > cross_sell > too_young", 1, null, null, 9880],
      // c1 and c4 start with the trial; c4's trial was the day before the as-of date: too young, not "none"
      ["trial", 2, 2 / 3, null, 4980],
      ["trial > subscription", 1, 1, 15, 8960],
      ["trial > subscription > subscription", 1, 1, 30, 8960],
      ["trial > too_young", 1, null, null, 1000]
    ]);
    expect(rows.map((r) => r.depth)).toEqual([1, 2, 3, 1, 2, 3, 2]);
  });

  it("takes an order exactly at the window's end, and ends the route with none just past it", () => {
    const at15 = tiny.rows<RouteNode>(routeTreeSql({asOf: "2024-04-01", windowDays: 15, depth: 2}));
    expect(at15.find((r) => r.path === "trial > subscription")?.customers).toBe(1);
    const at14 = tiny.rows<RouteNode>(routeTreeSql({asOf: "2024-04-01", windowDays: 14, depth: 2}));
    // c1's second order came 15 days after the first: the 14-day window is over, so "none"
    expect(brief(at14.filter((r) => r.path.startsWith("trial")))).toEqual([
      ["trial", 2, 2 / 3, null, 4980],
      ["trial > none", 1, 1, null, 8960],
      ["trial > too_young", 1, null, null, 1000]
    ]);
  });

  it("gives the revenues of several nodes' customers in one query", () => {
    const rows = tiny.rows(routeNodeRevenuesSql({asOf: "2024-04-01", windowDays: 90, depth: 3, paths: ["trial > too_young", "main > cross_sell"]}));
    expect(rows).toEqual([{path: "main > cross_sell", revenue: 9880}, {path: "trial > too_young", revenue: 1000}]);
  });

  it("gives X-month LTV only over customers observed X months", () => {
    const rows = tiny.rows<RouteNode>(routeTreeSql({asOf: "2024-04-01", windowDays: 90, depth: 1, ltvMonths: 1}));
    // one month after the first order: c1 (Jan 5 → Feb 5) spent 1,000 + 3,980; c4 (Mar 31) is not observed yet
    expect(rows.map((r) => [r.path, r.ltv_months, r.ltv_x])).toEqual([["main", 1, 9880], ["trial", 1, 4980]]);
    const year = tiny.rows<RouteNode>(routeTreeSql({asOf: "2024-04-01", depth: 1}));
    expect(year.map((r) => r.ltv_x)).toEqual([null, null]);
  });
});

/** What the plain walk finds at one node. */
interface WalkedNode {
  customers: number;
  /** Days from the previous order, of the customers whose route went on to this node. */
  days: number[];
  revenues: number[];
  /** X-month revenues of the customers observed X months. */
  early: number[];
}

/** The day `months` calendar months after `day` (epoch days), a month's end kept at the shorter month's end. */
function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDay)) / 86_400_000;
}

/** An independent route builder: walk each customer's counted orders in plain JavaScript. */
function routesByJs(orders: SourceOrder[], asOfDay: number, windowDays: number, depth: number, ltvMonths: number) {
  const kind = new Map(TINY_PRODUCTS.map((p) => [p.product_id, p.kind]));
  const byCustomer = new Map<string, SourceOrder[]>();
  for (const o of orders.filter((o) => o.status === "completed")) byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o]);
  const nodes = new Map<string, WalkedNode>();
  const day = (o: SourceOrder) => Math.floor(o.ordered_at / 86_400_000);
  for (const list of byCustomer.values()) {
    list.sort((a, b) => a.ordered_at - b.ordered_at);
    const kinds = list.map((o) => {
      const largest = o.lines.reduce((best, l, i) => (l.quantity * l.unit_price > best.amount ? {amount: l.quantity * l.unit_price, i} : best), {amount: -1, i: 0});
      return kind.get(o.lines[largest.i].product_id)!;
    });
    const revenue = list.reduce((s, o) => s + o.goods_amount - o.discount_amount, 0);
    const monthsLater = addMonths(day(list[0]), ltvMonths);
    const early = monthsLater <= asOfDay ? list.filter((o) => day(o) < monthsLater).reduce((s, o) => s + o.goods_amount - o.discount_amount, 0) : null;
    const path: string[] = [];
    const visit = (k: string, days: number | null) => {
      path.push(k);
      const node = nodes.get(path.join(" > ")) ?? {customers: 0, days: [], revenues: [], early: []};
      node.customers++;
      if (days !== null) node.days.push(days);
      node.revenues.push(revenue);
      if (early !== null) node.early.push(early);
      nodes.set(path.join(" > "), node);
    };
    visit(kinds[0], null);
    for (let k = 1; k < depth; k++) {
      const next = list[k];
      const gap = next ? day(next) - day(list[k - 1]) : Infinity;
      if (gap <= windowDays) visit(kinds[k], gap);
      else {
        visit(!next && day(list[k - 1]) + windowDays >= asOfDay ? "too_young" : "none", null);
        break;
      }
    }
  }
  return nodes;
}

const mean = (values: number[]) => (values.length ? values.reduce((s, x) => s + x, 0) / values.length : null);
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

describe("routeTreeSql against a plain JavaScript walk on random shops", () => {
  // 12 months: the snapshot's revenue_after_12m column; 2 months: revenue to date less the orders after them
  for (const [seed, windowDays, ltvMonths] of [[31, 45, 12], [32, 45, 2], [34, 120, 3]]) {
    it(`agrees on seed ${seed}: customers, median days, LTV and ${ltvMonths}-month LTV at every node`, async () => {
      const {source, orders} = randomShop(seed, 400);
      const {db, manifest} = await wasmSnapshot(source);
      const asOfDay = Date.parse(manifest.as_of) / 86_400_000;
      const rows = db.rows<RouteNode>(routeTreeSql({asOf: manifest.as_of, windowDays, depth: 4, ltvMonths}));
      const walked = routesByJs(orders, asOfDay, windowDays, 4, ltvMonths);
      expect(new Map(rows.map((r) => [r.path, r.customers]))).toEqual(new Map([...walked].map(([path, n]) => [path, n.customers])));
      expect(rows.some((r) => r.median_days !== null && !Number.isInteger(r.median_days))).toBe(true);
      expect(rows.some((r) => r.ltv_x !== null)).toBe(true);
      for (const row of rows) {
        const node = walked.get(row.path)!;
        expect([row.path, row.median_days]).toEqual([row.path, median(node.days)]);
        expect(row.ltv).toBeCloseTo(mean(node.revenues)!, 9);
        if (node.early.length === 0) expect([row.path, row.ltv_x]).toEqual([row.path, null]);
        else expect(row.ltv_x).toBeCloseTo(mean(node.early)!, 9);
      }
      // the decided children of a node share it out completely
      for (const parent of rows.filter((r) => r.depth < 4)) {
        const children = rows.filter((r) => r.depth === parent.depth + 1 && r.path.startsWith(`${parent.path} > `) && r.kind !== "too_young");
        if (children.length) expect(children.reduce((s, r) => s + r.share_of_parent!, 0)).toBeCloseTo(1, 12);
      }
      db.close();
    });
  }
});

describe("a node's customers and revenues agree with the tree on a random shop", () => {
  it("lists as many customers as each node counts, and their revenues average to its LTV", async () => {
    const {source} = randomShop(33, 400);
    const {db, manifest} = await wasmSnapshot(source);
    const options = {asOf: manifest.as_of, windowDays: 45, depth: 4};
    const nodes = db.rows<RouteNode>(routeTreeSql(options));
    expect(nodes.some((n) => n.depth >= 3)).toBe(true);
    for (const node of nodes) {
      const ids = db.rows<{customer_id: string}>(routeNodeIdsSql({...options, path: node.path}));
      expect([node.path, ids.length]).toEqual([node.path, node.customers]);
    }
    const revenues = db.rows<{path: string; revenue: number}>(routeNodeRevenuesSql({...options, paths: nodes.map((n) => n.path)}));
    for (const node of nodes) {
      const mine = revenues.filter((r) => r.path === node.path).map((r) => r.revenue);
      expect(mine.length).toBe(node.customers);
      expect(mine.reduce((s, r) => s + r, 0) / mine.length).toBeCloseTo(node.ltv, 6);
    }
    db.close();
  });
});
