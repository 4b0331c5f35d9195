import {csvParse} from "d3";
import {beforeAll, describe, expect, it} from "vitest";
import {overviewSql} from "../../src/components/overview.js";
import {shippingSweepSql} from "../../src/components/shippingThreshold.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {runLtv} from "../support/runLtv.js";

let snapshot: string;
let pageRows: Record<string, unknown>[];
let sweepRows: Record<string, unknown>[];

beforeAll(async () => {
  const {db, out, manifest} = await wasmSnapshot(tinyShop());
  snapshot = out;
  pageRows = db.rows(overviewSql({asOf: manifest.as_of}));
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
