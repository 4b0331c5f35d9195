import {SNAPSHOT_TABLES} from "../src/components/schema.js";
import {launchChromium} from "../tests/support/browser.js";
import {serveDist} from "../tests/support/serveDist.js";
import {siteFile} from "./siteFiles.js";
import {timeOwnRuns, WARM, type Summary} from "./stats.js";

/**
 * Times each query in DuckDB-WASM in headless Chromium, the engine and browser a reader's page runs: started, its
 * connection set and its tables' files fetched and attached by the built site's own duckdbBrowser module, as a
 * page's workspace does, then each query up to its answer as an Arrow table in the page, as `workspace.query` gets
 * it (the worker's round trip included). Twice, as wasmNodeTimes does: `first`, after one warm-up run; `warm`
 * (WARM). Each run is timed in the page, without the driver's round trip.
 */
export async function wasmChromiumTimes(site: string, queries: {name: string; sql: string}[], runs: number): Promise<{first: Record<string, Summary>; warm: Record<string, Summary>}> {
  const duckdbBrowser = siteFile(site, "_import/components", "duckdbBrowser", ".js");
  const tables = Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, siteFile(site, "_file/data", t, ".duckdb")]));
  const server = await serveDist(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // any page of the site's origin, so that its modules and files load as the site's own
    await page.goto(`${server.origin}${siteFile(site, "_file/data", "manifest", ".json")}`);
    await page.evaluate(
      async ({duckdbBrowser, tables}) => {
        const {startDuckDB, connectDuckDB, attachTableBlob} = await import(duckdbBrowser);
        const db = await startDuckDB();
        const connection = await connectDuckDB(db);
        for (const [table, href] of Object.entries(tables)) await attachTableBlob(db, connection, table, await (await fetch(href)).blob());
        (window as unknown as TimingWindow).ltvTimeQuery = async (sql: string) => {
          const start = performance.now();
          await connection.query(sql);
          return performance.now() - start;
        };
      },
      {duckdbBrowser, tables}
    );
    const run = (sql: string) => () => page.evaluate((sql) => (window as unknown as TimingWindow).ltvTimeQuery(sql), sql);
    const first: Record<string, Summary> = {};
    const warm: Record<string, Summary> = {};
    for (const {name, sql} of queries) {
      first[name] = await timeOwnRuns(runs, run(sql));
      warm[name] = await timeOwnRuns(runs, run(sql), WARM);
    }
    return {first, warm};
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The page's timing function, set once its engine has the tables. */
interface TimingWindow {
  ltvTimeQuery(sql: string): Promise<number>;
}
