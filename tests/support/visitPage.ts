import {mkdirSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {ROOT} from "./buildSite.js";

export interface Visit {
  page: Page;
  foreign: string[];
  errors: string[];
}

/** Opens a page and waits until its snapshot is loaded and Framework has nothing left to compute. */
export async function visitPage(browser: Browser, origin: string, path: string, query = "", shots = "test-results"): Promise<Visit> {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) foreign.push(request.url());
  });
  page.on("console", (message) => {
    // errors, and Plot's warnings (drawn as ⚠ on a chart: something is off with its data)
    if (message.type() === "error" || (message.type() === "warning" && message.text().startsWith("Warning:"))) {
      errors.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  await page.goto(`${origin}${path}${query}`);
  await page.waitForSelector('.ltv-status:not([data-state="loading"])', {timeout: 30_000}).catch(async (error) => {
    throw new Error(`${path}${query}: the snapshot did not finish loading: ${await page.locator(".ltv-status").textContent()}\n${errors.join("\n")}`, {cause: error});
  });
  // Framework marks every output still being computed with an <observablehq-loading> element
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"), undefined, {timeout: 30_000});
  await page.waitForTimeout(300);
  mkdirSync(join(ROOT, shots), {recursive: true});
  await page.screenshot({path: join(ROOT, shots, `${path === "/" ? "index" : path.slice(1)}${query ? "-en" : ""}.png`), fullPage: true});
  return {page, foreign, errors};
}
