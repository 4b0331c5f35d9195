import {readFileSync} from "node:fs";
import {afterAll, describe, expect, it} from "vitest";
import {cdnowPublishedSummary} from "../fixtures/cdnowSample.js";
import {expectedPseudonym, rowSnapshot} from "../support/rowFixtures.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

const opened: WasmDB[] = [];
afterAll(() => opened.forEach((db) => db.close()));

describe("cdnow: sources", () => {
  it("reads the papers' sample so that each customer's repeat days and their mean value match the published summary", async () => {
    const {db, manifest} = await rowSnapshot("cdnow:data/cdnow/CDNOW_sample.txt");
    opened.push(db);
    expect(manifest.rows).toEqual({read: 6919, loaded: 6919, duplicates: 0, rejected: 0});
    expect(manifest.currency).toBe("USD");
    // the summary is keyed by sample id; the snapshot by the pseudonym of the master id
    const masterOf = new Map(
      readFileSync("data/cdnow/CDNOW_sample.txt", "utf8")
        .trim()
        .split(/\r?\n/)
        .map((line) => line.trim().split(/\s+/))
        .map(([master, sample]) => [Number(sample), master])
    );
    const days = db.rows<{customer_id: string; x: number; zbar: number | null}>(`
      SELECT customer_id, count(*) - 1 AS x, avg(revenue) FILTER (WHERE order_date > first_day) / 100 AS zbar
      FROM (SELECT *, min(order_date) OVER (PARTITION BY customer_id) AS first_day FROM orders WHERE order_date <= DATE '1997-09-30')
      GROUP BY customer_id`);
    const byCustomer = new Map(days.map((d) => [d.customer_id, d]));
    const summary = cdnowPublishedSummary();
    expect(summary).toHaveLength(2357);
    for (const s of summary) {
      const d = byCustomer.get(expectedPseudonym(masterOf.get(s.id)!))!;
      expect(d.x).toBe(s.x);
      // published to two decimals
      expect(Math.abs((d.zbar ?? 0) - s.zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("reads the master log's header and CRLF lines: all 23,570 customers", async () => {
    const {db, manifest} = await rowSnapshot("cdnow:data/cdnow/CDNOW_master.txt");
    opened.push(db);
    expect(manifest.rows).toEqual({read: 69659, loaded: 69659, duplicates: 0, rejected: 0});
    expect(db.rows("SELECT count(*) AS customers, strftime(min(first_order_date), '%Y-%m-%d') AS first FROM customers")).toEqual([{customers: 23570, first: "1997-01-01"}]);
  });
});
