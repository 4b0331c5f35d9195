import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {defaultViewAnswers} from "../../loaders/shippedAnswers.js";
import {demoSource} from "../../loaders/sources/demoSource.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";
import {DEFAULT_VIEWS} from "../../src/components/defaultViews.js";
import type {Manifest} from "../../src/components/schema.js";
import {decodeShippedAnswers, encodeShippedAnswers, MAX_SHIPPED_BYTES} from "../../src/components/shippedAnswers.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";

let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  ({db, manifest} = await wasmSnapshot(demoSource(4000)));
}, 120_000);
afterAll(() => db?.close());

const rowsOf = (table: {toArray(): {toJSON(): unknown}[]}) => table.toArray().map((row) => row.toJSON());

describe("the answers a page ships with", () => {
  it.each(Object.keys(DEFAULT_VIEWS))("%s: every default query, answered as DuckDB-WASM answers it when asked again", async (page) => {
    const shipped = decodeShippedAnswers(await defaultViewAnswers(page, manifest, db), manifest.content_hash);
    expect(shipped.size).toBeGreaterThan(0);
    for (const [sql, answer] of shipped) {
      expect(rowsOf(answer), sql.slice(0, 80)).toEqual(db.rows(sql));
      expect(answer.schema.fields.map(String)).toEqual(db.arrow(sql).schema.fields.map(String));
    }
    // the demo shop has customers, orders and subscriptions: every page has something to show
    expect([...shipped.values()].some((answer) => answer.numRows > 0)).toBe(true);
  });

  it("leaves out an answer over the size limit, for the page to compute", () => {
    const small = db.arrow("SELECT 1 AS one");
    const large = db.arrow(`SELECT range AS i FROM range(${MAX_SHIPPED_BYTES / 8 + 1000})`);
    const shipped = decodeShippedAnswers(
      encodeShippedAnswers("abc", [
        {sql: "small", answer: small},
        {sql: "large", answer: large}
      ]),
      "abc"
    );
    expect([...shipped.keys()]).toEqual(["small"]);
  });

  it("refuses answers computed from another snapshot, naming both", () => {
    const bytes = encodeShippedAnswers("snapshot-a", [{sql: "SELECT 1", answer: db.arrow("SELECT 1")}]);
    expect(() => decodeShippedAnswers(bytes, "snapshot-b")).toThrow(/snapshot-a.*snapshot-b/);
  });

  it("names the pages that have a default view when asked for one that has none", async () => {
    await expect(defaultViewAnswers("clv", manifest, db)).rejects.toThrow(/no default view for page "clv".*rfm/);
  });
});
