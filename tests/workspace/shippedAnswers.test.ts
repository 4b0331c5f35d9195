import {tableToIPC} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {defaultViewAnswers} from "../../loaders/shippedAnswers.js";
import {demoSource} from "../../loaders/sources/demoSource.js";
import type {WasmDB} from "../../loaders/wasmDuckDB.js";
import {tableRows} from "../../src/components/arrowRows.js";
import {DEFAULT_VIEWS} from "../../src/components/defaultViews.js";
import type {Manifest} from "../../src/components/schema.js";
import {ANSWER_FILES, decodeShippedAnswers, encodeShippedAnswers, type AnswerFile, type ShippedAnswers} from "../../src/components/shippedAnswers.js";
import {clvHistoriesSql} from "../../src/components/clvInputs.js";
import {fitClv, outlooks} from "../../src/components/clvModel.js";
import {checkClv, splitClvHistories, valueClv} from "../../src/components/clvSummary.js";
import {dayOf, defaultClvSettings, holdoutDays} from "../../src/components/clvView.js";
import {crossSellSql, firstProductSql} from "../../src/components/repeatProducts.js";
import {DEFAULT_ROUTES, routeTreeSql} from "../../src/components/routeTree.js";
import type {Lifetime} from "../../src/components/shiftedBetaGeometric.js";
import {fitSubscriptions, subscriptionFitKey} from "../../src/components/subscriptionProjection.js";
import {subscriptionLifetimesSql} from "../../src/components/subscriptionRetention.js";
import {wasmSnapshot} from "../support/snapshotInWasm.js";

let db: WasmDB;
let manifest: Manifest;

beforeAll(async () => {
  ({db, manifest} = await wasmSnapshot(demoSource(4000)));
}, 120_000);
afterAll(() => db?.close());

/** A page's answer files, read as the page reads them. */
const decodeAll = (files: Record<AnswerFile, Uint8Array>, contentHash: string) =>
  Object.fromEntries(ANSWER_FILES.map((file) => [file, decodeShippedAnswers(files[file], contentHash)])) as Record<AnswerFile, ShippedAnswers>;

/** The first file's keys answered in another file, by file. */
const keysIn = (first: ShippedAnswers, file: AnswerFile) => [...first.elsewhere].filter(([, f]) => f === file).map(([key]) => key);

/** The rows as Arrow's own row proxies give them: what pages read before tableRows. */
const rowsOf = (table: {toArray(): {toJSON(): unknown}[]}) => table.toArray().map((row) => row.toJSON());

describe("the answers a page ships with", () => {
  it.each(Object.keys(DEFAULT_VIEWS))("%s: every default query, answered as DuckDB-WASM answers it when asked again", async (page) => {
    const {first, large, later} = decodeAll(await defaultViewAnswers(page, manifest, db), manifest.content_hash);
    // what the first file says is in another file is there, and nothing else is
    expect([...large.queries.keys()]).toEqual(keysIn(first, "large"));
    expect([...later.queries.keys()]).toEqual(keysIn(first, "later"));
    const queries = new Map([...first.queries, ...large.queries, ...later.queries]);
    expect(queries.size).toBeGreaterThan(0);
    for (const [sql, answer] of queries) {
      expect(rowsOf(answer), sql.slice(0, 80)).toEqual(db.rows(sql));
      expect(answer.schema.fields.map(String)).toEqual(db.arrow(sql).schema.fields.map(String));
    }
    // the demo shop has customers, orders and subscriptions: every page has something to show
    expect([...queries.values()].some((answer) => answer.numRows > 0)).toBe(true);
  });

  it("clv: the fitted models and the figures, as the page computes them from the histories; the histories later", async () => {
    const {first, later} = decodeAll(await defaultViewAnswers("clv", manifest, db), manifest.content_hash);
    const {computed} = first;
    const settings = defaultClvSettings(manifest.as_of);
    const historiesSql = clvHistoriesSql(settings);
    // a new horizon's figures need the histories, the first view does not
    expect([...later.queries.keys()]).toEqual([historiesSql]);
    expect(first.queries.has(historiesSql)).toBe(false);
    expect([...computed.keys()]).toEqual([`fitClv over ${historiesSql}`, `checkClv over ${historiesSql}`, `valueClv {"horizon":52,"discountRate":0.1} over ${historiesSql}`]);
    const {histories, spends} = splitClvHistories(db.rows(historiesSql));
    const {fit} = await fitClv(histories, spends);
    const [shippedFit, shippedCheck, shippedValue] = [...computed.values()].map((json) => JSON.parse(json));
    // doubles come back from JSON exactly
    expect(shippedFit.fit).toEqual(fit);
    const options = {unit: settings.unit, holdoutDays: holdoutDays(settings), calibrationEndDay: dayOf(settings.calibrationEnd), lastDay: dayOf(settings.asOf) - 1};
    expect(shippedCheck).toEqual(checkClv(fit!, histories, options));
    expect(shippedValue).toEqual(valueClv(fit!, histories, outlooks(fit!, settings)));
    expect(shippedValue.customers).toBe(db.rows<{n: number}>(`SELECT count(*)::INTEGER AS n FROM customers WHERE first_order_date <= DATE '${settings.calibrationEnd}'`)[0].n);
  });

  it("subscriptions: the fitted retention model, as the page fits it to the lifetimes", async () => {
    const {first} = decodeAll(await defaultViewAnswers("subscriptions", manifest, db), manifest.content_hash);
    const lifetimes = db.rows<Lifetime>(subscriptionLifetimesSql({asOf: manifest.as_of}));
    expect([...first.computed.keys()]).toEqual([subscriptionFitKey(manifest.as_of)]);
    const shipped = JSON.parse(first.computed.get(subscriptionFitKey(manifest.as_of))!);
    expect(shipped).toEqual(fitSubscriptions(lifetimes));
    expect(shipped.sbg.alpha).toBeGreaterThan(0);
  });

  it("ships the first view's answers over the first file's limit in the large file, those asked later in the later file, and none over the limit", () => {
    // the limits, in bytes of an answer's Arrow stream: 1 MiB and 64 MiB on a site, smaller here
    const limits = {first: 2_000, shipped: 20_000};
    const rows = (n: number) => db.arrow(`SELECT range AS i FROM range(${n})`);
    const answers = [
      {key: "small", answer: rows(10), warm: true},
      {key: "large", answer: rows(1_000), warm: true},
      {key: "asked later", answer: rows(10), later: true},
      {key: "large, asked later", answer: rows(1_000), later: true},
      {key: "too large", answer: rows(10_000)},
      {key: "too large, asked later", answer: rows(10_000), later: true},
      {key: "a value", value: {fit: 1}}
    ];
    // the sizes are on the side of the limits the test means
    const bytes = (n: number) => tableToIPC(rows(n), "stream").byteLength;
    expect([bytes(10) < limits.first, bytes(1_000) > limits.first, bytes(1_000) < limits.shipped, bytes(10_000) > limits.shipped]).toEqual([true, true, true, true]);
    const {first, large, later} = decodeAll(encodeShippedAnswers("abc", answers, limits), "abc");
    expect([...first.queries.keys()]).toEqual(["small"]);
    expect([...first.computed.keys()]).toEqual(["a value"]);
    expect(Object.fromEntries(first.elsewhere)).toEqual({large: "large", "asked later": "later", "large, asked later": "later"});
    expect(first.warm).toEqual(["small", "large"]);
    expect([...large.queries.keys()]).toEqual(["large"]);
    expect([...later.queries.keys()]).toEqual(["asked later", "large, asked later"]);
    expect(tableRows(later.queries.get("large, asked later")!)).toEqual(tableRows(rows(1_000)));
  });

  it("names the queries the page's inputs change, to be run again in the background; not those no input changes", async () => {
    const routes = decodeShippedAnswers((await defaultViewAnswers("routes", manifest, db)).first, manifest.content_hash);
    const options = {asOf: manifest.as_of, windowDays: DEFAULT_ROUTES.windowDays, depth: DEFAULT_ROUTES.depth, ltvMonths: DEFAULT_ROUTES.ltvMonths};
    // the window changes the tree and the first products; the cross-sell pairs (5 s and 600 MB at 5M) never change
    expect(routes.warm).toEqual([routeTreeSql(options), firstProductSql(options)]);
    expect([...routes.queries.keys()]).toContain(crossSellSql({asOf: manifest.as_of}));
    const overview = decodeShippedAnswers((await defaultViewAnswers("index", manifest, db)).first, manifest.content_hash);
    expect(overview.warm).toEqual([]);
  });

  it("refuses answers computed from another snapshot, naming both", () => {
    const files = encodeShippedAnswers("snapshot-a", [{key: "SELECT 1", answer: db.arrow("SELECT 1")}]);
    for (const file of ANSWER_FILES) expect(() => decodeShippedAnswers(files[file], "snapshot-b")).toThrow(/snapshot-a.*snapshot-b/);
  });

  it("names the pages that have a default view when asked for one that has none", async () => {
    await expect(defaultViewAnswers("data", manifest, db)).rejects.toThrow(/no default view for page "data".*rfm/);
  });
});

describe("tableRows: the rows a page reads from an answer, shipped or computed", () => {
  it("gives every page's default queries' rows as Arrow's row proxies do", async () => {
    const asked: string[] = [];
    const ask = async (sql: string) => {
      asked.push(sql);
      return db.rows(sql);
    };
    for (const view of Object.values(DEFAULT_VIEWS)) {
      await view({manifest, ask, computed: (_key, compute) => compute()});
    }
    expect(asked.length).toBeGreaterThan(20);
    for (const sql of asked) expect(tableRows(db.arrow(sql)), sql.slice(0, 80)).toEqual(rowsOf(db.arrow(sql)));
  });

  it("keeps nulls, large whole numbers, decimals, dates, times and text, over several record batches", () => {
    const sql = `
SELECT i::INTEGER AS int, CASE WHEN i % 3 = 0 THEN NULL ELSE i END::INTEGER AS int_or_null, i / 7 AS float,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3 END AS float_or_null, i * 10000000000 AS big, (i / 4)::DECIMAL(10, 2) AS decimal,
  (i % 100)::TINYINT AS tiny, i % 2 = 0 AS even, DATE '2024-01-01' + i::INTEGER AS day, TIMESTAMP '2024-01-01' + to_seconds(i) AS moment,
  CASE WHEN i % 4 = 0 THEN NULL ELSE 'r' || i END AS text, 'kind' || (i % 3) AS kind,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i = 7 THEN '顧客' || i ELSE 'c' || i END AS mostly_ascii,
  -- one to four bytes a character (é, 定期, 🍵: a UTF-16 surrogate pair), empty text, nulls
  CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'café' || i WHEN 3 THEN '定期便🍵' || i ELSE '🍵' END AS multibyte,
  CASE WHEN i % 7 = 0 THEN NULL ELSE DATE '2024-01-01' - i::INTEGER END AS day_or_null
FROM range(5000) t(i)`;
    const table = db.arrow(sql);
    expect(table.batches.length).toBeGreaterThan(1);
    const rows = tableRows<Record<string, unknown>>(table);
    expect(rows).toEqual(rowsOf(db.arrow(sql)));
    // a slice's batches start inside their buffers
    expect(tableRows(table.slice(1000, 4500))).toEqual(rowsOf(table.slice(1000, 4500)));
    expect(rows[3]).toMatchObject({int: 3, int_or_null: null, big: 30000000000, decimal: 0.75, moment: Date.UTC(2024, 0, 1, 0, 0, 3), text: "r3", even: false});
    expect(rows[7]).toMatchObject({mostly_ascii: "顧客7", day_or_null: null, day: Date.UTC(2024, 0, 8)});
    expect(rows[8]).toMatchObject({mostly_ascii: "c8", day_or_null: Date.UTC(2023, 11, 24), multibyte: "定期便🍵8"});
    expect(rows.slice(0, 5).map((r) => r.multibyte)).toEqual([null, "", "café2", "定期便🍵3", "🍵"]);
  });
});
