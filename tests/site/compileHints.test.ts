import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {addCompileHints, COMPILE_HINT} from "../../loaders/site/compileHints.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dist) => rmSync(dist, {recursive: true})));

/** A dist/ with Framework's layout of npm bundles: _node/<name>@<version>/<file>.js. */
function distWith(files: Record<string, string>): string {
  const dist = mkdtempSync(join(tmpdir(), "ltv-hints-"));
  made.push(dist);
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(join(dist, "_node", path, ".."), {recursive: true});
    writeFileSync(join(dist, "_node", path), code);
  }
  return dist;
}

describe("addCompileHints", () => {
  it("marks the named packages' bundles, once however often it runs, and no other package's", () => {
    const dist = distWith({
      "@observablehq/plot@0.6.17/index.abc.js": "export const plot = 1;",
      "d3-time@3.1.1/index.def.js": "export const time = 2;",
      "d3-time-format@4.1.1/index.123.js": "export const format = 3;"
    });
    addCompileHints(dist, ["@observablehq/plot", "d3-time"]);
    const marked = addCompileHints(dist, ["@observablehq/plot", "d3-time"]);
    expect(marked.map((f) => f.slice(dist.length))).toEqual(["/_node/@observablehq/plot@0.6.17/index.abc.js", "/_node/d3-time@3.1.1/index.def.js"]);
    const read = (path: string) => readFileSync(join(dist, "_node", path), "utf8");
    expect(read("@observablehq/plot@0.6.17/index.abc.js")).toBe(`${COMPILE_HINT}export const plot = 1;`);
    expect(read("d3-time@3.1.1/index.def.js")).toBe(`${COMPILE_HINT}export const time = 2;`);
    expect(read("d3-time-format@4.1.1/index.123.js")).toBe("export const format = 3;");
  });

  it("fails, naming the package, when a package has no bundle in the site", () => {
    const dist = distWith({"d3-array@3.2.5/index.abc.js": "export const array = 1;"});
    expect(() => addCompileHints(dist, ["d3-array", "d3-shape"])).toThrow(/no bundle of d3-shape/);
    expect(() => addCompileHints(dist, ["@observablehq/plot"])).toThrow(/no bundle of @observablehq\/plot/);
  });
});
