import {execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve, sep} from "node:path";
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

/**
 * Builds the site from a copy of the project in a temporary folder (its own snapshot cache, Framework cache
 * and dist/), so a build from another source never touches the main build. Returns the copy's dist/.
 */
export function buildSiteCopy(env: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), "ltv-site-"));
  for (const entry of ["src", "loaders", "data", "observablehq.config.ts", "package.json", "tsconfig.json"]) {
    cpSync(join(ROOT, entry), join(copy, entry), {recursive: true, filter: (path) => !path.includes(`${sep}.observablehq${sep}cache`)});
  }
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  execFileSync("npm", ["run", "build"], {cwd: copy, stdio: ["ignore", "ignore", "inherit"], env: {...process.env, ...env}});
  return join(copy, "dist");
}
