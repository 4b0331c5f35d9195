import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {dailyOrdersSql, orderGapsSql, weeklyJumpsSql} from "../../src/components/dataQuality.js";
import {openWasmDuckDB, type WasmDB} from "../../loaders/wasmDuckDB.js";

// Twelve weeks from Monday 2024-01-01: one order a day, but three a day in week 10 (from 2024-03-04) and
// none on Tuesday to Thursday of week 11 (2024-03-12 – 14); a cancelled order still arrived, so it counts here.
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const orders: Record<string, unknown>[] = [];
for (let d = 0; d < 84; d++) {
  const week = Math.floor(d / 7) + 1;
  const perDay = week === 10 ? 3 : week === 11 && [1, 2, 3].includes(d % 7) ? 0 : 1;
  for (let i = 0; i < perDay; i++) {
    const at = new Date(START + d * DAY + i * 3_600_000);
    orders.push({order_id: `o${orders.length}`, order_date: at, ordered_at: at, status: d === 5 ? "cancelled" : "completed"});
  }
}

let db: WasmDB;
beforeAll(async () => {
  db = await openWasmDuckDB();
  db.createTable("orders", orders);
});
afterAll(() => db?.close());

const iso = (d: unknown) => new Date(d as number).toISOString().slice(0, 10);

describe("data quality checks on twelve weeks worked out by hand", () => {
  it("counts every day of the period, empty days as zero", () => {
    const daily = db.rows<{day: number; orders: number}>(dailyOrdersSql());
    expect(daily).toHaveLength(84);
    expect(daily.reduce((sum, d) => sum + d.orders, 0)).toBe(9 * 7 + 21 + 4 + 7);
    expect(daily.filter((d) => d.orders === 0).map((d) => iso(d.day))).toEqual(["2024-03-12", "2024-03-13", "2024-03-14"]);
  });

  it("finds the run of days without orders", () => {
    expect(db.rows(orderGapsSql()).map((g) => ({...g, first_day: iso(g.first_day), last_day: iso(g.last_day)}))).toEqual([
      {first_day: "2024-03-12", last_day: "2024-03-14", days: 3}
    ]);
  });

  it("flags the week at three times its trailing median, not the week at 4/7 of it", () => {
    expect(db.rows(weeklyJumpsSql({factor: 2, weeks: 8})).map((j) => ({...j, week: iso(j.week)}))).toEqual([
      {week: "2024-03-04", orders: 21, trailing_median: 7, ratio: 3}
    ]);
    // with a looser factor, week 11's drop to 4 of a median 7 counts too (4 × 1.5 ≤ 7)
    expect(db.rows(weeklyJumpsSql({factor: 1.5, weeks: 8})).map((j) => iso(j.week))).toEqual(["2024-03-04", "2024-03-11"]);
  });
});
