import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildSnapshot, type SnapshotOptions} from "../../loaders/snapshot/buildSnapshot.js";
import type {Source} from "../../loaders/source.js";
import {tableDatabaseBytes} from "../../loaders/tableDatabase.js";
import type {Manifest} from "../../src/components/schema.js";
import {openTablesInWasm, type WasmDB} from "../../loaders/wasmDuckDB.js";

/** Builds a snapshot with the real loader into a temporary folder. */
export async function snapshotOf(source: Source, options: Partial<SnapshotOptions> = {}) {
  const out = mkdtempSync(join(tmpdir(), "ltv-snapshot-"));
  const manifest = await buildSnapshot(source, {out, ...options});
  return {out, manifest};
}

/** A snapshot loaded into DuckDB-WASM the way a page loads it. */
export async function wasmSnapshot(source: Source, options: Partial<SnapshotOptions> = {}): Promise<{db: WasmDB; manifest: Manifest; out: string}> {
  const {out, manifest} = await snapshotOf(source, options);
  return {db: await openSnapshotInWasm(out), manifest, out};
}

/** DuckDB-WASM with every table of the snapshot written to `dir`, attached from the database file a site ships. */
export function openSnapshotInWasm(dir: string): Promise<WasmDB> {
  return openTablesInWasm((table) => tableDatabaseBytes(join(dir, `${table}.parquet`), table));
}
