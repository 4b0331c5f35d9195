import {Binary, Bool, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray} from "apache-arrow";

/**
 * The answers a page ships with: its default view (defaultViews.ts), answered when the site was built by the same
 * engine and code the page runs, over the same snapshot. Three Arrow IPC files per page, a row per answer, `key` and
 * one of:
 * - `answer`: a query's result as an Arrow IPC stream, under its SQL;
 * - `value`: a computation's result as JSON (a model fitted to a query's rows, say), under a key that names all
 *   it depends on (see clvView.ts).
 * `first`, fetched as the page opens, holds what its first view draws from, up to MAX_FIRST_BYTES an answer, and
 * names the answers in the other two: `large`, the first view's answers over that size, fetched when the page asks
 * for one (as it opens: the page draws the rest meanwhile); `later`, the answers the first view does not need (the
 * CLV page's customer histories, which a new horizon needs), fetched when a changed setting asks for one. An answer
 * over MAX_SHIPPED_BYTES is not shipped: the page computes it. The schema's metadata names the snapshot (manifest's
 * content_hash).
 */
export const MAX_FIRST_BYTES = 2 ** 20;
export const MAX_SHIPPED_BYTES = 2 ** 26;

export const ANSWER_FILES = ["first", "large", "later"] as const;
export type AnswerFile = (typeof ANSWER_FILES)[number];

export type ShippedAnswer = {key: string; answer: Table; warm?: boolean; later?: boolean} | {key: string; value: unknown};

export interface ShippedAnswers {
  /** Query results by SQL text. */
  queries: Map<string, Table>;
  /** Computations' results by key, as JSON text. */
  computed: Map<string, string>;
  /** The SQL of the queries the page's inputs change, to run again once DuckDB-WASM is there (warmUp.ts). */
  warm: string[];
  /** The SQL of the queries answered in another file, and which. */
  elsewhere: Map<string, Exclude<AnswerFile, "first">>;
}

interface AnswerRow {
  key: string;
  answer: Uint8Array | null;
  value: string | null;
  warm: boolean;
  /** Where the answer is, when not in this file. */
  file: Exclude<AnswerFile, "first"> | null;
}

export function encodeShippedAnswers(
  contentHash: string,
  answers: ShippedAnswer[],
  limits = {first: MAX_FIRST_BYTES, shipped: MAX_SHIPPED_BYTES}
): Record<AnswerFile, Uint8Array> {
  const placed = answers.map((a): {file: AnswerFile | null; row: AnswerRow} => {
    if ("value" in a) return {file: "first", row: {key: a.key, answer: null, value: JSON.stringify(a.value), warm: false, file: null}};
    const stream = tableToIPC(a.answer, "stream");
    const bytes = stream.byteLength;
    const file = bytes > limits.shipped ? null : a.later ? "later" : bytes > limits.first ? "large" : "first";
    return {file, row: {key: a.key, answer: stream, value: null, warm: a.warm === true, file: null}};
  });
  const only = (file: AnswerFile) => placed.filter((p) => p.file === file).map((p) => p.row);
  return {
    // every key, its answer when it is here, else the file it is in (none: not shipped)
    first: answersFile(contentHash, placed.map(({file, row}) => (file === "first" ? row : {...row, answer: null, file}))),
    large: answersFile(contentHash, only("large")),
    later: answersFile(contentHash, only("later"))
  };
}

function answersFile(contentHash: string, rows: AnswerRow[]): Uint8Array {
  const table = new Table({
    key: vectorFromArray(rows.map((r) => r.key), new Utf8()),
    answer: vectorFromArray(rows.map((r) => r.answer), new Binary()),
    value: vectorFromArray(rows.map((r) => r.value), new Utf8()),
    warm: vectorFromArray(rows.map((r) => r.warm), new Bool()),
    file: vectorFromArray(rows.map((r) => r.file), new Utf8())
  });
  table.schema.metadata.set("content_hash", contentHash);
  return tableToIPC(table, "file");
}

/** A file of shipped answers; throws when they were computed from another snapshot than `contentHash`. */
export function decodeShippedAnswers(bytes: Uint8Array, contentHash: string): ShippedAnswers {
  const table = tableFromIPC(bytes);
  const shippedFor = table.schema.metadata.get("content_hash");
  if (shippedFor !== contentHash) {
    throw new Error(`the answers shipped with this page are of snapshot ${shippedFor}, manifest.json is of ${contentHash}: rebuild the site`);
  }
  const shipped: ShippedAnswers = {queries: new Map(), computed: new Map(), warm: [], elsewhere: new Map()};
  for (const row of table) {
    if (row.answer) shipped.queries.set(row.key, tableFromIPC(row.answer as Uint8Array));
    if (row.value != null) shipped.computed.set(row.key, row.value as string);
    if (row.warm) shipped.warm.push(row.key);
    if (row.file) shipped.elsewhere.set(row.key, row.file);
  }
  return shipped;
}
