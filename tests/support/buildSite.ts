import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = `${ROOT}/dist`;

/**
 * Builds the site with `npm run build` once per test run (Framework's build is the first end-to-end
 * test: it fails on any page error and, offline, on any CDN import).
 */
export function buildSite(env: Record<string, string> = {}): string {
  if (process.env.LTV_SKIP_BUILD && existsSync(`${DIST}/index.html`)) return DIST;
  execFileSync("npm", ["run", "build"], {cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: {...process.env, ...env}});
  return DIST;
}
