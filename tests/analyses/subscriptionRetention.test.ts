import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {churnWatchSql, retentionSql, subscriptionLifetimesSql, type RetentionRow} from "../../src/components/subscriptionRetention.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

let db: WasmDB;
const AS_OF = "2024-07-01";

// Seven subscriptions, every delivery a counted order of product SUB (2024 is a leap year):
// A Jan 1, Jan 31, Mar 1: nothing since for 122 days > 2 × 30 + 15: ended after 3
// B Jan 1, Jan 31: ended after 2            C Jan 1 … Jun 29 every 30 days: 7, active
// D Jan 1: ended after 1 (cycle taken as 30) E Jun 20: 1, active
// G Jan 10, Feb 9, Apr 10 (61 days: a skip), May 10: 4, active, 52 days since: overdue (> 30 + 7)
// H Jan 15, Feb 14, Mar 15, May 14 (60 days: a skip): 4, active, 48 days since: overdue and skipped
const SCHEDULE: Record<string, string[]> = {
  A: ["2024-01-01", "2024-01-31", "2024-03-01"],
  B: ["2024-01-01", "2024-01-31"],
  C: ["2024-01-01", "2024-01-31", "2024-03-01", "2024-03-31", "2024-04-30", "2024-05-30", "2024-06-29"],
  D: ["2024-01-01"],
  E: ["2024-06-20"],
  G: ["2024-01-10", "2024-02-09", "2024-04-10", "2024-05-10"],
  H: ["2024-01-15", "2024-02-14", "2024-03-15", "2024-05-14"]
};

beforeAll(async () => {
  db = await openWasmDuckDB();
  const orders = Object.entries(SCHEDULE).flatMap(([id, dates]) =>
    dates.map((date, i) => ({
      order_id: `${id}${i + 1}`, customer_id: `c${id}`, ordered_at: new Date(`${date}T09:00:00Z`), order_date: new Date(`${date}T00:00:00Z`),
      status: "completed", subscription_id: id, delivery_number: i + 1
    }))
  );
  // a cancelled delivery never counts
  orders.push({order_id: "C8", customer_id: "cC", ordered_at: new Date("2024-06-30T09:00:00Z"), order_date: new Date("2024-06-30T00:00:00Z"), status: "cancelled", subscription_id: "C", delivery_number: 8});
  db.createTable("orders", orders);
  db.createTable("order_lines", orders.map((o) => ({order_id: o.order_id, line_number: 1, product_id: "SUB", amount: 4000})));
  db.createTable("products", [{product_id: "SUB", name: "定期便", name_en: "Subscription", category: "c", kind: "subscription", list_price: 4000}]);
});
afterAll(() => db?.close());

describe("subscription retention, by hand", () => {
  it("gives the Kaplan–Meier share reaching each delivery, with active subscriptions censored", () => {
    const rows = db.rows<RetentionRow>(retentionSql({asOf: AS_OF, maxDelivery: 8}));
    // reached 7, 5, 4, 3, 1, 1, 1, 0; still active at 1: E, at 4: G and H, at 7: C
    // step 2: 5 of 7 − 1; step 3: 4 of 5; step 4: 3 of 4; step 5: 1 of 3 − 2; then 1 of 1; step 8: nobody left to tell
    expect(rows.map(({retained_share, ...r}) => r)).toEqual([
      {group: "all", delivery: 1, active: 7, at_risk: null, skipped: 0},
      {group: "all", delivery: 2, active: 5, at_risk: 6, skipped: 0},
      {group: "all", delivery: 3, active: 4, at_risk: 5, skipped: 1},
      {group: "all", delivery: 4, active: 3, at_risk: 4, skipped: 1},
      {group: "all", delivery: 5, active: 1, at_risk: 1, skipped: 0},
      {group: "all", delivery: 6, active: 1, at_risk: 1, skipped: 0},
      {group: "all", delivery: 7, active: 1, at_risk: 1, skipped: 0},
      {group: "all", delivery: 8, active: 0, at_risk: 0, skipped: 0}
    ]);
    const expected = [1, 5 / 6, 2 / 3, 1 / 2, 1 / 2, 1 / 2, 1 / 2];
    expected.forEach((share, i) => expect(rows[i].retained_share).toBeCloseTo(share, 12));
    expect(rows[7].retained_share).toBeNull();
  });

  it("hands the model lost and still-active subscriptions by period", () => {
    expect(db.rows(subscriptionLifetimesSql({asOf: AS_OF}))).toEqual([
      {t: 0, lost: false, count: 1}, // E: one delivery, active
      {t: 1, lost: true, count: 1}, // D
      {t: 2, lost: true, count: 1}, // B
      {t: 3, lost: false, count: 2}, // G, H
      {t: 3, lost: true, count: 1}, // A
      {t: 6, lost: false, count: 1} // C
    ]);
  });

  it("watches the overdue and the ones who skipped", () => {
    const rows = db.rows(churnWatchSql({asOf: AS_OF}));
    expect(rows.map((r) => [r.subscription_id, r.days_since_last, r.cycle, r.overdue, r.skipped])).toEqual([
      ["G", 52, 30, true, false],
      ["H", 48, 30, true, true]
    ]);
    expect(rows[0]).toMatchObject({customer_id: "cG", product: "定期便", last_delivery_date: "2024-05-10", deliveries: 4});
  });
});

describe("retentionSql against plain JavaScript on random subscriptions", () => {
  it("agrees", async () => {
    const {randomLcg, randomInt} = await import("d3");
    const int = randomInt.source(randomLcg(71));
    const orders: Record<string, unknown>[] = [];
    const asOfDay = Date.UTC(2024, 11, 31) / 86_400_000;
    const subs: {deliveries: number; ended: boolean}[] = [];
    for (let s = 0; s < 300; s++) {
      let day = Date.UTC(2023, 0, 1) / 86_400_000 + int(0, 600)();
      const cycle = [30, 45, 60][int(0, 3)()];
      let n = 0;
      while (day < asOfDay && n < 1 + int(0, 15)()) {
        n++;
        const date = new Date(day * 86_400_000);
        orders.push({order_id: `s${s}-${n}`, customer_id: `c${s}`, ordered_at: date, order_date: date, status: "completed", subscription_id: `s${s}`, delivery_number: n});
        day += cycle;
      }
      const last = day - cycle;
      subs.push({deliveries: n, ended: asOfDay - last > 2 * (n > 1 ? cycle : 30) + 15});
    }
    db.createTable("orders", orders);
    db.createTable("order_lines", orders.map((o) => ({order_id: o.order_id, line_number: 1, product_id: "SUB", amount: 1})));
    const rows = db.rows<RetentionRow>(retentionSql({asOf: "2024-12-31", maxDelivery: 12}));
    let retained = 1;
    for (const row of rows) {
      const reached = subs.filter((s) => s.deliveries >= row.delivery).length;
      expect(row.active).toBe(reached);
      if (row.delivery > 1) {
        const atRisk = subs.filter((s) => s.deliveries >= row.delivery - 1).length - subs.filter((s) => !s.ended && s.deliveries === row.delivery - 1).length;
        expect(row.at_risk).toBe(atRisk);
        retained *= reached / atRisk;
      }
      expect(row.retained_share).toBeCloseTo(retained, 9);
    }
  });
});

describe("a subscription's product", () => {
  it("is its first delivery's largest line, the first line on a tie", async () => {
    const other = await openWasmDuckDB();
    const delivery = (subscription_id: string, n: number, date: string) => ({
      order_id: `${subscription_id}${n}`, customer_id: `c${subscription_id}`, ordered_at: new Date(`${date}T09:00:00Z`),
      order_date: new Date(`${date}T00:00:00Z`), status: "completed", subscription_id, delivery_number: n
    });
    other.createTable("orders", [delivery("P", 1, "2024-01-01"), delivery("P", 2, "2024-01-31"), delivery("Q", 1, "2024-01-01")]);
    other.createTable("order_lines", [
      // P began with a trial set larger than its subscription line; later deliveries are the subscription alone
      {order_id: "P1", line_number: 1, product_id: "SUB", amount: 1000},
      {order_id: "P1", line_number: 2, product_id: "TRIAL", amount: 3000},
      {order_id: "P2", line_number: 1, product_id: "SUB", amount: 4000},
      // Q: two lines of one amount
      {order_id: "Q1", line_number: 1, product_id: "SUB", amount: 2000},
      {order_id: "Q1", line_number: 2, product_id: "TRIAL", amount: 2000}
    ]);
    const rows = other.rows<RetentionRow>(retentionSql({asOf: "2024-07-01", by: "product", maxDelivery: 2}));
    expect(rows.map((r) => [r.group, r.delivery, r.active])).toEqual([
      ["SUB", 1, 1],
      ["SUB", 2, 0],
      ["TRIAL", 1, 1],
      ["TRIAL", 2, 1]
    ]);
    other.close();
  });
});
