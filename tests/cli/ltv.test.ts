import {csvParse} from "d3";
import {beforeAll, describe, expect, it} from "vitest";
import {overviewSql} from "../../src/components/overview.js";
import {tinyShop} from "../fixtures/tinyShop.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";
import {runLtv} from "../support/runLtv.js";

let snapshot: string;
let pageRows: Record<string, unknown>[];

beforeAll(async () => {
  const {db, out, manifest} = await wasmSnapshot(tinyShop());
  snapshot = out;
  pageRows = db.rows(overviewSql({asOf: manifest.as_of}));
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

describe("ltv snapshot", () => {
  it("rejects an unknown source, listing the supported ones", () => {
    const {status, stderr} = runLtv(["snapshot", "--source", "nosuch:thing", "--out", "/tmp/x"]);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown source nosuch:thing");
    expect(stderr).toContain("demo:ORDERS");
  });
});
