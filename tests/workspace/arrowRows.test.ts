import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {demoSource} from "../../loaders/sources/demoSource.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";
import {tableRows} from "../../src/components/arrowRows.js";
import {DEFAULT_VIEWS} from "../../src/components/defaultViews.js";
import type {Manifest} from "../../src/components/schema.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";

let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  ({db, manifest} = await wasmSnapshot(demoSource(4000)));
}, 120_000);
afterAll(() => db?.close());

/** The rows as Arrow's own row proxies give them: what pages read before tableRows. */
const viaRowProxies = (sql: string) => db.arrow(sql).toArray().map((row) => row.toJSON());

describe("tableRows", () => {
  it("gives every page's default queries' rows as Arrow's row proxies do", async () => {
    const asked: string[] = [];
    const ask = async (sql: string) => {
      asked.push(sql);
      return viaRowProxies(sql);
    };
    for (const view of Object.values(DEFAULT_VIEWS)) {
      await view({manifest, ask, rows: ask, computed: (_key, compute) => compute()});
    }
    expect(asked.length).toBeGreaterThan(20);
    for (const sql of asked) expect(tableRows(db.arrow(sql)), sql.slice(0, 80)).toEqual(viaRowProxies(sql));
  });

  it("keeps nulls, large whole numbers, decimals, dates, times and text, over several record batches", () => {
    const sql = `
SELECT i::INTEGER AS int, CASE WHEN i % 3 = 0 THEN NULL ELSE i END::INTEGER AS int_or_null, i / 7 AS float,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3 END AS float_or_null, i * 10000000000 AS big, (i / 4)::DECIMAL(10, 2) AS decimal,
  (i % 100)::TINYINT AS tiny, i % 2 = 0 AS even, DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01' + to_seconds(i) AS moment,
  CASE WHEN i % 4 = 0 THEN NULL ELSE 'r' || i END AS text, 'kind' || (i % 3) AS kind
FROM range(5000) t(i)`;
    const table = db.arrow(sql);
    expect(table.batches.length).toBeGreaterThan(1);
    const rows = tableRows<Record<string, unknown>>(table);
    expect(rows).toEqual(viaRowProxies(sql));
    expect(rows[3]).toMatchObject({int: 3, int_or_null: null, big: 30000000000, decimal: 0.75, moment: Date.UTC(2024, 0, 1, 0, 0, 3), text: "r3", even: false});
  });
});
