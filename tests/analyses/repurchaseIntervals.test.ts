import {quantile} from "d3";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {INTERVAL_GROUPINGS, intervalHistogramSql, intervalSummarySql, secondOrderSurvivalSql, type SurvivalRow} from "../../src/components/repurchaseIntervals.js";
import {randomShop} from "../fixtures/randomShop.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

let tiny: WasmDB;
beforeAll(async () => {
  ({db: tiny} = await wasmSnapshot(tinyShop()));
});
afterAll(() => tiny?.close());

describe("repurchase intervals on the tiny shop, by hand", () => {
  // counted orders: c1 Jan 5 → Jan 20 (15 days, subscription delivery 1) → Feb 19 (30 days, delivery 2);
  // c2 two orders on Feb 10 (0 days); c4 one order on Mar 31
  it("bins intervals by transition, 0 for two orders on one day", () => {
    expect(tiny.rows(intervalHistogramSql({binDays: 7}))).toEqual([
      {group: "1→2", bin_start: 0, bin_end: 7, intervals: 1},
      {group: "1→2", bin_start: 14, bin_end: 21, intervals: 1},
      {group: "2→3", bin_start: 28, bin_end: 35, intervals: 1}
    ]);
  });

  it("bins intervals by order type, first product and first category, with and without scheduled deliveries", () => {
    const bins = (options: Parameters<typeof intervalHistogramSql>[0]) =>
      tiny.rows<{group: string; bin_start: number; intervals: number}>(intervalHistogramSql({binDays: 7, ...options})).map((r) => [r.group, r.bin_start, r.intervals]);
    // c2's 0 days are one-off; c1's 15 days end at subscription delivery 1 (a decision), its 30 days at delivery 2 (a schedule)
    expect(bins({groupBy: "order_type"})).toEqual([["one_off", 0, 1], ["subscription", 14, 1], ["subscription", 28, 1]]);
    expect(bins({groupBy: "order_type", excludeSubscriptions: true})).toEqual([["one_off", 0, 1], ["subscription", 14, 1]]);
    // c2 began with the serum M, c1 with the trial T; both are skincare
    expect(bins({groupBy: "first_product"})).toEqual([["M", 0, 1], ["T", 14, 1], ["T", 28, 1]]);
    expect(bins({groupBy: "first_category"})).toEqual([["スキンケア", 0, 1], ["スキンケア", 14, 1], ["スキンケア", 28, 1]]);
  });

  it("summarises each group with interpolated quartiles", () => {
    expect(tiny.rows(intervalSummarySql({}))).toEqual([
      {group: "1→2", intervals: 2, median: 7.5, p25: 3.75, p75: 11.25},
      {group: "2→3", intervals: 1, median: 30, p25: 30, p75: 30}
    ]);
  });

  it("leaves out scheduled subscription deliveries, keeping the decision to subscribe", () => {
    expect(tiny.rows(intervalSummarySql({groupBy: "order_type", excludeSubscriptions: true}))).toEqual([
      {group: "one_off", intervals: 1, median: 0, p25: 0, p75: 0},
      {group: "subscription", intervals: 1, median: 15, p25: 15, p75: 15}
    ]);
    expect(tiny.rows(intervalSummarySql({groupBy: "first_product"})).map((r) => [r.group, r.intervals])).toEqual([["M", 1], ["T", 2]]);
  });

  it("censors the customer who has not come back yet", () => {
    // as of Apr 1: c2 back on day 0 (3 at risk), c4 censored at 1 day, c1 back on day 15 (1 at risk)
    const rows = tiny.rows<SurvivalRow>(secondOrderSurvivalSql({asOf: "2024-04-01"}));
    expect(rows.map(({survival, ...rest}) => rest)).toEqual([
      {day: 0, at_risk: 3, returned: 1, censored: 0},
      {day: 1, at_risk: 2, returned: 0, censored: 1},
      {day: 15, at_risk: 1, returned: 1, censored: 0}
    ]);
    [2 / 3, 2 / 3, 0].forEach((survival, i) => expect(rows[i].survival).toBeCloseTo(survival, 12));
  });
});

describe("repurchase intervals against plain JavaScript on a random shop", () => {
  it("agree on histogram, quartiles and the Kaplan–Meier curve", async () => {
    const {source, orders} = randomShop(61, 400);
    const {db, manifest} = await wasmSnapshot(source);
    const DAY = 86_400_000;
    const byCustomer = new Map<string, number[]>();
    for (const o of orders.filter((o) => o.status === "completed").sort((a, b) => a.ordered_at - b.ordered_at)) {
      byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), Math.floor(o.ordered_at / DAY)]);
    }
    const groups = new Map<string, number[]>();
    for (const days of byCustomer.values()) {
      days.slice(1).forEach((day, i) => {
        const group = i === 0 ? "1→2" : i === 1 ? "2→3" : "3+";
        groups.set(group, [...(groups.get(group) ?? []), day - days[i]]);
      });
    }
    const summary = db.rows<{group: string; intervals: number; median: number; p25: number; p75: number}>(intervalSummarySql({}));
    expect(summary.map((r) => r.group)).toEqual([...groups.keys()].sort());
    for (const row of summary) {
      const values = groups.get(row.group)!.sort((a, b) => a - b);
      expect(row.intervals).toBe(values.length);
      expect(row.median).toBeCloseTo(quantile(values, 0.5)!, 9);
      expect(row.p25).toBeCloseTo(quantile(values, 0.25)!, 9);
      expect(row.p75).toBeCloseTo(quantile(values, 0.75)!, 9);
    }
    const histogram = db.rows<{group: string; bin_start: number; intervals: number}>(intervalHistogramSql({binDays: 10}));
    for (const row of histogram) expect(row.intervals).toBe(groups.get(row.group)!.filter((d) => Math.floor(d / 10) * 10 === row.bin_start).length);
    expect(histogram.reduce((s, r) => s + r.intervals, 0)).toBe([...groups.values()].reduce((s, days) => s + days.length, 0));
    // every grouping: the histogram (counted per key and day first) holds each group's intervals, as the summary
    // counts them one by one (the tiny shop above checks the groups' names by hand)
    for (const groupBy of INTERVAL_GROUPINGS) {
      for (const excludeSubscriptions of [false, true]) {
        const perGroup = new Map<string, number>();
        for (const r of db.rows<{group: string; intervals: number}>(intervalHistogramSql({groupBy, excludeSubscriptions, binDays: 7}))) perGroup.set(r.group, (perGroup.get(r.group) ?? 0) + r.intervals);
        const counted = db.rows<{group: string; intervals: number}>(intervalSummarySql({groupBy, excludeSubscriptions}));
        expect(new Map(counted.map((r) => [r.group, r.intervals])), `${groupBy} ${excludeSubscriptions}`).toEqual(perGroup);
        expect(counted.length, groupBy).toBeGreaterThan(0);
      }
    }

    // Kaplan–Meier by hand: walk the distinct days, multiplying (1 − returned / at risk)
    const asOf = Date.parse(manifest.as_of) / DAY;
    const times = [...byCustomer.values()].map((days) => (days.length > 1 ? {day: days[1] - days[0], returned: true} : {day: asOf - days[0], returned: false}));
    let survival = 1;
    const expected = [...new Set(times.map((t) => t.day))].sort((a, b) => a - b).map((day) => {
      const atRisk = times.filter((t) => t.day >= day).length;
      const returned = times.filter((t) => t.day === day && t.returned).length;
      survival *= 1 - returned / atRisk;
      return {day, atRisk, returned, survival};
    });
    const curve = db.rows<SurvivalRow>(secondOrderSurvivalSql({asOf: manifest.as_of}));
    expect(curve.map((r) => [r.day, r.at_risk, r.returned])).toEqual(expected.map((e) => [e.day, e.atRisk, e.returned]));
    curve.forEach((r, i) => expect(r.survival).toBeCloseTo(expected[i].survival, 9));
    expect(curve.some((r) => r.censored > 0)).toBe(true);
    db.close();
  });
});
