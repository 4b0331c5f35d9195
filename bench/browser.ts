import type {Browser, Page} from "playwright-core";
import {queryTimingDetail} from "../src/components/queryTiming.js";
import {launchChromium} from "../tests/support/browser.js";
import {serveDist} from "../tests/support/serveDist.js";
import type {AnalysisQuery} from "./analysisQueries.js";
import {browserProcessMiB, rendererPeakMiB} from "./processMemory.js";
import {summarise, type Summary} from "./stats.js";

export interface PageResult {
  /** Navigation to the analysis's first answer (its own query, or for CLV its fit): shipped with the page, or computed. */
  ready: Summary;
  /** The first answer computed in the page (NaN when it was shipped). */
  query: Summary;
  /** From ready to every output drawn (outputs waiting for DuckDB-WASM included). */
  view: Summary;
  /** Navigation to DuckDB-WASM started with the page's tables attached: when a changed setting can be computed. */
  interactive: Summary;
  /** Navigation to the page done: every part drawn, no query running, the main thread quiet (for 1 s after). */
  complete: Summary;
  /** Where interactive's time went: DuckDB-WASM started and the last table file fetched (both from navigation start), the files attached (summed over tables). */
  startDuckDB: Summary;
  fetched: Summary;
  attach: Summary;
}

/** An interaction's times, and the renderer's peak memory once its runs are done (MiB). */
export type InteractionResult = Summary & {rendererPeakMiB: number};

export interface Interaction {
  page: string;
  name: string;
  /**
   * The input to change, and a value for each run: none the page's default nor another run's, since the page
   * answers a query it has run before from its QueryCache (see analysisInteractions).
   */
  input: string;
  values: string[];
  /** What the page computes for a value: the SQL it runs (an ltv:query), or its computation's key (an ltv:compute). */
  answer(value: string): string;
}

/** Opens every analysis page `runs` times, each in a fresh browser context (nothing cached), and times it. */
export async function browserTimes(site: string, queries: AnalysisQuery[], interactions: Interaction[], runs: number) {
  const server = await serveDist(site);
  const browser = await launchChromium();
  const pages: Record<string, PageResult> = {};
  const changes: Record<string, InteractionResult> = {};
  // per page, the largest over its runs, MiB
  const memory: Record<string, {renderer: number; browserProcess: number}> = {};
  try {
    for (const {page: path, name, sql, first} of queries) {
      const visits: Visit[] = [];
      for (let run = 0; run < runs; run++) visits.push(await visitCold(browser, server.origin, path, first ?? sql));
      memory[name] = {renderer: Math.max(...visits.map((v) => v.rendererPeakMiB)), browserProcess: Math.max(...visits.map((v) => v.browserProcessMiB))};
      const each = (key: keyof PageResult) => summarise(visits.map((visit) => visit.times[key]));
      pages[name] = {ready: each("ready"), query: each("query"), view: each("view"), interactive: each("interactive"), complete: each("complete"), startDuckDB: each("startDuckDB"), fetched: each("fetched"), attach: each("attach")};
      const p = pages[name];
      process.stderr.write(`  ${name}: ready ${p.ready.median.toFixed(0)} ms, interactive ${p.interactive.median.toFixed(0)} ms, complete ${p.complete.median.toFixed(0)} ms (DuckDB started ${p.startDuckDB.median.toFixed(0)}, files fetched ${p.fetched.median.toFixed(0)}, attached in ${p.attach.median.toFixed(0)})\n`);
    }
    for (const interaction of interactions) changes[interaction.name] = await timeInteraction(browser, server.origin, interaction, runs);
  } finally {
    await browser.close();
    await server.close();
  }
  return {pages, interactions: changes, memory};
}

export interface Visit {
  times: {[key in keyof PageResult]: number};
  /** The renderer's peak memory while the page was open, MiB. */
  rendererPeakMiB: number;
  /** The browser process's resident memory when the page was complete (it holds the table files' Blobs), MiB. */
  browserProcessMiB: number;
}

/**
 * Opens a page in a fresh browser context (nothing cached) and waits until its first answer (`first`: the SQL of its
 * own query, or a computation's key) is in (shipped or computed), no output is pending and the frame showing it is
 * drawn (checked at every frame, not polled every 20 ms and then two frames more as before), then until DuckDB-WASM has the
 * page's tables, then until it is done (its peak memory is read then); a page that shows an error instead throws it.
 */
export async function visitCold(browser: Browser, origin: string, path: string, first: string): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await watchLongTasks(page);
    await page.goto(`${origin}${path}`);
    const own = queryTimingDetail(first);
    const settled = (waitFor: "drawn" | "interactive") =>
      page.waitForFunction(
        ([own, waitFor]) => {
          const failed = document.querySelector(".ltv-status[data-state=error], .observablehq--error");
          if (failed) return {error: failed.textContent};
          if (waitFor === "interactive") return performance.getEntriesByName("ltv:ready").length > 0 && {};
          const answered = performance.getEntries().some((e) => ["ltv:answer", "ltv:query", "ltv:compute"].includes(e.name) && (e as PerformanceMark).detail === own);
          if (!answered || document.querySelector("observablehq-loading")) return false;
          // checked at each frame, before it is drawn: the next frame comes once this one, with the view, is drawn
          return new Promise((resolve) => requestAnimationFrame(() => resolve({finished: performance.now()})));
        },
        [own, waitFor],
        {timeout: 600_000, polling: "raf"}
      );
    const outcomes = [await settled("drawn"), await settled("interactive")];
    const [drawn, interactive] = (await Promise.all(outcomes.map((o) => o.jsonValue()))) as {error?: string; finished?: number}[];
    const error = drawn.error ?? interactive.error;
    if (error !== undefined) throw new Error(`${path}: ${error}`);
    const complete = await untilQuiet(page);
    const entries = await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith("ltv:")).map((e) => ({name: e.name, start: e.startTime, duration: e.duration, detail: (e as PerformanceMark).detail as string})));
    const end = (name: string) => Math.max(...entries.filter((e) => e.name === name).map((e) => e.start + e.duration));
    const answer = entries.find((e) => ["ltv:answer", "ltv:query", "ltv:compute"].includes(e.name) && e.detail === own)!;
    const ready = answer.start + answer.duration;
    const times = {
      ready,
      query: answer.name === "ltv:answer" ? NaN : answer.duration,
      view: drawn.finished! - ready,
      interactive: end("ltv:ready"),
      complete,
      startDuckDB: end("ltv:start-duckdb"),
      fetched: end("ltv:fetch"),
      attach: entries.filter((e) => e.name === "ltv:attach").reduce((sum, e) => sum + e.duration, 0)
    };
    return {times, rendererPeakMiB: rendererPeakMiB(), browserProcessMiB: browserProcessMiB()};
  } finally {
    await context.close();
  }
}

/** Keeps the page's long tasks for untilQuiet: an observer sees only the tasks run after it was made. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const ends: number[] = [];
    (window as unknown as {ltvLongTasks: number[]}).ltvLongTasks = ends;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => ends.push(e.startTime + e.duration))).observe({type: "longtask"});
  });
}

/**
 * Waits until the page is done: no query running (its own or a warm-up's, warmUp.ts), nothing loading, and
 * neither a long task nor a query for a second. Returns when the last of them ended (ms from navigation).
 */
async function untilQuiet(page: Page): Promise<number> {
  const quiet = await page.waitForFunction(
    () => {
      // (no named function here: the page has no __name helper for the one the bundler would add)
      const [queries, queried, warms, warmed] = ["ltv:query-start", "ltv:query", "ltv:warm-start", "ltv:warm"].map((name) => performance.getEntriesByName(name).length);
      const running = queries > queried || warms > warmed;
      if (running || document.querySelector("observablehq-loading")) return false;
      const ends = performance.getEntries().filter((e) => e.name.startsWith("ltv:")).map((e) => e.startTime + e.duration);
      const last = Math.max(0, ...ends, ...(window as unknown as {ltvLongTasks: number[]}).ltvLongTasks);
      return performance.now() - last > 1000 && last;
    },
    undefined,
    {timeout: 600_000, polling: 100}
  );
  return (await quiet.jsonValue()) as number;
}

/**
 * Times an interaction on a page: each run changes the input once the page is quiet (untilQuiet: what it computes
 * when it opens, and what the previous run set going after its answer, are done), timed in the page from the
 * input event a reader's change fires to the changed analysis's answer drawn (its query or computation measured,
 * then two frames). The input is scrolled into view first, as a reader would, and set by the page's own code: the
 * browser driver's own steps (finding the element, waiting for it to be stable, scrolling) are not the page's time.
 */
export async function timeInteraction(browser: Browser, origin: string, interaction: Interaction, runs: number): Promise<InteractionResult> {
  if (runs > interaction.values.length) throw new Error(`${interaction.name}: ${runs} runs need as many new values, not ${interaction.values.length}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchLongTasks(page);
  await page.goto(`${origin}${interaction.page}`);
  await page.waitForFunction(() => performance.getEntriesByName("ltv:ready").length > 0, undefined, {timeout: 300_000});
  const input = page.locator(interaction.input).first();
  await input.scrollIntoViewIfNeeded();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    await untilQuiet(page);
    const value = interaction.values[run % interaction.values.length];
    const detail = queryTimingDetail(interaction.answer(value));
    const time = input.evaluate(
      (element, [value, detail]) =>
        new Promise<number>((resolve) => {
          const observer = new PerformanceObserver((list) => {
            if (!list.getEntries().some((e) => (e.name === "ltv:query" || e.name === "ltv:compute") && (e as PerformanceMeasure).detail === detail)) return;
            observer.disconnect();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
          });
          observer.observe({type: "measure"});
          (element as HTMLInputElement).value = value;
          const start = performance.now();
          element.dispatchEvent(new Event("input", {bubbles: true}));
        }),
      [value, detail]
    );
    times.push(await time);
  }
  // read while the page is open (closing it ends its renderer), once what the last run set going is done
  await untilQuiet(page);
  const peak = rendererPeakMiB();
  await context.close();
  return {...summarise(times), rendererPeakMiB: peak};
}
