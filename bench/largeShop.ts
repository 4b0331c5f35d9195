// npm run bench:large — does a shop of BENCH_LARGE_ORDERS orders (default 20,000,000) still open and work? Builds
// its site (the snapshot included), then opens every analysis page once, cold, in headless Chromium and tries
// each typical interaction once: page-ready, the page's first query, the default view, the renderer's peak
// memory, or the error a page shows. Writes bench/large-results.json (git-ignored).
import {cpSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {launchChromium} from "../tests/support/browser.js";
import {ROOT} from "../tests/support/buildSite.js";
import {serveDist} from "../tests/support/serveDist.js";
import {analysisInteractions, analysisQueries} from "./analysisQueries.js";
import {timeInteraction, visitCold} from "./browser.js";
import {measureCommand} from "./processMemory.js";

const size = Number(process.env.BENCH_LARGE_ORDERS ?? 20_000_000);
process.stderr.write(`building the site of a ${size.toLocaleString("en-US")}-order demo shop …\n`);
const build = await measureCommand("npm", ["run", "build"], {...process.env, LTV_SOURCE: `demo:${size}`});
const site = join(ROOT, ".cache", "bench", `site-${size}`);
rmSync(site, {recursive: true, force: true});
cpSync(join(ROOT, "dist"), site, {recursive: true});
const data = join(site, "_file", "data");
const manifest = JSON.parse(readFileSync(join(data, readdirSync(data).find((f) => f.startsWith("manifest."))!), "utf8"));
console.log(`${manifest.row_counts.orders.toLocaleString("en-US")} orders, ${manifest.row_counts.customers.toLocaleString("en-US")} customers · site build with its snapshot ${(build.ms / 1000).toFixed(0)} s`);

const server = await serveDist(site);
const browser = await launchChromium();
const pages: Record<string, unknown> = {};
const interactions: Record<string, unknown> = {};
try {
  for (const {page, name, sql, first} of analysisQueries(manifest.as_of)) {
    try {
      const visit = await visitCold(browser, server.origin, page, first ?? sql);
      const {ready, query, view} = visit.times;
      pages[name] = {...visit.times, rendererPeakMiB: visit.rendererPeakMiB, browserProcessMiB: visit.browserProcessMiB};
      console.log(`${name.padEnd(24)} ready ${(ready / 1000).toFixed(1)} s · first query ${Number.isNaN(query) ? "shipped" : `${(query / 1000).toFixed(1)} s`} · view drawn ${(view / 1000).toFixed(1)} s after ready · renderer ${(visit.rendererPeakMiB / 1024).toFixed(2)} GiB · browser process ${(visit.browserProcessMiB / 1024).toFixed(2)} GiB`);
    } catch (error) {
      pages[name] = {error: String(error)};
      console.log(`${name.padEnd(24)} FAILED: ${String(error).slice(0, 300)}`);
    }
  }
  for (const interaction of analysisInteractions(manifest.as_of)) {
    try {
      const time = await timeInteraction(browser, server.origin, interaction, 1);
      interactions[interaction.name] = {ms: time.median, rendererPeakMiB: time.rendererPeakMiB};
      console.log(`${interaction.name}: ${(time.median / 1000).toFixed(1)} s · renderer ${(time.rendererPeakMiB / 1024).toFixed(2)} GiB`);
    } catch (error) {
      interactions[interaction.name] = {error: String(error)};
      console.log(`${interaction.name}: FAILED: ${String(error).slice(0, 300)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
writeFileSync(join(ROOT, "bench", "large-results.json"), JSON.stringify({orders: manifest.row_counts.orders, build_ms: build.ms, pages, interactions}, null, 2) + "\n");
