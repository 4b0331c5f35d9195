import {Binary, Bool, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray} from "apache-arrow";

/**
 * The answers a page ships with: its default view (defaultViews.ts), answered when the site was built by the same
 * engine and code the page runs, over the same snapshot. One Arrow IPC file per page, a row per answer, `key` and
 * one of:
 * - `answer`: a query's result as an Arrow IPC stream, under its SQL (null when it is over MAX_SHIPPED_BYTES: the
 *   page computes that one itself);
 * - `value`: a computation's result as JSON (a model fitted to a query's rows, say), under a key that names all
 *   it depends on (see clvView.ts).
 * The schema's metadata names the snapshot (manifest's content_hash).
 */
export const MAX_SHIPPED_BYTES = 2 ** 20;

export type ShippedAnswer = {key: string; answer: Table; warm?: boolean} | {key: string; value: unknown};

export interface ShippedAnswers {
  /** Query results by SQL text. */
  queries: Map<string, Table>;
  /** Computations' results by key, as JSON text. */
  computed: Map<string, string>;
  /** The SQL of the queries the page's inputs change, to run again once DuckDB-WASM is there (warmUp.ts). */
  warm: string[];
}

export function encodeShippedAnswers(contentHash: string, answers: ShippedAnswer[]): Uint8Array {
  const stream = (a: ShippedAnswer) => ("answer" in a ? tableToIPC(a.answer, "stream") : null);
  const table = new Table({
    key: vectorFromArray(answers.map((a) => a.key), new Utf8()),
    answer: vectorFromArray(answers.map(stream).map((bytes) => (bytes && bytes.byteLength <= MAX_SHIPPED_BYTES ? bytes : null)), new Binary()),
    value: vectorFromArray(answers.map((a) => ("value" in a ? JSON.stringify(a.value) : null)), new Utf8()),
    warm: vectorFromArray(answers.map((a) => "answer" in a && a.warm === true), new Bool())
  });
  table.schema.metadata.set("content_hash", contentHash);
  return tableToIPC(table, "file");
}

/** The shipped answers; throws when they were computed from another snapshot than `contentHash`. */
export function decodeShippedAnswers(bytes: Uint8Array, contentHash: string): ShippedAnswers {
  const table = tableFromIPC(bytes);
  const shippedFor = table.schema.metadata.get("content_hash");
  if (shippedFor !== contentHash) {
    throw new Error(`the answers shipped with this page are of snapshot ${shippedFor}, manifest.json is of ${contentHash}: rebuild the site`);
  }
  const shipped: ShippedAnswers = {queries: new Map(), computed: new Map(), warm: []};
  for (const row of table) {
    if (row.answer) shipped.queries.set(row.key, tableFromIPC(row.answer as Uint8Array));
    if (row.value != null) shipped.computed.set(row.key, row.value as string);
    if (row.warm) shipped.warm.push(row.key);
  }
  return shipped;
}
