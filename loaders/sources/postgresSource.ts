import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import pg from "pg";
import Cursor from "pg-cursor";
import {checkRowMapping, mappedColumns, type RowMapping} from "../rows/rowMapping.js";
import {batchReader, recordsWithHeader, type SourceRecord} from "../rows/sourceRecord.js";
import type {RowSource} from "../source.js";

const BATCH_ROWS = 10_000;

/**
 * `postgres:URL --config FILE`: rows of a table or query (the config's "table" or "query") on a PostgreSQL
 * server, read through a cursor in batches, every value as PostgreSQL's own text, the session in the shop's
 * time zone. The password never reaches the manifest.
 */
export async function postgresSource(url: string, configFile: string): Promise<RowSource> {
  const json = JSON.parse(readFileSync(configFile, "utf8")) as Partial<RowMapping> & {table?: string; query?: string};
  const mapping = checkRowMapping(json, configFile);
  if (!json.query === !json.table) throw new Error(`${configFile}: give either "table" or "query" for a postgres source`);
  const query = json.query ?? `SELECT * FROM ${pg.escapeIdentifier(json.table!)}`;
  const label = json.table ?? "query";
  const safeUrl = withoutPassword(url);
  return {
    kind: "postgres",
    spec: `postgres:${safeUrl}`,
    fingerprint: `sha256:${createHash("sha256").update(JSON.stringify({safeUrl, query, mapping})).digest("hex")}`,
    mapping,
    reader: batchReader([label], [], () => postgresRecords(url, query, label, mapping))
  };
}

async function* postgresRecords(url: string, query: string, label: string, mapping: RowMapping): AsyncGenerator<SourceRecord[]> {
  const client = new pg.Client({connectionString: url, types: {getTypeParser: () => (text: string) => text}});
  await client.connect().catch((error: Error) => {
    throw new Error(`postgres:${withoutPassword(url)}: cannot connect: ${error.message}`);
  });
  try {
    await client.query(`SET TimeZone TO ${pg.escapeLiteral(mapping.time_zone)}`);
    const cursor = client.query(new Cursor(query));
    let toRecord: ((row: number, cells: string[]) => SourceRecord) | null = null;
    let header: string[] = [];
    let row = 0;
    for (;;) {
      const batch = (await cursor.read(BATCH_ROWS)) as Record<string, string | null>[];
      if (batch.length === 0) break;
      if (toRecord === null) {
        header = Object.keys(batch[0]);
        checkColumns(label, header, mapping);
        toRecord = recordsWithHeader(label, header);
      }
      const records = toRecord;
      yield batch.map((values) => records(++row, header.map((column) => values[column] ?? "")));
    }
    await cursor.close();
    if (row === 0) throw new Error(`${label}: the query returned no rows`);
  } finally {
    await client.end();
  }
}

function checkColumns(label: string, header: string[], mapping: RowMapping): void {
  for (const {field, columns} of mappedColumns(mapping)) {
    if (!columns.some((c) => header.includes(c))) throw new Error(`${label}: missing column ${columns.join(" or ")} (for ${field}); the query gives ${header.join(", ")}`);
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    throw new Error("postgres:URL must be a postgresql:// connection URL");
  }
}
