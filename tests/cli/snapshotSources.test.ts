import {readFileSync, readdirSync} from "node:fs";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {ROOT} from "../support/buildSite.js";
import {expectedPseudonym, TEST_KEY} from "../support/rowFixtures.js";
import {runLtv} from "../support/runLtv.js";

const SAMPLE = ["--source", "csv:data/sources/cart-ja-sample.csv", "--config", "data/sources/cart-ja.config.json"];
const withKey = {LTV_PSEUDONYM_KEY: TEST_KEY};
const tmp = () => mkdtempSync(join(tmpdir(), "ltv-cli-"));

describe("ltv snapshot --source csv:… --config …", () => {
  it("prints where it wrote, the as-of date, the row counts and what became of every row read", () => {
    const out = tmp();
    const {status, stdout} = runLtv(["snapshot", ...SAMPLE, "--out", out], withKey);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      out,
      as_of: "2024-05-03",
      row_counts: {orders: 10, order_lines: 12, products: 4, customers: 3, rejections: 0},
      rows: {read: 12, loaded: 12, duplicates: 0, rejected: 0}
    });
  });

  it("writes byte-identical files for the same input, mapping, key and as-of date", () => {
    const [a, b] = [tmp(), tmp()];
    for (const out of [a, b]) expect(runLtv(["snapshot", ...SAMPLE, "--out", out, "--as-of", "2024-06-01"], withKey).status).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toEqual(["customers.parquet", "manifest.json", "order_lines.parquet", "orders.parquet", "products.parquet", "rejections.parquet"]);
    for (const file of files) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
  });

  it("says loudly when it had to generate a pseudonym key, and keeps it for the next run", () => {
    const keyFile = join(tmp(), "pseudonym.key");
    const first = runLtv(["snapshot", ...SAMPLE, "--out", tmp()], {LTV_PSEUDONYM_KEY: "", LTV_PSEUDONYM_KEY_FILE: keyFile});
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`WARNING: no pseudonym key (LTV_PSEUDONYM_KEY or ${keyFile}); generated one into ${keyFile}`);
    const second = runLtv(["snapshot", ...SAMPLE, "--out", tmp()], {LTV_PSEUDONYM_KEY: "", LTV_PSEUDONYM_KEY_FILE: keyFile});
    expect(second.stderr).not.toContain("WARNING");
    expect(readFileSync(keyFile, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("exits 2 with usage for a bad --max-rejected, 1 with the file named for a missing one", () => {
    expect(runLtv(["snapshot", ...SAMPLE, "--out", tmp(), "--max-rejected", "5%"], withKey)).toMatchObject({status: 2, stderr: expect.stringContaining("--max-rejected takes a ratio from 0 to 1")});
    expect(runLtv(["snapshot", "--source", "csv:nowhere/orders.csv", "--config", "data/sources/cart-ja.config.json", "--out", tmp()], withKey)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("nowhere/orders.csv: cannot read: ENOENT")
    });
  });
});

describe("ltv pseudonyms", () => {
  it("writes the local map from each pseudonym back to the shop's member id", () => {
    const out = join(tmp(), "map.csv");
    const {status, stdout} = runLtv(["pseudonyms", ...SAMPLE, "--out", out], withKey);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({out, customers: 5});
    const rows = csvParse(readFileSync(out, "utf8"));
    expect(rows.columns).toEqual(["pseudonym", "shop_customer_id"]);
    expect(new Map(rows.map((r) => [r.shop_customer_id, r.pseudonym]))).toEqual(new Map(["M0001", "M0002", "M0003", "M0004", "M0005"].map((id) => [id, expectedPseudonym(id)])));
  });

  it("refuses to write where the site is built from or into", () => {
    const {status, stderr} = runLtv(["pseudonyms", ...SAMPLE, "--out", join(ROOT, "dist", "map.csv")], withKey);
    expect(status).toBe(1);
    expect(stderr).toContain("the pseudonym map holds real customer ids; write it outside src/, dist/ and the caches");
  });
});
