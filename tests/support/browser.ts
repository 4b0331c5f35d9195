import {existsSync} from "node:fs";
import {chromium, type Browser} from "playwright-core";

/** The Chromium that tests/setup/ensureBrowser.mjs made sure of. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const path = candidates.find((p): p is string => !!p && existsSync(p));
  if (!path) throw new Error("no Chromium: run `node tests/setup/ensureBrowser.mjs` or set CHROMIUM_PATH");
  return path;
}

/** Headless Chromium with everything that would phone home switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage"
    ]
  });
}
