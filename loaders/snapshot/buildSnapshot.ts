import {createHash} from "node:crypto";
import {mkdir, readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {SCHEMA, SCHEMA_VERSION, SNAPSHOT_TABLES, type Manifest, type SnapshotTable} from "../../src/components/schema.js";
import {pseudonymKey} from "../rows/pseudonymKey.js";
import {stageRows, type RowAccount} from "../rows/stageRows.js";
import type {RowSource, Source} from "../source.js";
import {checkSnapshotSql} from "./checkSnapshotSql.js";
import {rejectionRatioProblem} from "./rejectionRatio.js";
import {customersTableSql, defaultAsOfSql, ordersTablesSql, rejectionsTableSql} from "./snapshotSql.js";
import {stageSource} from "./stageSource.js";
import {openWorkDatabase, type WorkDatabase} from "./workDatabase.js";

export interface SnapshotOptions {
  /** Folder the Parquet files and manifest.json are written to. */
  out: string;
  /** As-of date (YYYY-MM-DD); default the day after the last order. */
  asOf?: string;
  /** The shop's time zone, recorded in the manifest; default the source's. */
  timeZone?: string;
  /** Progress messages (stderr in the command line). */
  log?: (message: string) => void;
  /** Fail when more than this share of rows is rejected; default the mapping's (2 %). */
  maxRejectedRatio?: number;
  /** Where the pseudonym key comes from (LTV_PSEUDONYM_KEY, LTV_PSEUDONYM_KEY_FILE); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads a source into native DuckDB, derives the snapshot tables and writes them as Parquet with a manifest.
 * A row source's rows are validated, its customers pseudonymised, and every row accounted for.
 */
export async function buildSnapshot(source: Source | RowSource, options: SnapshotOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const work = await openWorkDatabase(options.out);
  const {connection} = work;
  try {
    log(`reading ${source.spec}`);
    const {account, privacy, shop, timeZone, shipping, currency} = await stage(work, source, options, log);
    const problem = rejectionRatioProblem(account, options.maxRejectedRatio ?? ("mapping" in source ? source.mapping.max_rejected_ratio : 0));
    if (problem) throw new Error(problem);
    log("deriving tables");
    await connection.run(ordersTablesSql() + rejectionsTableSql());
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
      schema_version: SCHEMA_VERSION,
      shop,
      source: {kind: source.kind, spec: source.spec, fingerprint: source.fingerprint},
      as_of: asOf,
      time_zone: options.timeZone ?? timeZone,
      currency,
      period: {
        first_order_date: await scalar(connection, "SELECT strftime(min(order_date), '%Y-%m-%d') FROM orders"),
        last_order_date: await scalar(connection, "SELECT strftime(max(order_date), '%Y-%m-%d') FROM orders")
      },
      row_counts,
      rows: totals(account),
      files: account.files,
      rejections: account.rejections,
      privacy,
      shipping,
      content_hash: `sha256:${hash.digest("hex")}`
    };
    await writeFile(join(options.out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    return manifest;
  } finally {
    await work.close();
  }
}

/** Stages either kind of source, and says what the manifest needs to know of it. */
async function stage({connection, scratch}: WorkDatabase, source: Source | RowSource, options: SnapshotOptions, log: (message: string) => void) {
  if ("mapping" in source) {
    const key = pseudonymKey(options.env ?? process.env, log);
    const {mapping} = source;
    return {
      account: await stageRows(connection, source.reader, {mapping, key, scratch, log}),
      privacy: {customer_ids: "keyed_sha256", key_origin: key.origin, key_id: key.key_id} as const,
      shop: mapping.shop,
      timeZone: mapping.time_zone,
      shipping: mapping.shipping,
      currency: mapping.currency
    };
  }
  const read = await stageSource(connection, source, log);
  return {
    // the demo's orders are generated whole: each is loaded
    account: {files: [{file: source.spec, read, loaded: read, duplicates: 0, rejected: 0}], rejections: []} satisfies RowAccount,
    privacy: {customer_ids: "synthetic"} as const,
    shop: source.shop,
    timeZone: source.time_zone,
    shipping: source.shipping,
    currency: "JPY" as const
  };
}

function totals(account: RowAccount): Manifest["rows"] {
  const sum = (key: "read" | "loaded" | "duplicates" | "rejected") => account.files.reduce((total, f) => total + f[key], 0);
  return {read: sum("read"), loaded: sum("loaded"), duplicates: sum("duplicates"), rejected: sum("rejected")};
}

/** Each table's row order in its file: a total order, so equal input gives equal bytes. */
const SORT_KEYS: Record<SnapshotTable, string> = {
  orders: "order_id",
  order_lines: "order_id, line_number",
  products: "product_id",
  customers: "customer_id",
  rejections: "file, row_number, reason, column_name"
};

/** Columns in schema order and with the declared types, sorted, so equal input gives equal bytes. */
function copySql(table: SnapshotTable, file: string): string {
  const columns = SCHEMA[table].columns.map((c) => `CAST("${c.name}" AS ${c.type}) AS "${c.name}"`).join(", ");
  return `COPY (SELECT ${columns} FROM ${table} ORDER BY ${SORT_KEYS[table]}) TO '${file.replaceAll("'", "''")}'
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
