import type {AsyncDuckDBConnection} from "@duckdb/duckdb-wasm";
import type {Table} from "apache-arrow";
import {tableRows} from "./arrowRows.js";
import {attachTableBlob, connectDuckDB, startDuckDB} from "./duckdbBrowser.js";
import {EngineStart} from "./engineStart.js";
import {errorMessage} from "./errorMessage.js";
import {fetchBlob} from "./fetchBlob.js";
import {t} from "./i18n.js";
import {LoadStatus} from "./loadStatus.js";
import {QueryCache} from "./queryCache.js";
import {decodeShippedAnswers, type AnswerFile, type ShippedAnswers} from "./shippedAnswers.js";
import {queryTimingDetail} from "./queryTiming.js";
import type {Manifest, SnapshotTable} from "./schema.js";
import {MANIFEST_FILE, SNAPSHOT_HREFS} from "./snapshotFiles.js";
import {sqlTemplate} from "./sqlLiteral.js";
import {warmUp} from "./warmUp.js";

/** The snapshot a page queries: its default view from the answers shipped with it, everything else in DuckDB-WASM. */
export interface Workspace {
  manifest: Manifest;
  /**
   * Runs SQL and returns an Arrow table. A query the page shipped an answer for is answered at once, before
   * DuckDB-WASM has started; the same SQL asked again is answered from the first answer (QueryCache).
   */
  query(text: string): Promise<Table>;
  /** Runs SQL (or reuses its answer, as `query`) and returns plain row objects. */
  rows<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /**
   * A computation's value (a model fitted to a query's rows, say): the one shipped with the page under `key`, or
   * `compute()`'s. The key must name all the value depends on (clvView.ts).
   */
  computed<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Tagged template for ```sql cells, run in DuckDB-WASM every time; interpolated values enter as quoted literals. */
  sql(strings: TemplateStringsArray, ...values: unknown[]): Promise<Table>;
}

export interface WorkspaceHandle {
  /** Progress while loading, a summary when ready, a readable error when anything fails. */
  status: HTMLElement;
  /**
   * Resolves once the manifest and the page's shipped answers are in (queries they do not answer wait for
   * DuckDB-WASM and the tables, and fail with its error if it cannot load); if the manifest cannot be read it
   * never settles, and `status` shows the error.
   */
  ready: Promise<Workspace>;
}

const steps = {
  start: {ja: "DuckDB の起動", en: "Starting DuckDB"},
  fetch: {ja: "ファイルの取得", en: "Fetching"},
  attach: {ja: "DuckDB への接続", en: "Attaching to DuckDB"},
  check: {ja: "行数の確認", en: "Checking row counts"},
  manifest: {ja: "manifest.json の読み込み", en: "Reading manifest.json"},
  answers: {
    ja: "既定の集計を読めないため、このページで計算します",
    en: "The default view's answers could not be read; this page computes them"
  },
  elsewhere: {
    ja: "出荷済みの集計を読めないため、このページで計算します",
    en: "Shipped answers could not be read; this page computes them"
  }
};

/** The addresses of a page's shipped answers (shippedAnswers.ts): data/answers/<page>/<file>.arrow. */
export type AnswerFiles = Record<AnswerFile, string>;

/** The answers of one of the page's other answer files, fetched when first asked for. */
type OtherAnswers = (file: Exclude<AnswerFile, "first">) => Promise<Map<string, Table>>;

/**
 * Opens the snapshot for one page: downloads its tables, starts DuckDB-WASM (at once, or once the page's shipped
 * first view is drawn), then attaches them.
 * `answers` are the addresses of the page's shipped answers, when it ships them (FileAttachments' `href`: used
 * bare, a `.arrow` attachment would make Framework fetch Arrow from a CDN).
 */
export function openWorkspace(tables: SnapshotTable[], answers?: AnswerFiles): WorkspaceHandle {
  const started = performance.now();
  const status = new LoadStatus(tables);
  let step = t(steps.start);
  const manifest = MANIFEST_FILE.json() as Promise<Manifest>;
  const start = new EngineStart();
  // a query waiting for the engine fails with the engine's error; `status` shows it once
  const engine = load(tables, manifest, status, started, start.wanted, (next) => (step = next)).catch((error: unknown) => {
    status.fail(step, error);
    throw new Error(`${step}: ${errorMessage(error)}`, {cause: error});
  });
  engine.catch(() => {}); // not every page asks the engine anything
  const shipped = answers ? shippedAnswers(answers.first, manifest, started, status) : Promise.resolve(nothingShipped());
  if (!answers) start.now();
  // each fetched when the page first asks for one of its answers, once
  const fetched: Partial<Record<AnswerFile, Promise<Map<string, Table>>>> = {};
  let answering = 0;
  const otherAnswers: OtherAnswers = (file) => {
    if (!answers) return Promise.resolve(new Map());
    if (!fetched[file]) {
      answering++;
      fetched[file] = otherShippedAnswers(answers[file], manifest, status).finally(() => answering--);
    }
    return fetched[file];
  };
  const ready = Promise.all([manifest, shipped]).then(
    ([snapshot, kept]) => {
      const firstViewShipped = kept.queries.size + kept.computed.size > 0 || [...kept.elsewhere.values()].includes("large");
      if (firstViewShipped) start.onceDrawn(() => answering > 0);
      else start.now();
      return workspace(engine, () => start.forQuery(), snapshot, kept, otherAnswers);
    },
    (error: unknown) => {
      status.fail(t(steps.manifest), error);
      return new Promise<never>(() => {});
    }
  );
  return {status: status.element, ready};
}

/** The page's shipped answers; without them a page still works: it computes its default view once the engine is there. */
async function shippedAnswers(href: string, manifest: Promise<Manifest>, started: number, status: LoadStatus): Promise<ShippedAnswers> {
  try {
    const [file, snapshot] = await Promise.all([fetchBlob(href), manifest]);
    const answers = decodeShippedAnswers(new Uint8Array(await file.arrayBuffer()), snapshot.content_hash);
    performance.measure("ltv:answers", {start: started});
    status.answersShipped();
    return answers;
  } catch (error) {
    status.warn(t(steps.answers), error);
    return nothingShipped();
  }
}

/** The answers of another of the page's files; without them the page computes those itself. */
async function otherShippedAnswers(href: string, manifest: Promise<Manifest>, status: LoadStatus): Promise<Map<string, Table>> {
  try {
    const start = performance.now();
    const [file, snapshot] = await Promise.all([fetchBlob(href), manifest]);
    const {queries} = decodeShippedAnswers(new Uint8Array(await file.arrayBuffer()), snapshot.content_hash);
    performance.measure("ltv:other-answers", {start, detail: href});
    return queries;
  } catch (error) {
    status.warn(t(steps.elsewhere), error);
    return new Map();
  }
}

const nothingShipped = (): ShippedAnswers => ({queries: new Map(), computed: new Map(), warm: [], elsewhere: new Map()});

/** DuckDB-WASM with the page's tables attached and their row counts checked against the manifest. */
async function load(tables: SnapshotTable[], manifest: Promise<Manifest>, status: LoadStatus, started: number, wanted: Promise<void>, onStep: (step: string) => void): Promise<AsyncDuckDBConnection> {
  // every download at once, the engine once it is wanted; the slower sets when a changed setting can be computed
  const database = wanted.then(() => {
    const asked = performance.now();
    return startDuckDB().finally(() => performance.measure("ltv:start-duckdb", {start: asked}));
  });
  const files = tables.map((name) =>
    fetchBlob(SNAPSHOT_HREFS[name], (total) => status.fetching(name, total))
      .then((file) => {
        status.fetched(name, file.size);
        return file;
      })
      .finally(() => performance.measure("ltv:fetch", {start: started, detail: name}))
  );
  files.forEach((file) => file.catch(() => {})); // reported below, in order
  const db = await database;
  const connection = await connectDuckDB(db);
  const rows: Record<string, number> = {};
  for (const [i, name] of tables.entries()) {
    onStep(`${t(steps.fetch)} ${name}`);
    const file = await files[i];
    onStep(`${t(steps.attach)} ${name}`);
    const mark = performance.now();
    await attachTableBlob(db, connection, name, file);
    performance.measure("ltv:attach", {start: mark, detail: name});
    rows[name] = await countRows(connection, name);
    status.loaded(name, rows[name]);
  }
  onStep(t(steps.check));
  const snapshot = await manifest;
  for (const name of tables) {
    if (rows[name] !== snapshot.row_counts[name]) {
      throw new Error(`${name}: ${rows[name]} rows loaded, manifest.json says ${snapshot.row_counts[name]}`);
    }
  }
  status.ready(rows, performance.now() - started, snapshot.currency);
  // User Timing entries: what a reader's dev tools and the benchmark see
  performance.measure("ltv:ready", {start: started});
  return connection;
}

async function countRows(connection: AsyncDuckDBConnection, name: string): Promise<number> {
  const result = await connection.query(`SELECT count(*) AS n FROM "${name}"`);
  return Number(result.get(0)?.n);
}

function workspace(engine: Promise<AsyncDuckDBConnection>, wantEngine: () => void, manifest: Manifest, shipped: ShippedAnswers, otherAnswers: OtherAnswers): Workspace {
  showSnapshotInFooter(manifest);
  const running = new Set<Promise<Table>>();
  const run = async (text: string) => {
    wantEngine();
    const connection = await engine;
    const start = performance.now();
    // with the ltv:query measure at its end, what a reader's dev tools (and the benchmark) see of a query in flight
    performance.mark("ltv:query-start", {detail: queryTimingDetail(text)});
    const result = connection.query(text) as Promise<Table>;
    running.add(result);
    try {
      return await result;
    } finally {
      running.delete(result);
      performance.measure("ltv:query", {start, detail: queryTimingDetail(text)});
    }
  };
  // once the page's own queries are done and the browser is idle with none started meanwhile
  const quiet = async () => {
    do {
      await Promise.allSettled(running);
      await new Promise((resolve) => requestIdleCallback(resolve, {timeout: 1000}));
    } while (running.size > 0);
  };
  engine.then((connection) => warmUp(shipped.warm, (text) => connection.query(text), quiet)).catch(() => {});
  const answer = async (text: string) => {
    const file = shipped.elsewhere.get(text);
    const kept = shipped.queries.get(text) ?? (file ? (await otherAnswers(file)).get(text) : undefined);
    if (!kept) return run(text);
    performance.mark("ltv:answer", {detail: queryTimingDetail(text)});
    return kept;
  };
  // the analyses' queries are kept per SQL text; an analyst's own ```sql cell always runs (it may change things)
  const cache = new QueryCache(answer);
  const query = (text: string) => cache.get(text);
  return {
    manifest,
    query,
    rows: async <T>(text: string) => tableRows<T>(await query(text)),
    computed: async <T>(key: string, compute: () => Promise<T>) => {
      const kept = shipped.computed.get(key);
      if (kept !== undefined) {
        performance.mark("ltv:answer", {detail: queryTimingDetail(key)});
        return JSON.parse(kept) as T;
      }
      const start = performance.now();
      const value = await compute();
      performance.measure("ltv:compute", {start, detail: queryTimingDetail(key)});
      return value;
    },
    sql: (strings, ...values) => run(sqlTemplate(strings, values))
  };
}

/** Every page's footer names the snapshot it shows: as-of date and source fingerprint. */
function showSnapshotInFooter(manifest: Manifest): void {
  const footer = document.getElementById("ltv-footer");
  if (!footer) return;
  const asOf = t({ja: "基準日", en: "As of"});
  const source = t({ja: "ソース", en: "Source"});
  footer.textContent = `${asOf} ${manifest.as_of} · ${source} ${manifest.source.kind} · ${manifest.source.fingerprint}`;
}
