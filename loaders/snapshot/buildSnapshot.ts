import {createHash} from "node:crypto";
import {mkdir, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {SCHEMA, SNAPSHOT_TABLES, type Manifest, type SnapshotTable} from "../../src/components/schema.js";
import type {Source} from "../source.js";
import {checkSnapshotSql} from "./checkSnapshotSql.js";
import {customersTableSql, defaultAsOfSql, ordersTablesSql} from "./snapshotSql.js";
import {stageSource} from "./stageSource.js";

export interface SnapshotOptions {
  /** Folder the Parquet files and manifest.json are written to. */
  out: string;
  /** As-of date (YYYY-MM-DD); default the day after the last order. */
  asOf?: string;
  /** The shop's time zone, recorded in the manifest; default the source's. */
  timeZone?: string;
  /** Progress messages (stderr in the command line). */
  log?: (message: string) => void;
}

/** Reads a source into native DuckDB, derives the snapshot tables and writes them as Parquet with a manifest. */
export async function buildSnapshot(source: Source, options: SnapshotOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    log(`reading ${source.spec}`);
    const read = await stageSource(connection, source, log);
    log(`${read.toLocaleString("en-US")} orders read; deriving tables`);
    await connection.run(ordersTablesSql());
    await failOnProblems(connection);
    const asOf = options.asOf ?? (await scalar(connection, defaultAsOfSql()));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? "")) throw new Error(`--as-of must be YYYY-MM-DD, got ${asOf}`);
    await connection.run(customersTableSql({asOf}));
    await mkdir(options.out, {recursive: true});
    const row_counts = {} as Record<SnapshotTable, number>;
    const hash = createHash("sha256");
    for (const table of SNAPSHOT_TABLES) {
      const file = join(options.out, `${table}.parquet`);
      row_counts[table] = Number(await scalar(connection, `SELECT count(*) FROM ${table}`));
      await connection.run(copySql(table, file));
      hash.update(`${table}:`).update(await readFile(file));
      log(`${table}: ${row_counts[table].toLocaleString("en-US")} rows → ${file}`);
    }
    const manifest: Manifest = {
      schema_version: 1,
      shop: source.shop,
      source: {kind: source.kind, spec: source.spec, fingerprint: source.fingerprint},
      as_of: asOf,
      time_zone: options.timeZone ?? source.time_zone,
      currency: "JPY",
      period: {
        first_order_date: await scalar(connection, "SELECT strftime(min(order_date), '%Y-%m-%d') FROM orders"),
        last_order_date: await scalar(connection, "SELECT strftime(max(order_date), '%Y-%m-%d') FROM orders")
      },
      row_counts,
      rows: {read, loaded: row_counts.orders, rejected: read - row_counts.orders},
      shipping: source.shipping,
      content_hash: `sha256:${hash.digest("hex")}`
    };
    await writeFile(join(options.out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    return manifest;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Columns in schema order and with the declared types, sorted, so equal input gives equal bytes. */
function copySql(table: SnapshotTable, file: string): string {
  const columns = SCHEMA[table].columns.map((c) => `CAST("${c.name}" AS ${c.type}) AS "${c.name}"`).join(", ");
  const key = SCHEMA[table].columns[0].name;
  const order = table === "order_lines" ? `${key}, line_number` : key;
  return `COPY (SELECT ${columns} FROM ${table} ORDER BY ${order}) TO '${file.replaceAll("'", "''")}'
    (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;
}

async function failOnProblems(connection: DuckDBConnection): Promise<void> {
  const problems = (await connection.runAndReadAll(checkSnapshotSql())).getRowObjectsJS();
  if (problems.length > 0) {
    const list = problems.map((p) => `  ${p.problem}: ${p.rows} (e.g. ${p.example})`).join("\n");
    throw new Error(`the source has rows the snapshot cannot hold:\n${list}`);
  }
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<string> {
  const rows = (await connection.runAndReadAll(sql)).getRows();
  return String(rows[0]?.[0]);
}
