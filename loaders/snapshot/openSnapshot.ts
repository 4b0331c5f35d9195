import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {SCHEMA_VERSION, SNAPSHOT_TABLES, type Manifest} from "../../src/components/schema.js";

export interface OpenSnapshot {
  connection: DuckDBConnection;
  manifest: Manifest;
  close(): void;
}

/** A snapshot folder's manifest.json; an error naming the file when it is missing, unreadable or of another layout. */
export async function readSnapshotManifest(dir: string): Promise<Manifest> {
  const manifestFile = join(dir, "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  } catch (error) {
    throw new Error(`${manifestFile}: not a snapshot manifest (${(error as Error).message}); run \`ltv snapshot\` first`);
  }
  if (manifest.schema_version !== SCHEMA_VERSION) {
    throw new Error(`${manifestFile}: a snapshot of layout ${manifest.schema_version}, and this version reads layout ${SCHEMA_VERSION}; build it again with \`ltv snapshot\``);
  }
  return manifest;
}

/** Opens a snapshot folder in native DuckDB, each table a view over its Parquet file. */
export async function openSnapshot(dir: string): Promise<OpenSnapshot> {
  const manifest = await readSnapshotManifest(dir);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const table of SNAPSHOT_TABLES) {
    const file = join(dir, `${table}.parquet`).replaceAll("'", "''");
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${file}')`);
  }
  return {
    connection,
    manifest,
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/** Runs SQL and returns rows as plain JSON values: dates as YYYY-MM-DD, big integers as numbers. */
export async function queryRows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])));
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}
