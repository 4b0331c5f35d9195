import {resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {openWorkDatabase} from "../snapshot/workDatabase.js";
import type {RowSource, Source} from "../source.js";
import {pseudonymKey} from "./pseudonymKey.js";
import {pseudonymMapSql} from "./rowsSql.js";
import {stageRows} from "./stageRows.js";

const PROJECT = fileURLToPath(new URL("../..", import.meta.url));
/** Folders the site is built from or into: the map must never land there. */
const SITE_FOLDERS = ["src", "dist", ".cache", ".observablehq"].map((folder) => resolve(PROJECT, folder) + sep);

/**
 * Writes the local-only map from pseudonyms back to the shop's own customer ids (CSV: pseudonym,
 * shop_customer_id), for mail-tool lists made from a report's customer list. It reads the source again with
 * the same key; the site build never calls it, and it refuses to write where a site is built from.
 */
export async function writePseudonymMap(source: Source | RowSource, out: string, env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<number> {
  if (!("mapping" in source)) throw new Error(`${source.spec}: the demo's customer ids are synthetic; there is nothing to map back`);
  const target = resolve(out);
  if (SITE_FOLDERS.some((folder) => target.startsWith(folder))) throw new Error(`${out}: the pseudonym map holds real customer ids; write it outside src/, dist/ and the caches`);
  const key = pseudonymKey(env, log);
  const work = await openWorkDatabase(target);
  const {connection} = work;
  try {
    await stageRows(connection, source.reader, {mapping: source.mapping, key, scratch: work.scratch, log});
    await connection.run(`COPY (${pseudonymMapSql(key.key)}) TO '${target.replaceAll("'", "''")}' (FORMAT csv, HEADER)`);
    const rows = await connection.runAndReadAll(`SELECT count(*) FROM (${pseudonymMapSql(key.key)})`);
    return Number(rows.getRows()[0][0]);
  } finally {
    await work.close();
  }
}
