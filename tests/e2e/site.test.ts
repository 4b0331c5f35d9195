import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {clvHistoriesSql} from "../../src/components/clvInputs.js";
import {defaultClvSettings} from "../../src/components/clvView.js";
import {DEFAULT_VIEWS} from "../../src/components/defaultViews.js";
import {queryTimingDetail} from "../../src/components/queryTiming.js";
import type {Manifest} from "../../src/components/schema.js";
import {ANSWER_FILES, decodeShippedAnswers} from "../../src/components/shippedAnswers.js";
import {COMPILE_HINT, EAGER_PACKAGES, packageBundles} from "../../loaders/site/compileHints.js";
import {launchChromium} from "../support/browser.js";
import {buildSite} from "../support/buildSite.js";
import {serveDist} from "../support/serveDist.js";
import {visitPage, type Visit} from "../support/visitPage.js";

let dist: string;
let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let manifest: Manifest;

beforeAll(async () => {
  dist = buildSite();
  manifest = JSON.parse(readFileSync(join(dist, "_file/data", manifestName()), "utf8"));
  server = await serveDist(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function manifestName(): string {
  const name = readdirSync(join(dist, "_file/data")).find((f) => /^manifest\.[0-9a-f]+\.json$/.test(f));
  if (!name) throw new Error("dist/_file/data has no manifest.json");
  return name;
}

/** Every page of the built site, as a path. */
function pages(): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => (f === "index.html" ? "/" : `/${f.replace(/\.html$/, "")}`));
}

/** Opens a page of the built site and waits until it has nothing left to compute. */
function visit(path: string, query = ""): Promise<Visit> {
  return visitPage(browser, server.origin, path, query);
}

/** The page's User Timing entries (workspace.ts). */
function timings(page: Page): Promise<{name: string; start: number; duration: number; detail: unknown}[]> {
  return page.evaluate(() => performance.getEntries().map((e) => ({name: e.name, start: e.startTime, duration: e.duration, detail: (e as PerformanceMark).detail})));
}

/** When the page asked DuckDB-WASM to start (ms from navigation). */
function engineAsked(entries: Awaited<ReturnType<typeof timings>>): number {
  const started = entries.filter((e) => e.name === "ltv:start-duckdb");
  expect(started).toHaveLength(1);
  return started[0].start;
}

/** The CLV page's card of predicted value over the horizon. */
const valueCard = (page: Page) => page.locator(".grid-cols-3 .card").nth(2);

/** Sets the CLV page's horizon and returns the value card once it shows the new horizon. */
async function changeHorizon(page: Page, weeks: number): Promise<string> {
  const horizon = page.locator("input[type=number]").first();
  await horizon.fill(String(weeks));
  await horizon.dispatchEvent("input");
  await expect.poll(() => valueCard(page).textContent(), {timeout: 30_000}).toContain(`今後${weeks}週の予測売上`);
  return (await valueCard(page).textContent())!;
}

const yen = (text: string | null) => Number(text!.match(/￥([\d,]+)/)![1].replaceAll(",", ""));

describe("the built site", () => {
  it("has the home page, every analysis page and the Data page", () => {
    expect(pages()).toEqual(expect.arrayContaining(["/", "/clv", "/data", "/ltv-curve", "/repurchase", "/rfm", "/routes", "/segments", "/quality", "/shipping", "/subscriptions"]));
  });

  it("opens every page with its snapshot loaded, no error, and no request to another origin", async () => {
    for (const path of pages()) {
      const {page, foreign, errors} = await visit(path);
      expect.soft(foreign, `${path}: requests to other origins`).toEqual([]);
      expect.soft(errors, `${path}: errors`).toEqual([]);
      expect.soft(await page.getAttribute(".ltv-status", "data-state"), `${path}: load state`).toBe("ready");
      expect.soft(await page.locator(".observablehq--error").count(), `${path}: Framework error cells`).toBe(0);
      // a page may still be fitting a model in slices after Framework's cells have settled
      const content = page.locator("#observablehq-main svg, #observablehq-main table");
      await content.first().waitFor({timeout: 30_000}).catch(() => {});
      expect.soft(await content.count(), `${path}: content`).toBeGreaterThan(0);
      expect.soft(await page.textContent("#ltv-footer"), `${path}: footer`).toContain(manifest.as_of);
      expect.soft(await page.getAttribute("html", "lang"), `${path}: language`).toBe("ja");
      await page.close();
    }
  }, 240_000);

  it("marks the chart libraries' bundles for eager compilation (loaders/site/compileHints.ts)", () => {
    for (const name of EAGER_PACKAGES) {
      const bundles = packageBundles(dist, name);
      expect(bundles.length, name).toBeGreaterThan(0);
      for (const file of bundles) expect(readFileSync(file, "utf8").startsWith(COMPILE_HINT), file).toBe(true);
    }
  });

  it("shows the snapshot's customer count on the home page, in yen and Japanese by default", async () => {
    const {page} = await visit("/");
    const text = await page.textContent("#observablehq-main");
    expect(text).toContain("顧客数");
    expect(text).toContain(manifest.row_counts.customers.toLocaleString("en-US"));
    expect(text).toMatch(/[¥￥][\d,]+/);
    await page.close();
  });

  it("switches to English with ?lang=en", async () => {
    const {page} = await visit("/", "?lang=en");
    const text = await page.textContent("#observablehq-main");
    expect(text).toContain("Customers");
    expect(text).not.toContain("顧客数");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.close();
  });

  it("runs the Data page's SQL cell against the snapshot", async () => {
    const {page} = await visit("/data");
    // it ships no answers: DuckDB-WASM starts as the page opens, while its tables download
    const entries = await timings(page);
    expect(engineAsked(entries)).toBeLessThan(Math.min(...entries.filter((e) => e.name === "ltv:fetch").map((e) => e.start + e.duration)));
    // The example groups customers by first-order kind: one result row per kind present in the snapshot.
    const rows = await page.locator("form table tbody tr").count();
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(await page.textContent("form table")).toContain("trial");
    await page.close();
  });

  it("shows a readable error in the page when a snapshot file cannot be fetched", async () => {
    const broken = await serveDist(dist, /customers\.[0-9a-f]+\.duckdb$/);
    const page = await browser.newPage();
    await page.goto(`${broken.origin}/`);
    const status = page.locator('.ltv-status[data-state="error"]');
    await status.waitFor({timeout: 30_000});
    const text = await status.textContent();
    expect(text).toContain("スナップショットを読み込めませんでした");
    expect(text).toMatch(/customers\.[0-9a-f]+\.duckdb: HTTP 404/);
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    await page.close();
    await broken.close();
  });

  it("draws each page's default view from the answers shipped with it, using every one its first view asks", async () => {
    const folder = join(dist, "_file/data/answers");
    const names = readdirSync(folder);
    expect(names.sort()).toEqual(Object.keys(DEFAULT_VIEWS).sort());
    for (const name of names) {
      const files = readdirSync(join(folder, name));
      const [first, large, later] = ANSWER_FILES.map((file) => files.find((f) => f.startsWith(`${file}.`)));
      expect([first, large, later].every(Boolean), `${name}: ${files.join(", ")}`).toBe(true);
      const {queries, computed: values, elsewhere} = decodeShippedAnswers(readFileSync(join(folder, name, first!)), manifest.content_hash);
      // the first view's answers too large for the first file are in the large one; the later ones follow a change
      const largeOnes = [...elsewhere].filter(([, file]) => file === "large").map(([sql]) => sql);
      const {page} = await visit(name === "index" ? "/" : `/${name}`);
      const entries = await timings(page);
      const answered = entries.filter((e) => e.name === "ltv:answer").map((e) => e.detail);
      const computed = entries.filter((e) => ["ltv:query", "ltv:compute"].includes(e.name)).map((e) => e.detail);
      const firstView = [...queries.keys(), ...values.keys(), ...largeOnes];
      for (const sql of firstView) {
        // a default query the page words differently from defaultViews.ts would be computed instead
        expect.soft(answered, `${name}: ${sql.slice(0, 80)}`).toContain(queryTimingDetail(sql));
        expect.soft(computed, `${name}: computed although shipped`).not.toContain(queryTimingDetail(sql));
      }
      // the engine starts once the first view is drawn from them, not beside it
      const used = entries.filter((e) => e.name === "ltv:answer" && firstView.some((sql) => e.detail === queryTimingDetail(sql)));
      expect.soft(engineAsked(entries), `${name}: DuckDB-WASM started before the first view's answers were used`).toBeGreaterThan(Math.max(...used.map((e) => e.start)));
      await page.close();
    }
  }, 240_000);

  it("computes a page's default view itself, and says why, when its shipped answers cannot be fetched", async () => {
    const broken = await serveDist(dist, /answers\/rfm\/first\.[0-9a-f]+\.arrow$/);
    const page = await browser.newPage();
    await page.goto(`${broken.origin}/rfm`);
    await page.locator('.ltv-status[data-state="ready"]').waitFor({timeout: 30_000});
    expect(await page.locator(".ltv-status").textContent()).toMatch(/既定の集計を読めないため、このページで計算します: .*rfm\/first\.[0-9a-f]+\.arrow: HTTP 404/);
    await expect.poll(() => page.locator('g[aria-label="cell"] rect').count()).toBe(36);
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    await page.close();
    await broken.close();
  });

  it("shows the CLV page's shipped fit and figures as the page computes them itself", async () => {
    // what a reader sees of the models and the figures: the cards (less the fit's time, which is where it ran) and the segment table
    const figures = async (origin: string) => {
      const page = await browser.newPage();
      await page.goto(`${origin}/clv`);
      const cards = page.locator(".grid-cols-3 .card");
      await expect.poll(() => cards.count(), {timeout: 60_000}).toBe(3);
      const table = page.locator("table").filter({hasText: "ライフサイクル"});
      await expect.poll(() => table.locator("tbody tr").count(), {timeout: 60_000}).toBe(6);
      const text = [...(await cards.allTextContents()), await table.textContent()].map((s) => s!.replace(/当てはめ [\d.]+ 秒/, ""));
      await page.close();
      return text;
    };
    const broken = await serveDist(dist, /answers\/clv\/first\.[0-9a-f]+\.arrow$/);
    const shipped = await figures(server.origin);
    expect(shipped.join(" ")).toMatch(/r \d+\.\d{2} · α/);
    expect(await figures(broken.origin)).toEqual(shipped);
    await broken.close();
  }, 120_000);

  it("recomputes the shipping sweep when the analyst types other thresholds", async () => {
    const {page, errors} = await visit("/shipping");
    const table = page.locator("form table").filter({hasText: "上乗せ候補"});
    await expect.poll(() => table.locator("tbody tr").count()).toBe(17); // 2,000 to 10,000 by 500
    const input = page.locator("input[type=text]").first();
    await input.fill("4000:6000:1000");
    await input.dispatchEvent("input");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(3);
    expect(await table.locator("tbody tr").first().textContent()).toContain("4,000");
    expect(await page.textContent("#observablehq-main")).toContain("前提: ラインの手前 20.0% 以内の注文のうち 30.0%");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists an RFM cell's customers, with a CSV download, when the cell is clicked", async () => {
    const {page, errors} = await visit("/rfm");
    await expect.poll(() => page.locator('g[aria-label="cell"] rect').count(), {timeout: 15_000}).toBe(36);
    // click where the cell is drawn, as a mouse would (its label sits on top of it)
    const box = (await page.locator('g[aria-label="cell"] rect').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const link = page.locator("a[download]");
    await link.waitFor();
    expect(await link.getAttribute("download")).toBe("rfm-r1-f1.csv");
    const shown = await page.locator("form table tbody tr").count();
    expect(shown).toBeGreaterThan(0);
    // the CSV is written on the click: every customer of the cell, under a header, with a BOM for spreadsheets
    const listed = Number((await link.locator("xpath=..").textContent())!.match(/([\d,]+) 人/)![1].replaceAll(",", ""));
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("rfm-r1-f1.csv");
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.startsWith("\ufeffcustomer_id,last_order_date,orders,revenue,first_product_id,first_product\n")).toBe(true);
    expect(csv.trimEnd().split("\n")).toHaveLength(listed + 1);
    expect(listed).toBeGreaterThanOrEqual(shown);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches the segment scheme to CPM and shows its ten classes", async () => {
    const {page, errors} = await visit("/segments");
    // the first segment's customers, computed once DuckDB has loaded (not a shipped answer)
    await expect.poll(() => page.locator("a[download='segment-lifecycle-new.csv']").count(), {timeout: 15_000}).toBe(1);
    await page.locator("select").first().selectOption({index: 2});
    await expect.poll(() => page.textContent("#observablehq-main")).toContain("コツコツ現役");
    // the chart is drawn by resize() a frame after the table's text is there: wait for the chart itself
    await expect.poll(() => page.locator('g[aria-label="fy-axis tick label"] text').count()).toBe(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the route tree with every node labelled, and shows the Japanese names of the kinds", async () => {
    const {page, errors} = await visit("/routes");
    const labels = page.locator(".card svg text");
    // the root, 4 first-order kinds, and at least their children
    await expect.poll(() => labels.count(), {timeout: 15_000}).toBeGreaterThan(20);
    const text = await page.textContent(".card svg");
    for (const name of ["全顧客", "トライアル", "定期", "期間内の購入なし", "観察中"]) expect(text).toContain(name);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits the retention model to the demo's subscriptions and draws its projection", async () => {
    const {page, errors} = await visit("/subscriptions");
    await expect.poll(() => page.textContent("#observablehq-main"), {timeout: 15_000}).toMatch(/α \d\.\d{3} · β \d\.\d{3}/);
    expect(await page.textContent("#observablehq-main")).toContain("sBGモデルの予測");
    // the list may render a moment after the fitted figures
    await expect.poll(() => page.locator("a[download='churn-watch.csv']").count(), {timeout: 15_000}).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits BG/NBD in the page and checks it against the holdout", async () => {
    const {page, errors} = await visit("/clv");
    await expect.poll(() => page.textContent("#observablehq-main"), {timeout: 20_000}).toMatch(/r \d+\.\d{2} · α \d+\.\d{2} · a \d+\.\d{2} · b \d+\.\d{2}/);
    const text = await page.textContent("#observablehq-main");
    expect(text).toContain("較正期間の終わり");
    // the list may render a moment after the fitted figures
    await expect.poll(() => page.locator("a[download='churn-risk.csv']").count(), {timeout: 15_000}).toBe(1);
    // the segment table reads from the segment's name
    const segments = page.locator("table").filter({hasText: "予測購入回数"});
    const texts = async (cells: string) => (await segments.locator(cells).allTextContents()).filter((text) => text.trim() !== "");
    expect((await texts("thead th"))[0]).toBe("ライフサイクル");
    expect((await texts("tbody tr:first-child td"))[0]).toBe("新規顧客");
    // a new horizon: the histories the shipped view did not need come from the later answers (not DuckDB-WASM), and
    // the figures are computed from them
    const yearAhead = await valueCard(page).textContent();
    expect(yearAhead).toContain("今後52週の予測売上");
    // the check of the fit does not depend on the horizon: its charts stay as they were drawn
    const checkCharts = await page.locator("figure").filter({hasText: /P\(alive\)|累計リピート購入日数|検証期間の平均/}).elementHandles();
    expect(checkCharts).toHaveLength(3);
    const halfYear = await changeHorizon(page, 26);
    for (const chart of checkCharts) expect(await chart.evaluate((element) => element.isConnected)).toBe(true);
    expect(yen(halfYear)).toBeLessThan(yen(yearAhead));
    expect(yen(halfYear)).toBeGreaterThan(0);
    const histories = queryTimingDetail(clvHistoriesSql(defaultClvSettings(manifest.as_of)));
    const entries = await page.evaluate(() => performance.getEntries().map((e) => ({name: e.name, detail: (e as PerformanceMark).detail})));
    expect(entries.filter((e) => e.name === "ltv:answer").map((e) => e.detail)).toContainEqual(histories);
    expect(entries.filter((e) => e.name === "ltv:query").map((e) => e.detail)).not.toContainEqual(histories);
    expect(entries.map((e) => e.name)).toContain("ltv:other-answers");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("computes the CLV histories itself, and says why, when the later answers cannot be fetched", async () => {
    const figures = async (origin: string) => {
      const page = await browser.newPage();
      await page.goto(`${origin}/clv`);
      await expect.poll(() => valueCard(page).textContent(), {timeout: 60_000}).toContain("今後52週の予測売上");
      const card = await changeHorizon(page, 26);
      const status = await page.locator(".ltv-status").textContent();
      await page.close();
      return {card, status};
    };
    const broken = await serveDist(dist, /answers\/clv\/later\.[0-9a-f]+\.arrow$/);
    const shipped = await figures(server.origin);
    const computed = await figures(broken.origin);
    expect(computed.card).toBe(shipped.card);
    expect(computed.status).toMatch(/出荷済みの集計を読めないため、このページで計算します: .*clv\/later\.[0-9a-f]+\.arrow: HTTP 404/);
    expect(shipped.status).not.toContain("出荷済みの集計を読めない");
    await broken.close();
  }, 120_000);
});
