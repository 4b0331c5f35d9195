import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {randomLcg} from "d3";
import iconv from "iconv-lite";
import {beforeAll, describe, expect, it} from "vitest";
import {buildSnapshot} from "../../loaders/snapshot/buildSnapshot.js";
import {openSource} from "../../loaders/sources/openSource.js";
import type {Manifest} from "../../src/components/schema.js";
import {TEST_KEY} from "../support/rowFixtures.js";

const HEADER = "注文番号,注文日時,会員ID,氏名,商品コード,商品名,数量,単価,送料,値引,クーポン,定期,定期回数,対応状況,受注経路,備考";
const CONFIG = {
  shop: {name: "テスト", name_en: "Test"},
  date_format: "%Y/%m/%d %H:%M:%S",
  columns: {order_id: "注文番号", ordered_at: "注文日時", customer_id: "会員ID", product_id: "商品コード", product_name: "商品名", quantity: "数量", unit_price: "単価", shipping_fee: "送料", discount_amount: "値引", coupon_code: "クーポン", subscription: "定期", delivery_number: "定期回数", status: "対応状況", channel: "受注経路"},
  status_values: {completed: ["発送済み"], cancelled: ["キャンセル"], refunded: ["返品"]},
  products: {"TR-001": {kind: "trial"}, "SB-001": {kind: "subscription"}},
  max_rejected_ratio: 1
};

/**
 * A random cart export of two overlapping files: orders of one to three lines with quoted prices, now and then a
 * note with a line break, a padded or full-width cell, and one fault in about one row in thirty (a bad date,
 * price, count or status, an order whose lines disagree, a missing id, and with `widths`, a row of fewer fields or
 * a price "1,980" left unquoted, a field to spare that shifts the rest when the last field is empty).
 */
function exportFiles(seed: number, widths: boolean): [string, string] {
  const random = randomLcg(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const products = [["TR-001", "美容液 トライアルセット", "1,000"], ["SB-001", "美容液 定期便", "3,980"], ["MN-001", "美容液 本品", "4,980"], ["CS-001", "コラーゲンドリンク", "１，５００"]];
  const orders: string[][] = [];
  for (let n = 0; n < 1500; n++) {
    const customer = `M${String(Math.floor(random() * 400)).padStart(4, "0")}`;
    const time = `2024/${String(1 + Math.floor(random() * 12)).padStart(2, "0")}/${String(1 + Math.floor(random() * 28)).padStart(2, "0")} ${String(Math.floor(random() * 24)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}:00`;
    const order = [String(100000 + n), time, pick([customer, customer, ` ${customer}`]), "山田 花子"];
    const tail = [pick(["0", "600"]), pick(["0", "0", "398"]), pick(["", "", "WELCOME10"]), pick(["0", "1"]), pick(["", "1", "2"]), pick(["発送済み", "発送済み", "キャンセル", "返品"]), pick(["Web", "電話"])];
    const lines = Array.from({length: 1 + Math.floor(random() * 3)}, (_, i) => {
      const [code, name, price] = pick(products);
      const cells = [...order, code, name, pick(["1", "1", "2"]), `"${price}"`, ...tail, i === 0 ? pick(["", "", "置き配", '"初回\r\n同梱物希望"']) : ""];
      if (random() < 1 / 30) {
        const fault = Math.floor(random() * (widths ? 8 : 6));
        if (fault === 0) cells[1] = "2024/02/30 10:00:00";
        if (fault === 1) cells[7] = "abc";
        if (fault === 2) cells[6] = "1.5";
        if (fault === 3) cells[13] = "発送準備中";
        if (fault === 4) cells[8] = "999";
        if (fault === 5) cells[0] = "";
        if (fault === 6) cells.pop();
        if (fault === 7) cells[7] = cells[7].replaceAll('"', "").replace("１，５００", "1,500");
      }
      return cells.join(",");
    });
    orders.push(lines);
  }
  // b.csv repeats a.csv's last 300 orders (an overlapping export), then has its own
  const a = orders.slice(0, 1000).flat();
  const b = orders.slice(700).flat();
  return [[HEADER, ...a].join("\r\n") + "\r\n", [HEADER, ...b].join("\r\n") + "\r\n"];
}

/** Snapshots the two files written in `encoding`, the mapping reading that encoding; the manifest and the log. */
async function snapshot(files: [string, string], encoding: string, extra: string) {
  const dir = mkdtempSync(join(tmpdir(), "ltv-readers-"));
  mkdirSync(join(dir, "in"));
  files.forEach((text, i) => writeFileSync(join(dir, "in", i === 0 ? "a.csv" : "b.csv"), iconv.encode(text + extra, encoding)));
  writeFileSync(join(dir, "mapping.json"), JSON.stringify({...CONFIG, encoding}));
  const log: string[] = [];
  const source = await openSource(`csv:${dir}/in/*.csv`, {config: join(dir, "mapping.json")});
  const manifest = await buildSnapshot(source, {out: join(dir, "out"), env: {LTV_PSEUDONYM_KEY: TEST_KEY}, log: (m) => log.push(m)});
  return {manifest, log: log.join("\n")};
}

describe("an export read by DuckDB's CSV reader and by JavaScript", () => {
  const runs: Record<string, {manifest: Manifest; log: string}> = {};
  beforeAll(async () => {
    const files = exportFiles(3, false);
    // an empty line at the end changes no row, but makes a file not plain: JavaScript reads it
    for (const encoding of ["utf-8", "cp932"]) {
      runs[`${encoding} duckdb`] = await snapshot(files, encoding, "");
      runs[`${encoding} javascript`] = await snapshot(files, encoding, "\r\n");
    }
    // rows of other widths: DuckDB's reader refuses the file, or the scan finds a delimiter to spare; JavaScript
    // reads it
    const widths = exportFiles(3, true);
    runs["widths duckdb"] = await snapshot(widths, "utf-8", "");
    runs["widths javascript"] = await snapshot(widths, "utf-8", "\r\n");
    // only a price left unquoted in rows whose last field is empty: DuckDB's reader would drop the field to spare
    const spare = exportFiles(4, false).map((text) => text.replace(/,"(1,000)",(.*),\r\n/, ",$1,$2,\r\n")) as [string, string];
    runs["spare duckdb"] = await snapshot(spare, "utf-8", "");
    runs["spare javascript"] = await snapshot(spare, "utf-8", "\r\n");
  });

  it("is read by the reader it is meant for", () => {
    expect(runs["utf-8 duckdb"].log).toMatch(/a\.csv: [\d,]+ rows read by DuckDB's CSV reader/);
    expect(runs["cp932 duckdb"].log).toMatch(/a\.csv: copying it as UTF-8 for DuckDB's reader[\s\S]*a\.csv: [\d,]+ rows read by DuckDB's CSV reader/);
    for (const key of ["utf-8 javascript", "cp932 javascript", "widths javascript", "spare javascript"]) expect(runs[key].log).toMatch(/a\.csv: read in JavaScript \(an empty line\)/);
    expect(runs["widths duckdb"].log).toMatch(/a\.csv: DuckDB's CSV reader refused it \(.*\); reading it in JavaScript/);
    expect(runs["spare duckdb"].log).toMatch(/a\.csv: read in JavaScript \(a row of another width than the header's 16 fields\)/);
  });

  it("gives the same snapshot, byte for byte, and accounts for every row alike", () => {
    for (const [reference, others, reasons] of [
      ["utf-8 javascript", ["utf-8 duckdb", "cp932 duckdb", "cp932 javascript"], []],
      ["widths javascript", ["widths duckdb"], ["wrong_column_count"]],
      ["spare javascript", ["spare duckdb"], ["wrong_column_count"]]
    ] as const) {
      const expected = runs[reference].manifest;
      // the export has rejections of every kind it was made with, and merged copies
      expect(new Set(expected.rejections.map((r) => r.reason))).toEqual(
        new Set(["impossible_date", "not_a_number", "bad_count", "unknown_status", "conflicting_order", "missing_order_id", "order_incomplete", ...reasons])
      );
      expect(expected.rows.duplicates).toBeGreaterThan(400);
      for (const key of others) {
        const run = runs[key].manifest;
        expect(run.content_hash, key).toBe(expected.content_hash);
        expect(run.rows, key).toEqual(expected.rows);
        expect(run.files, key).toEqual(expected.files);
        expect(run.rejections, key).toEqual(expected.rejections);
      }
    }
  });
});
