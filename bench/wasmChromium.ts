import {SNAPSHOT_TABLES} from "../src/components/schema.js";
import {launchChromium} from "../tests/support/browser.js";
import {serveDist} from "../tests/support/serveDist.js";
import {siteFile} from "./siteFiles.js";
import {timeOwnRuns, WARM, type Summary} from "./stats.js";

/**
 * Times each query in DuckDB-WASM in headless Chromium, the engine and browser a reader's page runs: started, its
 * tables' files fetched, registered and attached, and its connection set, by the built site's own modules
 * (duckdbBrowser, tableDatabase, engineSettings), then each query up to its answer as an Arrow table in the page,
 * as `workspace.query` gets it (the worker's round trip included). Twice, as wasmNodeTimes does: `first`, after one
 * warm-up run; `warm` (WARM). Each run is timed in the page, without the driver's round trip.
 */
export async function wasmChromiumTimes(site: string, queries: {name: string; sql: string}[], runs: number): Promise<{first: Record<string, Summary>; warm: Record<string, Summary>}> {
  const modules = Object.fromEntries(["duckdbBrowser", "tableDatabase", "engineSettings"].map((m) => [m, siteFile(site, "_import/components", m, ".js")]));
  const tables = Object.fromEntries(SNAPSHOT_TABLES.map((t) => [t, siteFile(site, "_file/data", t, ".duckdb")]));
  const server = await serveDist(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // any page of the site's origin, so that its modules and files load as the site's own
    await page.goto(`${server.origin}${siteFile(site, "_file/data", "manifest", ".json")}`);
    await page.evaluate(
      async ({modules, tables}) => {
        const [{startDuckDB, registerBlob}, {attachTableSql, tableDatabaseName}, {ENGINE_SETTINGS_SQL}] = await Promise.all([import(modules.duckdbBrowser), import(modules.tableDatabase), import(modules.engineSettings)]);
        const db = await startDuckDB();
        const connection = await db.connect();
        await connection.query(ENGINE_SETTINGS_SQL);
        for (const [table, href] of Object.entries(tables)) {
          await registerBlob(db, tableDatabaseName(table), await (await fetch(href)).blob());
          await connection.query(attachTableSql(table, tableDatabaseName(table)));
        }
        (window as unknown as {ltvTimeQuery(sql: string): Promise<number>}).ltvTimeQuery = async (sql: string) => {
          const start = performance.now();
          await connection.query(sql);
          return performance.now() - start;
        };
      },
      {modules, tables}
    );
    const run = (sql: string) => () => page.evaluate((sql) => (window as unknown as {ltvTimeQuery(sql: string): Promise<number>}).ltvTimeQuery(sql), sql);
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
