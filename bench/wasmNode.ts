import {readFile} from "node:fs/promises";
import {openTablesInWasm} from "../loaders/wasmDuckDB.js";
import type {SnapshotTable} from "../src/components/schema.js";
import {timeRuns, WARM, type Summary} from "./stats.js";

/**
 * Times each query in DuckDB-WASM's Node build (the browser's engine, without a page around it) on a site's table
 * `files` (siteTableFiles), up to its answer as an Arrow table: the same work as native DuckDB on one thread reading
 * every result chunk, so their ratio is the engine's alone. (Making each row a JavaScript object, as `rows` does for
 * a page, is the page's cost, not the engine's: for the CLV page's 470,000-row answer it was most of the time.)
 * Twice: `first`, after one warm-up run, with much of the engine's code still as V8's baseline compiler made it, as
 * in a page's first queries; and `warm` (WARM), once V8 has had two seconds of runs to optimise the code that runs
 * most. The queries run one after another in one engine, so a query's first runs also find code that the queries
 * before it warmed. Node's V8 is older than Chromium's (wasmChromiumTimes).
 */
export async function wasmNodeTimes(files: Record<SnapshotTable, string>, queries: {name: string; sql: string}[], runs: number): Promise<{first: Record<string, Summary>; warm: Record<string, Summary>}> {
  const db = await openTablesInWasm((table) => readFile(files[table]));
  const first: Record<string, Summary> = {};
  const warm: Record<string, Summary> = {};
  for (const {name, sql} of queries) {
    first[name] = await timeRuns(runs, () => db.arrow(sql));
    warm[name] = await timeRuns(runs, () => db.arrow(sql), WARM);
  }
  db.close();
  return {first, warm};
}
