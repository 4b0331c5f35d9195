import {join} from "node:path";
import pg from "pg";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Manifest} from "../../src/components/schema.js";
import {startPostgres, type PostgresServer} from "../support/postgresServer.js";
import {expectedPseudonym, rowSnapshot, writeFixture} from "../support/rowFixtures.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";

// A cart's order lines in a real PostgreSQL server: times with a zone, amounts as numeric, PII alongside
const TABLE = `
CREATE TABLE order_lines_export (
  order_no text, ordered_at timestamptz, member_id text, member_name text, email text,
  sku text, qty integer, price numeric(10, 0), shipping numeric(10, 0), state text
);
INSERT INTO order_lines_export VALUES
  ('P1', '2024-03-01 09:30:00+09', 'M1', '山田 花子', 'hanako@example.jp', 'T', 1, 1000, 0, '発送済み'),
  ('P2', '2024-03-01 15:00:00+00', 'M2', '佐藤 太郎', 'taro@example.jp', 'M', 1, 4980, 600, '発送済み'),
  ('P2', '2024-03-01 15:00:00+00', 'M2', '佐藤 太郎', 'taro@example.jp', 'X', 2, 1800, 600, '発送済み'),
  ('P3', '2024-03-02 10:00:00+09', 'M1', '山田 花子', 'hanako@example.jp', 'M', 1, -4980, 0, '発送済み'),
  ('P4', '2024-03-03 10:00:00+09', NULL, NULL, NULL, 'T', 1, 1000, 0, 'キャンセル');`;

const CONFIG = {
  shop: {name: "PGショップ", name_en: "PG shop"},
  time_zone: "Asia/Tokyo",
  // the session runs in the shop's zone, so to_char gives its wall clock
  query: "SELECT order_no, to_char(ordered_at, 'YYYY-MM-DD HH24:MI:SS') AS ordered_at, member_id, sku, qty, price, shipping, state FROM order_lines_export ORDER BY order_no, sku",
  columns: {order_id: "order_no", ordered_at: "ordered_at", customer_id: "member_id", product_id: "sku", quantity: "qty", unit_price: "price", shipping_fee: "shipping", status: "state"},
  status_values: {completed: ["発送済み"], cancelled: ["キャンセル"], refunded: []},
  max_rejected_ratio: 1
};

let server: PostgresServer;
let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  server = await startPostgres();
  const client = new pg.Client({connectionString: server.url});
  await client.connect();
  await client.query(TABLE);
  await client.end();
  const dir = writeFixture({"postgres.json": JSON.stringify(CONFIG)});
  ({db, manifest} = await rowSnapshot(`postgres:${server.url.replace("ltv@", "ltv:secret-password@")}`, join(dir, "postgres.json")));
}, 60_000);
afterAll(() => {
  db?.close();
  server?.stop();
});

describe("a PostgreSQL source, read from a real server (worked out by hand)", () => {
  it("reads the query's rows through a cursor and accounts for each", () => {
    expect(manifest.rows).toEqual({read: 5, loaded: 3, duplicates: 0, rejected: 2});
    expect(db.rows("SELECT file, row_number, column_name, reason, value FROM rejections ORDER BY row_number")).toEqual([
      {file: "query", row_number: 4, column_name: "price", reason: "negative_amount", value: "-4980"},
      {file: "query", row_number: 5, column_name: "member_id", reason: "missing_customer_id", value: null}
    ]);
  });

  it("converts times to the shop's wall clock and keeps order-level amounts once", () => {
    expect(db.rows("SELECT order_id, customer_id, strftime(ordered_at, '%Y-%m-%d %H:%M') AS at, goods_amount, shipping_fee FROM orders ORDER BY order_id")).toEqual([
      {order_id: "P1", customer_id: expectedPseudonym("M1"), at: "2024-03-01 09:30", goods_amount: 1000, shipping_fee: 0},
      // 15:00 UTC is midnight in Tokyo
      {order_id: "P2", customer_id: expectedPseudonym("M2"), at: "2024-03-02 00:00", goods_amount: 8580, shipping_fee: 600}
    ]);
  });

  it("keeps the password out of the manifest", () => {
    expect(manifest.source.spec).toMatch(/^postgres:postgresql:\/\/ltv@127\.0\.0\.1:\d+\/postgres$/);
    expect(JSON.stringify(manifest)).not.toContain("secret-password");
  });
});
