// The benchmark (`npm run bench`; not part of `npm test`). For demo shops of BENCH_SIZES orders (default
// 1,000,000 and 5,000,000): the snapshot's time and memory; each analysis's default SQL in native DuckDB on one
// thread and on all, reading the table files a page downloads, and on one thread from tables in memory; in
// DuckDB-WASM's Node build after one warm-up run and once warm; the built site in headless Chromium: cold page-ready
// (the first answer, shipped or computed), each default view, when DuckDB-WASM has the tables (interactive), when
// the page is done (complete), typical interactions and the renderer's peak memory. Prints medians (min–max) and
// WASM / native ratios (same work; and the page's first, cold query), writes bench/results.json.
import {cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import {ROOT} from "../tests/support/buildSite.js";
import {analysisInteractions, analysisQueries} from "./analysisQueries.js";
import {browserTimes} from "./browser.js";
import {nativeTimes} from "./native.js";
import {measureCommand} from "./processMemory.js";
import {show} from "./stats.js";
import {wasmNodeTimes} from "./wasmNode.js";

const sizes = (process.env.BENCH_SIZES ?? "1000000,5000000").split(",").map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = join(ROOT, ".cache", "bench");
const results: Record<string, unknown> = {};

for (const size of sizes) {
  const label = `${(size / 1e6).toLocaleString("en-US")}M`;
  const dir = join(work, `snapshot-${size}`);
  rmSync(dir, {recursive: true, force: true});
  process.stderr.write(`\n${label} orders: snapshot …\n`);
  const snapshot = await measureCommand(process.execPath, [join(ROOT, "bin/ltv.js"), "snapshot", "--source", `demo:${size}`, "--out", dir]);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const queries = analysisQueries(manifest.as_of);
  process.stderr.write(`native DuckDB …\n`);
  const native1 = await nativeTimes(dir, queries, {threads: 1, tables: "files", runs});
  const nativeAll = await nativeTimes(dir, queries, {threads: availableParallelism(), tables: "files", runs});
  const nativeMemory = await nativeTimes(dir, queries, {threads: 1, tables: "memory", runs});
  process.stderr.write(`DuckDB-WASM in Node …\n`);
  const {first: wasmFirst, warm: wasmWarm} = await wasmNodeTimes(dir, queries, runs);
  process.stderr.write(`building the site …\n`);
  const build = await measureCommand("npm", ["run", "build"], {...process.env, LTV_SOURCE: `demo:${size}`});
  const site = join(work, `site-${size}`);
  rmSync(site, {recursive: true, force: true});
  cpSync(join(ROOT, "dist"), site, {recursive: true});
  process.stderr.write(`Chromium …\n`);
  const browser = await browserTimes(site, queries, analysisInteractions(manifest.as_of), runs);
  const siteData = join(site, "_file", "data");
  const tableFiles = Object.fromEntries(readdirSync(siteData).filter((f) => f.endsWith(".duckdb")).map((f) => [f.split(".")[0], statSync(join(siteData, f)).size]));
  results[label] = {orders: manifest.row_counts.orders, snapshot, build, table_file_bytes: tableFiles, native_1_thread: native1, native_all_threads: nativeAll, native_1_thread_in_memory: nativeMemory, wasm_node_first_runs: wasmFirst, wasm_node_warm: wasmWarm, browser};

  console.log(`\n=== ${label} orders (${manifest.row_counts.orders.toLocaleString("en-US")} orders, ${manifest.row_counts.customers.toLocaleString("en-US")} customers), median (min–max) ms of ${runs} runs`);
  console.log(`snapshot: ${(snapshot.ms / 1000).toFixed(1)} s, peak ${snapshot.peakMiB.toFixed(0)} MiB · site build: ${(build.ms / 1000).toFixed(1)} s`);
  console.log(`table files a page may download: ${Object.entries(tableFiles).map(([table, bytes]) => `${table} ${(bytes / 2 ** 20).toFixed(1)} MiB`).join(", ")}`);
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "—");
  console.log(`${"analysis".padEnd(24)}${"native 1 thread".padEnd(18)}${"native all".padEnd(18)}${"native in memory".padEnd(18)}${"WASM first runs".padEnd(18)}${"first/native1".padEnd(14)}${"WASM warm".padEnd(18)}${"warm/native1".padEnd(14)}${"warm/memory".padEnd(14)}${"page's query".padEnd(18)}${"page/native1".padEnd(14)}${"page ready".padEnd(20)}${"default view".padEnd(20)}${"interactive".padEnd(20)}complete`);
  for (const {name} of queries) {
    const page = browser.pages[name];
    // a page that shipped its answer did not compute it
    const pageQuery = Number.isNaN(page.query.median) ? "shipped" : show(page.query);
    console.log(`${name.padEnd(24)}${show(native1[name]).padEnd(18)}${show(nativeAll[name]).padEnd(18)}${show(nativeMemory[name]).padEnd(18)}${show(wasmFirst[name]).padEnd(18)}${ratio(wasmFirst[name].median, native1[name].median).padEnd(14)}${show(wasmWarm[name]).padEnd(18)}${ratio(wasmWarm[name].median, native1[name].median).padEnd(14)}${ratio(wasmWarm[name].median, nativeMemory[name].median).padEnd(14)}${pageQuery.padEnd(18)}${ratio(page.query.median, native1[name].median).padEnd(14)}${show(page.ready).padEnd(20)}${show(page.view).padEnd(20)}${show(page.interactive).padEnd(20)}${show(page.complete)}`);
  }
  for (const {name} of queries) {
    const p = browser.pages[name];
    console.log(`interactive · ${name}: DuckDB started at ${show(p.startDuckDB)}, files fetched at ${show(p.fetched)}, attached in ${show(p.attach)}`);
  }
  // the browser process holds the Blobs of the table files a page reads (workspace.ts)
  const gib = (mib: number) => `${(mib / 1024).toFixed(2)} GiB`;
  for (const [name, result] of Object.entries(browser.interactions)) console.log(`interaction · ${name}: ${show(result)}, renderer peak ${gib(result.rendererPeakMiB)}`);
  for (const [name, m] of Object.entries(browser.memory)) console.log(`memory · ${name}: renderer peak ${gib(m.renderer)}, browser process at completion ${gib(m.browserProcess)}`);
}
writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
