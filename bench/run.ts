// The benchmark (`npm run bench`; not part of `npm test`). For demo shops of BENCH_SIZES orders (default
// 1,000,000 and 5,000,000): the snapshot's time and memory and the site build's; each analysis's default SQL on the
// table files the built site's pages download, in native DuckDB on one thread and on all (and on one thread from
// tables in memory), in DuckDB-WASM's Node build and in DuckDB-WASM in headless Chromium, after one warm-up run and
// once warm; the built site's pages in Chromium: cold page-ready (the first answer, shipped or computed), each
// default view, when DuckDB-WASM has the tables (interactive), when the page is done (complete), typical
// interactions and the renderer's peak memory. Prints medians (min–max) and WASM ÷ native ratios for the same work,
// writes bench/results.json.
import {cpSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import {ROOT} from "../tests/support/buildSite.js";
import {analysisInteractions, analysisQueries} from "./analysisQueries.js";
import {browserTimes} from "./browser.js";
import {nativeTimes} from "./native.js";
import {measureCommand} from "./processMemory.js";
import {siteFile, siteTableFiles} from "./siteFiles.js";
import {show, type Summary} from "./stats.js";
import {wasmChromiumTimes} from "./wasmChromium.js";
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
  process.stderr.write(`building the site …\n`);
  const build = await measureCommand("npm", ["run", "build"], {...process.env, LTV_SOURCE: `demo:${size}`});
  const site = join(work, `site-${size}`);
  rmSync(site, {recursive: true, force: true});
  cpSync(join(ROOT, "dist"), site, {recursive: true});
  // every engine reads the table files the site's pages download; native in memory reads the snapshot above, which
  // must hold the same rows (an LTV_AS_OF or LTV_TZ in the environment would reach the site build only)
  const siteManifest = JSON.parse(readFileSync(join(site, siteFile(site, "_file/data", "manifest", ".json")), "utf8"));
  if (siteManifest.content_hash !== manifest.content_hash) throw new Error(`${label}: the site's snapshot (${siteManifest.content_hash}) is not the benchmark's (${manifest.content_hash})`);
  const files = siteTableFiles(site);
  process.stderr.write(`native DuckDB …\n`);
  const native1 = await nativeTimes({files}, queries, {threads: 1, runs});
  const nativeAll = await nativeTimes({files}, queries, {threads: availableParallelism(), runs});
  const nativeMemory = await nativeTimes({parquet: dir}, queries, {threads: 1, runs});
  process.stderr.write(`DuckDB-WASM in Node, then in Chromium …\n`);
  const wasmNode = await wasmNodeTimes(files, queries, runs);
  const wasmChromium = await wasmChromiumTimes(site, queries, runs);
  process.stderr.write(`Chromium, the site's pages …\n`);
  const browser = await browserTimes(site, queries, analysisInteractions(manifest.as_of), runs);
  const tableFiles = Object.fromEntries(Object.entries(files).map(([table, file]) => [table, statSync(file).size]));
  results[label] = {orders: manifest.row_counts.orders, snapshot, build, table_file_bytes: tableFiles, native_1_thread: native1, native_all_threads: nativeAll, native_1_thread_in_memory: nativeMemory, wasm_node_first_runs: wasmNode.first, wasm_node_warm: wasmNode.warm, wasm_chromium_first_runs: wasmChromium.first, wasm_chromium_warm: wasmChromium.warm, browser};

  console.log(`\n=== ${label} orders (${manifest.row_counts.orders.toLocaleString("en-US")} orders, ${manifest.row_counts.customers.toLocaleString("en-US")} customers), median (min–max) ms of ${runs} runs (the engines' warm figures: of at least a second of runs, at most 200)`);
  console.log(`snapshot: ${(snapshot.ms / 1000).toFixed(1)} s, peak ${snapshot.peakMiB.toFixed(0)} MiB · site build: ${(build.ms / 1000).toFixed(1)} s`);
  console.log(`table files a page may download: ${Object.entries(tableFiles).map(([table, bytes]) => `${table} ${(bytes / 2 ** 20).toFixed(1)} MiB`).join(", ")}`);
  const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "—");
  // a page that shipped its answer did not compute it
  const pageQuery = (s: Summary) => (Number.isNaN(s.median) ? "shipped" : show(s));
  const columns: [string, number, (name: string) => string][] = [
    ["native 1 thread", 24, (n) => show(native1[n], 1)],
    ["native all", 24, (n) => show(nativeAll[n], 1)],
    ["native in memory", 24, (n) => show(nativeMemory[n], 1)],
    ["Node WASM warm", 24, (n) => show(wasmNode.warm[n], 1)],
    ["÷ native1", 11, (n) => ratio(wasmNode.warm[n].median, native1[n].median)],
    ["Chromium first", 24, (n) => show(wasmChromium.first[n], 1)],
    ["÷ native1", 11, (n) => ratio(wasmChromium.first[n].median, native1[n].median)],
    ["Chromium warm", 24, (n) => show(wasmChromium.warm[n], 1)],
    ["÷ native1", 11, (n) => ratio(wasmChromium.warm[n].median, native1[n].median)],
    ["÷ memory", 11, (n) => ratio(wasmChromium.warm[n].median, nativeMemory[n].median)],
    ["page's query", 18, (n) => pageQuery(browser.pages[n].query)],
    ["page ready", 20, (n) => show(browser.pages[n].ready)],
    ["default view", 20, (n) => show(browser.pages[n].view)],
    ["interactive", 20, (n) => show(browser.pages[n].interactive)],
    ["complete", 0, (n) => show(browser.pages[n].complete)]
  ];
  console.log(["analysis".padEnd(24), ...columns.map(([title, width]) => title.padEnd(width))].join(""));
  for (const {name} of queries) console.log([name.padEnd(24), ...columns.map(([, width, cell]) => cell(name).padEnd(width))].join(""));
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
