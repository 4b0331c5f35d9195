import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";

/**
 * The packages whose code a page runs to draw its first view: Plot, the d3 modules it and the charts draw with
 * (d3-hierarchy: the route tree; d3-scale-chromatic: the heat maps' colours), Inputs and htl.
 * V8 compiles a function when it is first called, on the main thread; a page drawing its first chart spent 30–55 ms
 * doing so at 1M orders (npm run bench). Marked, their files are compiled whole as they download, off the main thread.
 */
export const EAGER_PACKAGES = [
  "@observablehq/plot",
  "@observablehq/inputs",
  "htl",
  "d3-array",
  "d3-color",
  "d3-format",
  "d3-hierarchy",
  "d3-interpolate",
  "d3-path",
  "d3-scale",
  "d3-scale-chromatic",
  "d3-selection",
  "d3-shape",
  "d3-time",
  "d3-time-format"
];

/** V8's explicit compile hint (Chrome 136): a file starting with it has all its functions compiled eagerly. */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * Marks the built site's bundles of `packages` (Framework writes each to `_node/<name>@<version>/`) for eager
 * compilation. Other browsers read the hint as a comment. A package with no bundle there is an error: the build
 * would otherwise lose the hint unnoticed when Framework or a version changes.
 */
export function addCompileHints(dist: string, packages: string[] = EAGER_PACKAGES): string[] {
  const marked: string[] = [];
  for (const name of packages) {
    const files = packageBundles(dist, name);
    if (files.length === 0) throw new Error(`${join(dist, "_node")}: no bundle of ${name} to mark for eager compilation`);
    for (const file of files) {
      const code = readFileSync(file, "utf8");
      if (!code.startsWith(COMPILE_HINT)) writeFileSync(file, COMPILE_HINT + code);
      marked.push(file);
    }
  }
  return marked;
}

/** The built site's JavaScript files of an npm package: `_node/<name>@<version>/*.js` (none if it has no folder). */
export function packageBundles(dist: string, name: string): string[] {
  const scope = join(dist, "_node", name.includes("/") ? name.slice(0, name.indexOf("/")) : "");
  const base = name.slice(name.indexOf("/") + 1);
  if (!existsSync(scope)) return [];
  const folders = readdirSync(scope).filter((f) => f.startsWith(`${base}@`));
  return folders.flatMap((folder) => readdirSync(join(scope, folder)).filter((f) => f.endsWith(".js")).map((f) => join(scope, folder, f)));
}
