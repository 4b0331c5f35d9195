import {Binary, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray} from "apache-arrow";

/**
 * The answers a page ships with: its default view's queries (defaultViews.ts), answered when the site was built
 * by the same engine the page runs, over the same snapshot. One Arrow IPC file per page, a row per query: `sql`
 * and `answer` (the result as an Arrow IPC stream, or null when it is over MAX_SHIPPED_BYTES: the page computes
 * that one itself). The schema's metadata names the snapshot (manifest's content_hash).
 */
export const MAX_SHIPPED_BYTES = 2 ** 20;

export function encodeShippedAnswers(contentHash: string, answers: {sql: string; answer: Table}[]): Uint8Array {
  const streams = answers.map(({answer}) => tableToIPC(answer, "stream"));
  const table = new Table({
    sql: vectorFromArray(answers.map((a) => a.sql), new Utf8()),
    answer: vectorFromArray(streams.map((bytes) => (bytes.byteLength <= MAX_SHIPPED_BYTES ? bytes : null)), new Binary())
  });
  table.schema.metadata.set("content_hash", contentHash);
  return tableToIPC(table, "file");
}

/** The shipped answers by SQL text; throws when they were computed from another snapshot than `contentHash`. */
export function decodeShippedAnswers(bytes: Uint8Array, contentHash: string): Map<string, Table> {
  const table = tableFromIPC(bytes);
  const shippedFor = table.schema.metadata.get("content_hash");
  if (shippedFor !== contentHash) {
    throw new Error(`the answers shipped with this page are of snapshot ${shippedFor}, manifest.json is of ${contentHash}: rebuild the site`);
  }
  const answers = new Map<string, Table>();
  for (const row of table) {
    if (row.answer) answers.set(row.sql, tableFromIPC(row.answer as Uint8Array));
  }
  return answers;
}
