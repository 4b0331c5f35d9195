// After `observable build`: marks the chart libraries' bundles in dist/ for eager compilation (compileHints.ts).
import {addCompileHints} from "./compileHints.js";

const dist = process.argv[2] ?? "dist";
const marked = addCompileHints(dist);
process.stderr.write(`compile hints: ${marked.length} bundles in ${dist}/_node marked for eager compilation\n`);
