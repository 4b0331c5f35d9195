import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {demoSource} from "../../loaders/sources/demoSource.js";
import {tableDatabaseBytes} from "../../loaders/tableDatabase.js";
import {SNAPSHOT_TABLES} from "../../src/components/schema.js";
import {sqlLiteral} from "../../src/components/sqlLiteral.js";
import {attachTableSql, tableDatabaseName} from "../../src/components/tableDatabase.js";
import {snapshotOf} from "../support/snapshotInWasm.js";

let out: string;
let files: string;
let connection: DuckDBConnection;

beforeAll(async () => {
  ({out} = await snapshotOf(demoSource(4000)));
  files = mkdtempSync(join(tmpdir(), "ltv-table-files-"));
  connection = await (await DuckDBInstance.create(":memory:")).connect();
  for (const table of SNAPSHOT_TABLES) {
    const file = join(files, tableDatabaseName(table));
    writeFileSync(file, await tableDatabaseBytes(join(out, `${table}.parquet`), table));
    await connection.run(attachTableSql(table, file));
  }
}, 120_000);
afterAll(() => {
  connection?.closeSync();
  rmSync(files, {recursive: true, force: true});
  rmSync(out, {recursive: true, force: true});
});

const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRowObjectsJS()[0].n);

describe("the table files a page downloads", () => {
  it.each(SNAPSHOT_TABLES)("%s: holds the Parquet's rows, each as often, and no other", async (table) => {
    const parquet = `read_parquet(${sqlLiteral(join(out, `${table}.parquet`))})`;
    // compared as text, so that the customers' kinds (an ENUM in the file) meet the Parquet's text
    const asText = `SELECT COLUMNS(*)::VARCHAR FROM`;
    expect(await count(`SELECT count(*) AS n FROM (${asText} ${table} EXCEPT ALL ${asText} ${parquet})`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM (${asText} ${parquet} EXCEPT ALL ${asText} ${table})`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM ${table}`)).toBe(await count(`SELECT count(*) AS n FROM ${parquet}`));
  });

  it("keeps the customers in order of their orders, then first order date, then id", async () => {
    // in the file's own row order (the page's view of it has no rowid)
    const rows = (await connection.runAndReadAll("SELECT orders, first_order_date::VARCHAR AS first, customer_id FROM customers_file.customers ORDER BY rowid")).getRowObjectsJS();
    expect(rows.length).toBeGreaterThan(1000);
    const key = (r: Record<string, unknown>) => [Number(r.orders), String(r.first), String(r.customer_id)] as const;
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1].localeCompare(y[1]) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
    });
    expect(rows).toEqual(sorted);
    // one-order customers first, and more than one kind of customer in the shop
    expect(Number(rows[0].orders)).toBe(1);
    expect(Number(rows[rows.length - 1].orders)).toBeGreaterThan(1);
  });
});
