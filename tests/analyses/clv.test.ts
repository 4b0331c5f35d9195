import * as d3 from "d3";
import {beforeAll, describe, expect, it} from "vitest";
import {demoSource} from "../../loaders/sources/demoSource.js";
import {bgnbdLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, type BgNbdParams} from "../../src/components/bgnbd.js";
import {churnRiskSql, clvHistoriesSql, clvInputsSql, repeatPurchaseDaysSql, type ClvInput} from "../../src/components/clvInputs.js";
import {customerSpend, fitClv, outlooks, predictCustomers, type ClvFit} from "../../src/components/clvModel.js";
import {checkClv, splitClvHistories, valueClv, type ClvHistory} from "../../src/components/clvSummary.js";
import {horizonOutlooks} from "../../src/components/clvView.js";
import {fitGammaGamma, gammaGammaLogLikelihood, type SharedSpend} from "../../src/components/gammaGamma.js";
import {customerSegmentsSql} from "../../src/components/segments.js";
import {cdnowPublishedSummary, cdnowSampleOrders} from "../fixtures/cdnowSample.js";
import {openWasmDuckDB} from "../../loaders/wasmDuckDB.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";

let inputs: ClvInput[];
let bgnbd: BgNbdParams & {logLikelihood: number};

beforeAll(async () => {
  const db = await openWasmDuckDB();
  db.createTable("orders", cdnowSampleOrders());
  inputs = db.rows<ClvInput>(clvInputsSql({calibrationEnd: "1997-09-30", unit: "week"}));
  db.close();
  bgnbd = await fitBgNbd(inputs);
}, 120_000);

describe("the CDNOW sample, calibration to 1997-09-30 in weeks", () => {
  it("gives every customer the published x, t_x, T and mean repeat value", () => {
    const published = cdnowPublishedSummary();
    expect(inputs).toHaveLength(2357);
    // customer ids are the zero-padded sample ids, so sorted they follow the published IDs 1 … 2357
    // the file rounds to two decimals (22.345 is published as 22.35): ours must round to it
    const rounded = (value: number, published: number) => Math.abs(value - published) <= 0.005 + 1e-9;
    inputs.forEach((c, i) => {
      const p = published[i];
      expect(c.x, `customer ${p.id}`).toBe(p.x);
      expect(rounded(c.t_x, p.t_x), `customer ${p.id} t_x ${c.t_x} vs ${p.t_x}`).toBe(true);
      expect(rounded(c.T, p.T), `customer ${p.id} T ${c.T} vs ${p.T}`).toBe(true);
      if (p.x > 0) expect(rounded(c.monetary! / 100, p.zbar), `customer ${p.id} zbar ${c.monetary! / 100} vs ${p.zbar}`).toBe(true);
    });
  });

  it("fits BG/NBD as the paper: r, α, a, b = 0.243, 4.414, 0.793, 2.426, log-likelihood −9582.4", () => {
    expect(bgnbd.r).toBeCloseTo(0.243, 3);
    expect(bgnbd.alpha).toBeCloseTo(4.414, 2);
    expect(bgnbd.a).toBeCloseTo(0.793, 3);
    expect(bgnbd.b).toBeCloseTo(2.426, 2);
    expect(bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it("sums the per-customer likelihood in its grouped form", () => {
    // the fit's total, evaluated group by group, against the paper's equation customer by customer
    const byCustomer = inputs.reduce((s, c) => s + bgnbdLogLikelihood(bgnbd, c), 0);
    expect(bgnbd.logLikelihood).toBeCloseTo(byCustomer, 6);
  });

  it("expects the paper's purchases for a new customer at 0.1429, 1, 3, 31.8571, 32 and 78 weeks", () => {
    const expected: [number, number][] = [[0.1429, 0.0078], [1, 0.0532], [3, 0.1506], [31.8571, 1.0405], [32, 1.0437], [78, 1.8576]];
    for (const [t, value] of expected) expect(expectedPurchases(bgnbd, t)).toBeCloseTo(value, 3);
  });

  it("expects 1.226 purchases in 39 weeks from a customer with x = 2, t_x = 30.43, T = 38.86", () => {
    expect(conditionalExpectedPurchases(bgnbd, 39, {x: 2, t_x: 30.43, T: 38.86})).toBeCloseTo(1.226, 3);
  });

  it("fits Gamma-Gamma on the 946 repeat customers: p, q, v = 6.25, 3.74, 15.44", async () => {
    const gg = await fitGammaGamma(inputs.map((c) => ({x: c.x, m: (c.monetary ?? 0) / 100})));
    expect(gg.customers).toBe(946);
    expect(gg.p).toBeCloseTo(6.25, 1);
    expect(gg.q).toBeCloseTo(3.74, 1);
    expect(gg.v).toBeCloseTo(15.44, 1);
    // the grouped total the fit maximises is the paper's likelihood summed customer by customer
    const byCustomer = inputs.filter((c) => c.x > 0).reduce((s, c) => s + gammaGammaLogLikelihood(gg, {x: c.x, m: c.monetary! / 100}), 0);
    expect(gg.logLikelihood).toBeCloseTo(byCustomer, 6);
  });
});

describe("inputs by hand, calibration to 2024-01-31 in days", () => {
  it("takes one day's orders as one purchase, leaves out customers first seen later and counts holdout days", async () => {
    const db = await openWasmDuckDB();
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    let id = 0;
    const order = (customer_id: string, date: string, revenue: number, status = "completed") => ({order_id: String(++id), customer_id, order_date: d(date), revenue, status});
    db.createTable("orders", [
      // a: first day Jan 1 (150 over two orders), a repeat day Jan 10 (30 + 20; the cancelled order never counts),
      // then two holdout days, one of them with two orders
      order("a", "2024-01-01", 100), order("a", "2024-01-01", 50),
      order("a", "2024-01-10", 30), order("a", "2024-01-10", 20), order("a", "2024-01-10", 999, "cancelled"),
      order("a", "2024-02-01", 10), order("a", "2024-02-01", 10), order("a", "2024-02-05", 10),
      // b: first seen after the calibration end
      order("b", "2024-02-02", 500), order("b", "2024-02-09", 500),
      // c: one order on the calibration end
      order("c", "2024-01-31", 70)
    ]);
    expect(db.rows<ClvInput>(clvInputsSql({calibrationEnd: "2024-01-31", unit: "day"}))).toEqual([
      {customer_id: "a", x: 1, t_x: 9, T: 30, monetary: 50, x_holdout: 2},
      {customer_id: "c", x: 0, t_x: 0, T: 0, monetary: null, x_holdout: 0}
    ]);
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    expect(db.rows(repeatPurchaseDaysSql({calibrationEnd: "2024-01-31"}))).toEqual([
      {day: day("2024-01-10"), repeats: 1},
      {day: day("2024-02-01"), repeats: 1},
      {day: day("2024-02-05"), repeats: 1}
    ]);
    db.close();
  });
});

describe("a shop of millions of customers", () => {
  it("says a calibration period is too short without overflowing the call stack", async () => {
    // a 5M-order shop has about 2.3M customers; the page once spread them all into one Math.max call
    const many: ClvInput[] = Array.from({length: 3_000_000}, (_, i) => ({customer_id: `c${i}`, x: i % 2, t_x: 0, T: (i % 7) / 2, monetary: null, x_holdout: 0}));
    const {fit, unfit} = await fitClv(many, many.map(customerSpend));
    expect(fit).toBeNull();
    expect(unfit?.en).toBe("the calibration period is too short (at most 3.0 periods; 8 needed)");
  });
});

describe("the page's figures from shared histories, against the same figures customer by customer", () => {
  // the page never holds a row per customer: it fits and sums over (segment, x, t_x, T) histories. The reference
  // here is the straightforward way: a row per customer from clvInputsSql, its segment from a second query, and
  // every figure summed customer by customer.
  const calibrationEnd = "2025-06-30";
  const unit = "week";
  const options = {horizon: 26, unit, discountRate: 0.1} as const;
  let asOf: string;
  let customers: (ClvInput & {segment: string; revenue: number})[];
  let histories: ClvHistory[];
  let spends: SharedSpend[];
  let fit: ClvFit;
  let risk: Record<string, unknown>[];

  beforeAll(async () => {
    const {db, manifest} = await wasmSnapshot(demoSource(8000));
    asOf = manifest.as_of;
    const segment = new Map(db.rows<{customer_id: string; segment: string}>(customerSegmentsSql({scheme: "lifecycle", asOf})).map((r) => [r.customer_id, r.segment]));
    const revenue = new Map(db.rows<{customer_id: string; revenue: number}>("SELECT customer_id, CAST(revenue AS DOUBLE) AS revenue FROM customers").map((r) => [r.customer_id, r.revenue]));
    customers = db.rows<ClvInput>(clvInputsSql({calibrationEnd, unit})).map((c) => ({...c, segment: segment.get(c.customer_id)!, revenue: revenue.get(c.customer_id)!}));
    ({histories, spends} = splitClvHistories(db.rows(clvHistoriesSql({calibrationEnd, unit, asOf}))));
    fit = (await fitClv(histories, spends)).fit!;
    risk = db.rows(churnRiskSql({calibrationEnd, unit, bgnbd: fit.bgnbd}));
    // the value bar is over every customer, also those first seen after the calibration end
    valueBar = d3.quantile([...revenue.values()], 0.8)!;
    db.close();
  }, 120_000);
  let valueBar: number;

  it("fits the same models as a row per customer", async () => {
    // one-time buyers of a day share a history: fewer histories than customers even in a small shop
    expect(histories.length).toBeLessThan(customers.length);
    const reference = (await fitClv(customers, customers.map(customerSpend))).fit!;
    expect(fit.customers).toBe(customers.length);
    for (const k of ["r", "alpha", "a", "b", "logLikelihood"] as const) expect(fit.bgnbd[k]).toBeCloseTo(reference.bgnbd[k], 6);
    for (const k of ["p", "q", "v", "logLikelihood", "customers"] as const) expect(fit.gammaGamma[k]).toBeCloseTo(reference.gammaGamma[k], 6);
  });

  it("sums predicted value, segments, the holdout check, the P(alive) map and the tracking curve as customer by customer", () => {
    const holdoutUnits = (Date.parse(asOf) - Date.parse(calibrationEnd) - 86_400_000) / 86_400_000 / 7;
    const calibrationEndDay = Date.parse(calibrationEnd) / 86_400_000;
    const lastDay = Date.parse(asOf) / 86_400_000 - 1;
    const summary = {...valueClv(fit, histories, outlooks(fit, options)), ...checkClv(fit, histories, {unit, holdoutDays: holdoutUnits * 7, calibrationEndDay, lastDay})};
    const predictions = predictCustomers(fit, customers, options).map((p, i) => ({...p, segment: customers[i].segment, holdout_expected: conditionalExpectedPurchases(fit.bgnbd, holdoutUnits, p)}));
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    close(summary.predicted_value, d3.sum(predictions, (p) => p.predicted_value));
    const segments = d3.rollup(predictions, (v) => ({customers: v.length, expected_purchases: d3.sum(v, (p) => p.expected_purchases), predicted_value: d3.sum(v, (p) => p.predicted_value)}), (p) => p.segment);
    expect(summary.bySegment.map((s) => s.segment).sort()).toEqual([...segments.keys()].sort());
    for (const [segment, want] of segments) {
      const got = summary.bySegment.find((s) => s.segment === segment)!;
      expect(got.customers).toBe(want.customers);
      close(got.expected_purchases, want.expected_purchases);
      close(got.predicted_value, want.predicted_value);
    }
    const holdout = d3.rollup(predictions, (v) => ({customers: v.length, actual: d3.mean(v, (p) => p.x_holdout)!, predicted: d3.mean(v, (p) => p.holdout_expected)!}), (p) => (p.x >= 7 ? "7+" : String(p.x)));
    expect(summary.holdout).toHaveLength(holdout.size);
    for (const g of summary.holdout) {
      expect(g.customers).toBe(holdout.get(g.x)!.customers);
      close(g.actual, holdout.get(g.x)!.actual);
      close(g.predicted, holdout.get(g.x)!.predicted);
    }
    const cells = d3.rollup(predictions, (v) => ({p: d3.mean(v, (p) => p.p_alive)!, customers: v.length}), (p) => `${p.x >= 10 ? "10+" : p.x}|${Math.floor((p.T - p.t_x) / 4) * 4}`);
    expect(summary.alive).toHaveLength(cells.size);
    for (const c of summary.alive) {
      expect(c.customers).toBe(cells.get(`${c.x}|${c.since}`)!.customers);
      close(c.p, cells.get(`${c.x}|${c.since}`)!.p);
    }
    // the tracking curve: E[X] of each customer's age in weeks, summed customer by customer every 7 days from a week
    // after the first purchase
    const firstDay = (c: ClvInput) => Math.round(calibrationEndDay - c.T * 7);
    const origin = d3.min(customers, firstDay)!;
    const days = d3.range(origin + 7, lastDay + 1, 7);
    expect(summary.expectedRepeats.map(([day]) => day)).toEqual(days);
    summary.expectedRepeats.forEach(([day, expected]) => close(expected, d3.sum(customers, (c) => (firstDay(c) < day ? expectedPurchases(fit.bgnbd, (day - firstDay(c)) / 7) : 0))));
  });

  it("gives the predicted value and the churn-risk list one outlook function per fit and horizon, a new one for another", () => {
    const settings = {horizon: 52, unit: "week" as const, discountRate: 0.1};
    const outlook = horizonOutlooks(fit, settings);
    expect(horizonOutlooks(fit, {...settings})).toBe(outlook);
    const halfYear = horizonOutlooks(fit, {...settings, horizon: 26});
    expect(halfYear).not.toBe(outlook);
    expect(horizonOutlooks(fit, {...settings, discountRate: 0})).not.toBe(halfYear);
    // another fit of the same figures is another fit
    expect(horizonOutlooks({...fit}, settings)).not.toBe(outlook);
    const customer = customers.find((c) => c.x > 2)!;
    expect(halfYear(customer)).toEqual(outlooks(fit, {...settings, horizon: 26})(customer));
  });

  it("expects each customer's purchases over the horizon as equation 10, discounted at the end of each of 12 steps", () => {
    // the reference: conditionalExpectedPurchases (P(alive) included) at every step, customer by customer
    const predictions = predictCustomers(fit, customers, options);
    const years = (weeks: number) => (weeks * 7) / 365.25;
    customers.forEach((c, i) => {
      let discounted = 0;
      for (let k = 1; k <= 12; k++) {
        const gained = conditionalExpectedPurchases(fit.bgnbd, (options.horizon * k) / 12, c) - conditionalExpectedPurchases(fit.bgnbd, (options.horizon * (k - 1)) / 12, c);
        discounted += gained / (1 + options.discountRate) ** years((options.horizon * k) / 12);
      }
      const p = predictions[i];
      expect(Math.abs(p.expected_purchases - conditionalExpectedPurchases(fit.bgnbd, options.horizon, c))).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(p.predicted_value - discounted * p.expected_spend)).toBeLessThanOrEqual(1e-9 * Math.max(1, p.predicted_value));
    });
  });

  it("lists the valuable customers at risk that the per-customer rule picks, with P(alive) as probabilityAlive", () => {
    const want = predictCustomers(fit, customers, options)
      .map((p, i) => ({...p, revenue: customers[i].revenue, overdue: p.x >= 2 && p.T - p.t_x > (2 * p.t_x) / p.x}))
      .filter((p) => p.revenue >= valueBar && (p.p_alive < 0.3 || p.overdue))
      .sort((a, b) => b.revenue - a.revenue || (a.customer_id < b.customer_id ? -1 : 1));
    expect(want.length).toBeGreaterThan(0);
    expect(risk.map((r) => r.customer_id)).toEqual(want.map((p) => p.customer_id));
    risk.forEach((r, i) => {
      expect(r.p_alive).toBeCloseTo(want[i].p_alive, 12);
      expect(r.overdue).toBe(want[i].overdue);
      expect(r.revenue).toBe(want[i].revenue);
    });
  });
});
