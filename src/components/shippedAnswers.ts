import {Binary, Bool, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray} from "apache-arrow";

/**
 * The answers a page ships with: its default view (defaultViews.ts), answered when the site was built by the same
 * engine and code the page runs, over the same snapshot. Two Arrow IPC files per page, a row per answer, `key` and
 * one of:
 * - `answer`: a query's result as an Arrow IPC stream, under its SQL;
 * - `value`: a computation's result as JSON (a model fitted to a query's rows, say), under a key that names all
 *   it depends on (see clvView.ts).
 * The `first` file is fetched as the page opens and holds what its first view draws. Answers the first view does
 * not need (`later`: the CLV page's histories, for a reader's first changed setting) or over MAX_SHIPPED_BYTES are
 * in the `later` file, which the page fetches when it first asks for one of them; the first file names them. An
 * answer over MAX_LATER_BYTES is not shipped: the page computes it. The schema's metadata names the snapshot
 * (manifest's content_hash).
 */
export const MAX_SHIPPED_BYTES = 2 ** 20;
export const MAX_LATER_BYTES = 2 ** 26;

export type ShippedAnswer = {key: string; answer: Table; warm?: boolean; later?: boolean} | {key: string; value: unknown};

export interface ShippedAnswers {
  /** Query results by SQL text. */
  queries: Map<string, Table>;
  /** Computations' results by key, as JSON text. */
  computed: Map<string, string>;
  /** The SQL of the queries the page's inputs change, to run again once DuckDB-WASM is there (warmUp.ts). */
  warm: string[];
  /** The SQL of the queries answered in the later file. */
  later: Set<string>;
}

export interface ShippedAnswerFiles {
  first: Uint8Array;
  later: Uint8Array;
}

export function encodeShippedAnswers(contentHash: string, answers: ShippedAnswer[]): ShippedAnswerFiles {
  const rows = answers.map((a): AnswerRow => {
    if ("value" in a) return {key: a.key, answer: null, value: JSON.stringify(a.value), warm: false, later: false};
    const stream = tableToIPC(a.answer, "stream");
    const bytes = stream.byteLength;
    const later = bytes <= MAX_LATER_BYTES && (a.later === true || bytes > MAX_SHIPPED_BYTES);
    return {key: a.key, answer: later || bytes <= MAX_SHIPPED_BYTES ? stream : null, value: null, warm: a.warm === true, later};
  });
  return {
    first: answersFile(contentHash, rows.map((row) => (row.later ? {...row, answer: null} : row))),
    later: answersFile(contentHash, rows.filter((row) => row.later))
  };
}

interface AnswerRow {
  key: string;
  answer: Uint8Array | null;
  value: string | null;
  warm: boolean;
  later: boolean;
}

function answersFile(contentHash: string, rows: AnswerRow[]): Uint8Array {
  const table = new Table({
    key: vectorFromArray(rows.map((r) => r.key), new Utf8()),
    answer: vectorFromArray(rows.map((r) => r.answer), new Binary()),
    value: vectorFromArray(rows.map((r) => r.value), new Utf8()),
    warm: vectorFromArray(rows.map((r) => r.warm), new Bool()),
    later: vectorFromArray(rows.map((r) => r.later), new Bool())
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
  const shipped: ShippedAnswers = {queries: new Map(), computed: new Map(), warm: [], later: new Set()};
  for (const row of table) {
    if (row.answer) shipped.queries.set(row.key, tableFromIPC(row.answer as Uint8Array));
    if (row.value != null) shipped.computed.set(row.key, row.value as string);
    if (row.warm) shipped.warm.push(row.key);
    if (row.later) shipped.later.add(row.key);
  }
  return shipped;
}
