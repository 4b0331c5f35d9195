import {readdirSync, readFileSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import iconv from "iconv-lite";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {SNAPSHOT_TABLES} from "../../src/components/schema.js";
import {launchChromium} from "../support/browser.js";
import {buildSiteCopy, ROOT} from "../support/buildSite.js";
import {expectedPseudonym, TEST_KEY, writeFixture} from "../support/rowFixtures.js";
import {serveDist} from "../support/serveDist.js";
import {visitPage} from "../support/visitPage.js";
import {openWasmDuckDB} from "../../loaders/wasmDuckDB.js";

// Distinctive personal data in a Shift_JIS cart export, in the columns a cart really has
const PII = {
  member: "MEMBER-PII-7731",
  name: "秘密野 ピーアイ子",
  email: "pii.probe.7731@example.invalid",
  phone: "090-7731-7731",
  address: "東京都千代田区ピーアイアイ町7-7-31",
  note: "再配達は7731号室の秘密野まで"
};
const HEADER = "注文番号,注文日時,会員ID,氏名,メールアドレス,電話番号,住所,商品コード,商品名,数量,単価,送料,値引,クーポン,定期,定期回数,対応状況,受注経路,備考";
const person = `${PII.member},${PII.name},${PII.email},${PII.phone},${PII.address}`;
const ROWS = [
  `9001,2024/01/05 10:00:00,${person},TR-777,プライバシー検証用美容液,1,1000,0,0,,0,,発送済み,Web,"${PII.note}"`,
  `9002,2024/02/05 10:00:00,${person},SB-001,美容液 定期便,1,3980,0,0,,1,1,発送済み,Web,`,
  // a rejected row carries the same person: the rejected list must not
  `9003,2024/02/30 10:00:00,${person},SB-001,美容液 定期便,1,3980,0,0,,1,2,発送済み,Web,"${PII.note}"`,
  ...Array.from({length: 60}, (_, i) => `${9100 + i},2024/03/${String((i % 28) + 1).padStart(2, "0")} 12:00:00,M${i},顧客${i},c${i}@example.jp,000-0000-0000,どこか,TR-001,美容液 トライアルセット,1,1000,0,0,,0,,発送済み,Web,`)
];

let dist: string;
let browser: Browser;

beforeAll(async () => {
  const dir = writeFixture({
    "orders.csv": iconv.encode([HEADER, ...ROWS].join("\r\n") + "\r\n", "cp932"),
    "cart.json": JSON.stringify({...JSON.parse(readFileSync(join(ROOT, "data/sources/cart-ja.config.json"), "utf8")), max_rejected_ratio: 0.05})
  });
  dist = buildSiteCopy({LTV_SOURCE: `csv:${join(dir, "orders.csv")}`, LTV_SOURCE_CONFIG: join(dir, "cart.json"), LTV_PSEUDONYM_KEY: TEST_KEY});
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: "utf8"}).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

describe("a site built from an export with personal data", () => {
  it("has no byte of a name, e-mail, phone, address, note or shop customer id anywhere in dist/, even inside the compressed table files", async () => {
    const files = filesUnder(dist);
    const needles = Object.values(PII).flatMap((text) => [Buffer.from(text, "utf8"), iconv.encode(text, "cp932")]);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds ${needle}`).toBe(false);
    }
    // The table files compress their strings: attach each as a page does, read every value back and look again,
    // and see that the scan sees data
    const db = await openWasmDuckDB();
    const tables = files.filter((f) => f.endsWith(".duckdb"));
    expect(tables.length).toBe(SNAPSHOT_TABLES.length);
    let text = "";
    for (const table of SNAPSHOT_TABLES) {
      const file = tables.find((f) => basename(f).startsWith(`${table}.`));
      expect(file, table).toBeDefined();
      db.attachTable(table, readFileSync(file!));
      text += JSON.stringify(db.rows(`SELECT * FROM ${table}`));
    }
    db.close();
    for (const value of Object.values(PII)) expect(text.includes(value), value).toBe(false);
    // what the scan reads is the snapshot: the product, the pseudonym and the rejection are there
    for (const value of ["プライバシー検証用美容液", expectedPseudonym(PII.member), "impossible_date"]) expect(text.includes(value), value).toBe(true);
  });

  it("shows the data quality page with the rejected row, and the rest of the site loads", async () => {
    const server = await serveDist(dist);
    try {
      const {page, foreign, errors} = await visitPage(browser, server.origin, "/quality", "", "test-results/privacy");
      const table = await page.locator("table").allTextContents();
      expect(table.join(" ")).toContain("存在しない日時");
      expect(table.join(" ")).toContain("orders.csv");
      expect(await page.locator(".ltv-big").allTextContents()).toEqual(["63", "62", "0", "1"]);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
      for (const path of ["/", "/rfm", "/routes"]) {
        const visit = await visitPage(browser, server.origin, path, "", "test-results/privacy");
        expect(visit.errors).toEqual([]);
        await visit.page.close();
      }
    } finally {
      await server.close();
    }
  });
});
