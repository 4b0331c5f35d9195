import {tableRows} from "../src/components/arrowRows.js";
import {DEFAULT_VIEWS, type PageWithDefaultView} from "../src/components/defaultViews.js";
import type {Manifest} from "../src/components/schema.js";
import {encodeShippedAnswers, type AnswerFile, type ShippedAnswer} from "../src/components/shippedAnswers.js";
import type {WasmDB} from "./wasmDuckDB.js";

/** Answers a page's default view in DuckDB-WASM (the page's own engine) and returns the files the page ships with. */
export async function defaultViewAnswers(page: string, manifest: Manifest, db: WasmDB): Promise<Record<AnswerFile, Uint8Array>> {
  if (!Object.hasOwn(DEFAULT_VIEWS, page)) {
    throw new Error(`no default view for page "${page}"; pages with one: ${Object.keys(DEFAULT_VIEWS).join(", ")}`);
  }
  const answers: ShippedAnswer[] = [];
  await DEFAULT_VIEWS[page as PageWithDefaultView]({
    manifest,
    ask: async (sql, options) => {
      const answer = db.arrow(sql);
      answers.push({key: sql, answer, warm: options?.warm ?? false, later: options?.later ?? false});
      return tableRows(answer);
    },
    computed: async (key, compute) => {
      const value = await compute();
      answers.push({key, value});
      // what the page will have: the value read back from its JSON
      return JSON.parse(JSON.stringify(value));
    }
  });
  return encodeShippedAnswers(manifest.content_hash, answers);
}
