import {randomInt, randomLcg} from "d3";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {bunchingBinsSql, bunchingWarning, estimateBunching} from "../../src/components/bunching.js";
import {
  defaultSweepFee,
  orderValueHistogramSql,
  parseThresholds,
  shippingRuleSql,
  shippingSweepSql,
  type ShippingSweepRow
} from "../../src/components/shippingThreshold.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let db: WasmDB;
beforeAll(async () => {
  db = await openWasmDuckDB();
});
afterAll(() => db?.close());

let next = 0;
function order(revenue: number, extra: Record<string, unknown> = {}) {
  return {order_id: `o${++next}`, customer_id: "c", revenue, status: "completed", order_kind: "main", shipping_fee: revenue >= 5000 ? 0 : 550, ...extra};
}

const HAND = [
  order(2400), order(2999), order(3000), order(4000), order(4999), order(5000), order(6000),
  order(1000, {order_kind: "trial", shipping_fee: 0}), // ships free anyway: left out
  order(3980, {order_kind: "subscription", subscription_id: "S1", shipping_fee: 0}), // left out
  order(5480, {order_kind: "main", subscription_id: "S1", shipping_fee: 0}), // belongs to a subscription: left out
  order(4500, {status: "cancelled"}) // not counted
];

describe("shippingSweepSql, worked out by hand", () => {
  beforeAll(() => db.createTable("orders", HAND));

  it("counts orders below, near and the fee at stake; exactly the threshold ships free", () => {
    const rows = db.rows<ShippingSweepRow>(shippingSweepSql({thresholds: [3000, 5000], fee: 550, near: 0.2, topUp: 0.5}));
    expect(rows).toEqual([
      // below 3000: 2400, 2999 (both within 20%: ≥ 2400); top-ups gain (600 − 550) + (1 − 550), half of them top up
      {threshold: 3000, orders: 7, orders_below: 2, share_below: 2 / 7, orders_near: 2, fee_at_stake: 1100, net_effect: -249.5},
      // below 5000: five orders; near (≥ 4000): 4000 and 4999, gains (1000 − 550) + (1 − 550)
      {threshold: 5000, orders: 7, orders_below: 5, share_below: 5 / 7, orders_near: 2, fee_at_stake: 2750, net_effect: -49.5}
    ]);
  });

  it("keeps a threshold no order is below", () => {
    const [row] = db.rows<ShippingSweepRow>(shippingSweepSql({thresholds: [1000], fee: 550, near: 0.2, topUp: 0.5}));
    expect(row).toEqual({threshold: 1000, orders: 7, orders_below: 0, share_below: 0, orders_near: 0, fee_at_stake: 0, net_effect: 0});
  });

  it("includes trial and subscription orders when asked to", () => {
    const [row] = db.rows<ShippingSweepRow>(shippingSweepSql({thresholds: [5000], fee: 550, near: 0.2, topUp: 0, excludeKinds: []}));
    expect([row.orders, row.orders_below]).toEqual([10, 7]);
  });

  it("bins order values", () => {
    expect(db.rows(orderValueHistogramSql({binYen: 1000}))).toEqual([
      {bin_start: 2000, bin_end: 3000, orders: 2},
      {bin_start: 3000, bin_end: 4000, orders: 1},
      {bin_start: 4000, bin_end: 5000, orders: 2},
      {bin_start: 5000, bin_end: 6000, orders: 1},
      {bin_start: 6000, bin_end: 7000, orders: 1}
    ]);
  });

  it("bins around a threshold with every bin present, empty ones as 0", () => {
    expect(db.rows(bunchingBinsSql({threshold: 5000, binYen: 1000, rangeYen: 3000}))).toEqual([
      {bin_start: 2000, orders: 2},
      {bin_start: 3000, orders: 1},
      {bin_start: 4000, orders: 2},
      {bin_start: 5000, orders: 1},
      {bin_start: 6000, orders: 1},
      {bin_start: 7000, orders: 0}
    ]);
  });

  it("detects the shop's rule from its orders", () => {
    expect(db.rows(shippingRuleSql())).toEqual([{threshold: 5000, fee: 550}]);
  });
});

describe("shippingSweepSql against every order meeting every threshold, on random orders", () => {
  for (const seed of [7, 8]) {
    it(`agrees on seed ${seed}`, () => {
      const int = randomInt.source(randomLcg(seed));
      const amounts = Array.from({length: 2000}, () => int(500, 12_000)());
      // amounts exactly on thresholds, so the boundary is exercised
      amounts.push(3000, 5000, 5000, 6500);
      db.createTable("orders", amounts.map((a) => order(a)));
      const thresholds = parseThresholds("2000:10000:500");
      const [fee, near, topUp] = [550, 0.15, 0.35];
      const expected = thresholds.map((t) => {
        const below = amounts.filter((a) => a < t);
        const nearby = below.filter((a) => a >= t * (1 - near));
        return {
          threshold: t,
          orders: amounts.length,
          orders_below: below.length,
          share_below: below.length / amounts.length,
          orders_near: nearby.length,
          fee_at_stake: below.length * fee,
          net_effect: topUp * nearby.reduce((sum, a) => sum + (t - a - fee), 0)
        };
      });
      const actual = db.rows<ShippingSweepRow>(shippingSweepSql({thresholds, fee, near, topUp}));
      expect(actual.map(({net_effect, share_below, ...rest}) => rest)).toEqual(expected.map(({net_effect, share_below, ...rest}) => rest));
      actual.forEach((row, i) => {
        expect(row.net_effect).toBeCloseTo(expected[i].net_effect, 6);
        expect(row.share_below).toBeCloseTo(expected[i].share_below, 12);
      });
    });
  }
});

describe("defaultSweepFee", () => {
  it("starts from the rule's fee as the page's fee input holds it: ¥0–2,000 in steps of ¥10", () => {
    expect(defaultSweepFee({threshold: 5000, fee: 550})).toBe(550);
    expect(defaultSweepFee({threshold: 5000, fee: 385})).toBe(390);
    expect(defaultSweepFee({threshold: null, fee: null})).toBe(550);
    expect(defaultSweepFee({threshold: 5000, fee: 2980})).toBe(2000);
  });
});

describe("parseThresholds", () => {
  it("reads inclusive ranges and lists, and refuses nonsense", () => {
    expect(parseThresholds("2000:3000:500")).toEqual([2000, 2500, 3000]);
    expect(parseThresholds("3000, 5000")).toEqual([3000, 5000]);
    expect(() => parseThresholds("5000:2000:500")).toThrow(/FROM ≤ TO/);
    expect(() => parseThresholds("abc")).toThrow(/whole yen/);
  });
});

describe("estimateBunching", () => {
  // counts on an exact cubic away from the threshold at 5000, with 40 extra orders put just above it
  const cubic = (start: number) => {
    const x = (start - 5000) / 1000;
    return 200 - 30 * x + 4 * x * x - 0.5 * x ** 3;
  };
  const bins = Array.from({length: 50}, (_, i) => 2500 + i * 100).map((start) => ({
    bin_start: start,
    orders: cubic(start) + (start === 5000 ? 25 : start === 5100 ? 15 : 0) - (start === 4900 ? 10 : 0)
  }));

  it("recovers the counterfactual, the excess above and the missing mass below", () => {
    const estimate = estimateBunching(bins, {threshold: 5000, belowYen: 500, aboveYen: 500});
    for (const bin of estimate.bins) expect(bin.counterfactual).toBeCloseTo(cubic(bin.bin_start), 6);
    expect(estimate.excess_above).toBeCloseTo(40, 6);
    expect(estimate.missing_below).toBeCloseTo(10, 6);
    const expectedAbove = [5000, 5100, 5200, 5300, 5400].reduce((s, b) => s + cubic(b), 0);
    expect(estimate.expected_above).toBeCloseTo(expectedAbove, 6);
    expect(estimate.excess_ratio).toBeCloseTo(40 / expectedAbove, 9);
    expect(estimate.fit_r2).toBeCloseTo(1, 9);
    expect(estimate.unreliable).toBeNull();
  });

  it("says when order values are too lumpy for a counterfactual", () => {
    // a few price points: spikes every 1,000 yen and nothing between
    const lumpy = bins.map((b) => ({...b, orders: b.bin_start % 1000 === 800 ? 500 : 0}));
    const estimate = estimateBunching(lumpy, {threshold: 5000, belowYen: 500, aboveYen: 500});
    expect(estimate.fit_r2).toBeLessThan(0.6);
    expect(estimate.unreliable).toBe("lumpy");
    expect(bunchingWarning(estimate)?.en).toMatch(/too lumpy/);
  });

  it("refuses to fit with too few bins outside the window", () => {
    expect(() => estimateBunching(bins.slice(20, 30), {threshold: 5000, belowYen: 500, aboveYen: 500})).toThrow(/bins outside the window/);
  });
});
