import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {beforeAll, describe, expect, it} from "vitest";
import {demoSource} from "../../loaders/sources/demoSource.js";
import {clvInputsSql, type ClvInput} from "../../src/components/clvInputs.js";
import {customerSpend, fitClv} from "../../src/components/clvModel.js";
import {ltvCurveSql} from "../../src/components/cohortLtv.js";
import {overviewSql} from "../../src/components/overview.js";
import {rfmGridSql} from "../../src/components/rfm.js";
import {routeTreeSql} from "../../src/components/routeTree.js";
import {segmentsSql} from "../../src/components/segments.js";
import {shippingSweepSql} from "../../src/components/shippingThreshold.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {runLtv} from "../support/runLtv.js";

let snapshot: string;
let pageRows: Record<string, unknown>[];
let sweepRows: Record<string, unknown>[];
let rfmRows: Record<string, unknown>[];
let segmentRows: Record<string, unknown>[];
let routeRows: Record<string, unknown>[];
let ltvRows: Record<string, unknown>[];

beforeAll(async () => {
  const {db, out, manifest} = await wasmSnapshot(tinyShop());
  snapshot = out;
  pageRows = db.rows(overviewSql({asOf: manifest.as_of}));
  ltvRows = db.rows(ltvCurveSql({asOf: manifest.as_of, months: [1, 2]}));
  routeRows = db.rows(routeTreeSql({asOf: manifest.as_of, windowDays: 30, depth: 2, ltvMonths: 1}));
  rfmRows = db.rows(rfmGridSql({recencyDays: [30, 60], frequency: [1, 2]}));
  segmentRows = db.rows(segmentsSql({scheme: "lifecycle", asOf: manifest.as_of, thresholds: {regularOrders: 2}}));
  sweepRows = db.rows(shippingSweepSql({thresholds: [3000, 5000, 7000], fee: 550, near: 0.5, topUp: 0.25}));
  db.close();
});

describe("ltv overview", () => {
  it("prints as JSON the rows the page computes in DuckDB-WASM", () => {
    const {status, stdout, stderr} = runLtv(["overview", "--snapshot", snapshot, "--format", "json"]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(pageRows);
    expect(rows[0]).toMatchObject({customers: 3, orders: 6, revenue: 19840});
  });

  it("prints CSV with a header row", () => {
    const {status, stdout} = runLtv(["overview", "--snapshot", snapshot, "--format", "csv", "--second-purchase-days", "10"]);
    expect(status).toBe(0);
    const [row] = csvParse(stdout);
    expect(row).toMatchObject({customers: "3", second_purchase_eligible: "2", second_purchase_rate: "0.5"});
  });

  it("says what is wrong and exits 2 on a bad option", () => {
    const {status, stderr} = runLtv(["overview", "--snapshot", snapshot, "--second-purchase-days", "ten"]);
    expect(status).toBe(2);
    expect(stderr).toContain("--second-purchase-days takes a whole number ≥ 1, got ten");
  });

  it("names the missing manifest when the folder is not a snapshot", () => {
    const {status, stderr} = runLtv(["overview", "--snapshot", "/nonexistent"]);
    expect(status).toBe(1);
    expect(stderr).toContain("/nonexistent/manifest.json: not a snapshot manifest");
  });

  it("asks for a new snapshot when the folder holds one of an older layout", () => {
    const old = mkdtempSync(join(tmpdir(), "ltv-old-snapshot-"));
    writeFileSync(join(old, "manifest.json"), JSON.stringify({schema_version: 1, as_of: "2024-04-01"}));
    const {status, stderr} = runLtv(["routes", "--snapshot", old]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${join(old, "manifest.json")}: a snapshot of layout 1, and this version reads layout 2; build it again with \`ltv snapshot\``);
  });
});

describe("ltv rfm and ltv segments", () => {
  it("print the grid the page computes, every cell with the contract's fields", () => {
    const {status, stdout} = runLtv(["rfm", "--snapshot", snapshot, "--recency-days", "30,60", "--frequency", "1,2"]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(rfmRows);
    expect(Object.keys(rows[0])).toEqual(["r_bin", "f_bin", "r_label", "f_label", "customers", "revenue", "avg_monetary"]);
    // tiny shop as of 2024-04-01: c4 (1 day, 1 order), c2 (51 days, 2 orders), c1 (42 days, 3 orders)
    expect(rows.filter((r: {customers: number}) => r.customers > 0).map((r: {r_label: string; f_label: string}) => `${r.r_label}/${r.f_label}`)).toEqual(["0–30/1", "31–60/2", "31–60/>2"]);
  });

  it("list a cell's customers", () => {
    const {stdout} = runLtv(["rfm", "--snapshot", snapshot, "--cell", "2,3", "--format", "csv"]);
    expect(csvParse(stdout).map((r) => [r.customer_id, r.revenue, r.first_product])).toEqual([["c1", "8960", "トライアル"]]);
  });

  it("print a scheme's shares with thresholds changed, and refuse an unknown threshold", () => {
    const {stdout} = runLtv(["segments", "--snapshot", snapshot, "--scheme", "lifecycle", "--threshold", "regularOrders=2"]);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(segmentRows);
    expect(Object.keys(rows[0])).toEqual(["segment", "customers", "customer_share", "revenue", "revenue_share", "ltv", "orders_per_customer", "aov"]);
    expect(rows.filter((r: {customers: number}) => r.customers > 0).map((r: {segment: string}) => r.segment)).toEqual(["new", "regular"]);
    const bad = runLtv(["segments", "--snapshot", snapshot, "--scheme", "cpm", "--threshold", "activeDays=3"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--threshold activeDays=3: want name=number with a name of cpm's");
  });
});

describe("ltv ltv-curve", () => {
  it("prints the rows the page charts, with the contract's fields", () => {
    const {status, stdout} = runLtv(["ltv-curve", "--snapshot", snapshot, "--months", "1,2"]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(ltvRows);
    expect(rows).toEqual([
      {cohort: "2024-01", months: 1, customers: 1, ltv: 4980},
      {cohort: "2024-01", months: 2, customers: 1, ltv: 8960},
      {cohort: "2024-02", months: 1, customers: 1, ltv: 9880}
    ]);
  });

  it("refuses an unknown grouping", () => {
    const {status, stderr} = runLtv(["ltv-curve", "--snapshot", snapshot, "--by", "colour"]);
    expect(status).toBe(2);
    expect(stderr).toContain("--by takes one of cohort, first_product, first_order_kind, first_channel, got colour");
  });
});

describe("ltv repurchase", () => {
  it("prints histogram rows and, with --summary, quartiles, in the contract's fields", () => {
    const histogram = JSON.parse(runLtv(["repurchase", "--snapshot", snapshot, "--bin-days", "7"]).stdout);
    expect(histogram).toEqual([
      {group: "1→2", bin_start: 0, bin_end: 7, intervals: 1},
      {group: "1→2", bin_start: 14, bin_end: 21, intervals: 1},
      {group: "2→3", bin_start: 28, bin_end: 35, intervals: 1}
    ]);
    const summary = JSON.parse(runLtv(["repurchase", "--snapshot", snapshot, "--summary", "--exclude-subscriptions"]).stdout);
    expect(summary).toEqual([{group: "1→2", intervals: 2, median: 7.5, p25: 3.75, p75: 11.25}]);
  });
});

describe("ltv subscriptions", () => {
  it("prints the JSON contract, saying why there is no fit when too few subscriptions ended", () => {
    const {status, stdout} = runLtv(["subscriptions", "--snapshot", snapshot, "--max-delivery", "3", "--project", "4"]);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    // the tiny shop's one subscription: two counted deliveries, still active on 2024-04-01
    expect(json.deliveries).toEqual([
      {delivery: 1, active: 1, retained_share: 1},
      {delivery: 2, active: 1, retained_share: 1},
      {delivery: 3, active: 0, retained_share: null}
    ]);
    expect(json.sbg).toBeNull();
    expect(json.projection).toEqual([]);
    expect(json.unfit).toContain("only 0 subscriptions have ended");
  });

  it("lists the subscriptions to watch", () => {
    // S1's last counted delivery was 2024-02-19, 42 days before the as-of date on a 30-day cycle: overdue
    const [row] = csvParse(runLtv(["subscriptions", "--snapshot", snapshot, "--watch", "--format", "csv"]).stdout);
    expect(row).toMatchObject({subscription_id: "S1", customer_id: "c1", days_since_last: "42", cycle: "30", overdue: "true", skipped: "false"});
  });
});

describe("ltv clv", () => {
  it("says why it cannot fit the tiny shop", () => {
    const {status, stdout} = runLtv(["clv", "--snapshot", snapshot, "--calibration-end", "2024-03-01"]);
    expect(status).toBe(0);
    // first seen by 2024-03-01: c1 (Jan 5, T = 8 weeks exactly: long enough) and c2; only c1 bought again
    expect(JSON.parse(stdout)).toEqual({bgnbd: null, gamma_gamma: null, customers: 2, unfit: "1 of 2 customers bought again in the calibration period (30 needed)"});
    const short = JSON.parse(runLtv(["clv", "--snapshot", snapshot, "--calibration-end", "2024-02-29"]).stdout);
    expect(short.unfit).toBe("the calibration period is too short (at most 7.9 periods; 8 needed)");
  });

  it("prints the parameters the page fits, and per-customer predictions", async () => {
    const {db, out} = await wasmSnapshot(demoSource(6000));
    const inputs = db.rows<ClvInput>(clvInputsSql({calibrationEnd: "2025-06-30", unit: "week"}));
    db.close();
    const {fit} = await fitClv(inputs, inputs.map(customerSpend));
    const json = JSON.parse(runLtv(["clv", "--snapshot", out, "--calibration-end", "2025-06-30", "--unit", "week"]).stdout);
    expect(Object.keys(json)).toEqual(["bgnbd", "gamma_gamma", "customers"]);
    expect(Object.keys(json.bgnbd)).toEqual(["r", "alpha", "a", "b", "log_likelihood"]);
    expect(json.customers).toBe(inputs.length);
    expect(json.bgnbd.r).toBeCloseTo(fit!.bgnbd.r, 6);
    expect(json.bgnbd.log_likelihood).toBeCloseTo(fit!.bgnbd.logLikelihood, 4);
    expect(json.gamma_gamma.p).toBeCloseTo(fit!.gammaGamma.p, 4);
    const rows = csvParse(runLtv(["clv", "--snapshot", out, "--calibration-end", "2025-06-30", "--per-customer", "--horizon", "26", "--format", "csv"]).stdout);
    expect(rows).toHaveLength(inputs.length);
    for (const row of rows.slice(0, 50)) {
      expect(Number(row.p_alive)).toBeGreaterThan(0);
      expect(Number(row.p_alive)).toBeLessThanOrEqual(1);
      expect(Number(row.predicted_value)).toBeCloseTo(Number(row.expected_purchases) * Number(row.expected_spend), 6);
    }
  }, 60_000);
});

describe("ltv routes", () => {
  it("prints the route tree the page computes, with the contract's fields", () => {
    const {status, stdout} = runLtv(["routes", "--snapshot", snapshot, "--window-days", "30", "--depth", "2", "--ltv-months", "1"]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(routeRows);
    expect(Object.keys(rows[0])).toEqual(["path", "depth", "kind", "customers", "share_of_parent", "median_days", "ltv", "ltv_months", "ltv_x"]);
    expect(rows.map((r: {path: string}) => r.path)).toEqual(["main", "main > cross_sell", "trial", "trial > subscription", "trial > too_young"]);
  });

  it("refuses a depth over 4", () => {
    const {status, stderr} = runLtv(["routes", "--snapshot", snapshot, "--depth", "5"]);
    expect(status).toBe(2);
    expect(stderr).toContain("--depth takes 1 to 4");
  });
});

describe("ltv shipping", () => {
  it("prints the sweep rows the page computes, with the JSON fields of the contract", () => {
    const args = ["--thresholds", "3000,5000,7000", "--fee", "550", "--near", "0.5", "--top-up", "0.25"];
    const {status, stdout} = runLtv(["shipping", "--snapshot", snapshot, ...args, "--format", "json"]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout);
    expect(rows).toEqual(sweepRows);
    expect(Object.keys(rows[0])).toEqual(["threshold", "orders", "orders_below", "share_below", "orders_near", "fee_at_stake", "net_effect"]);
    // the tiny shop's one-off orders are ¥6,280 and ¥3,600 (trial and subscription orders ship free anyway)
    expect(rows[1]).toMatchObject({threshold: 5000, orders: 2, orders_below: 1, orders_near: 1, fee_at_stake: 550, net_effect: 0.25 * (1400 - 550)});
  });

  it("takes the fee from the snapshot's shipping rule when none is given", () => {
    const {stdout} = runLtv(["shipping", "--snapshot", snapshot, "--thresholds", "5000"]);
    expect(JSON.parse(stdout)[0].fee_at_stake).toBe(550);
  });

  it("refuses a fraction out of range and a malformed range, naming the option", () => {
    expect(runLtv(["shipping", "--snapshot", snapshot, "--near", "2"]).stderr).toContain("--near takes a fraction from 0 to 1, got 2");
    const bad = runLtv(["shipping", "--snapshot", snapshot, "--thresholds", "9000:1000:500"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--thresholds 9000:1000:500: want FROM:TO:STEP with FROM ≤ TO");
  });
});

describe("ltv snapshot", () => {
  it("rejects an unknown source, listing the supported ones", () => {
    const {status, stderr} = runLtv(["snapshot", "--source", "nosuch:thing", "--out", "/tmp/x"]);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown source nosuch:thing");
    expect(stderr).toContain("demo:ORDERS");
  });
});
