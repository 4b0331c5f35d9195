import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {readdir, readFile, rename, rm, writeFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import JSZip from "jszip";
import {siteConfig} from "./siteConfig.js";
import {pseudonymKey} from "./rows/pseudonymKey.js";
import {buildSnapshot} from "./snapshot/buildSnapshot.js";
import {openSource} from "./sources/openSource.js";
import {defaultViewAnswers} from "./shippedAnswers.js";
import {tableDatabaseBytes} from "./tableDatabase.js";
import {readSnapshotManifest} from "./snapshot/openSnapshot.js";
import {openTablesInWasm} from "./wasmDuckDB.js";
import type {SnapshotTable} from "../src/components/schema.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The snapshot the site shows, built once per configuration and code version into .cache/snapshots/ and
 * shared by all of the site's data loaders (Framework runs one loader per file).
 */
export async function siteSnapshotDir(): Promise<string> {
  const config = siteConfig();
  const source = await openSource(config.source, {config: config.source_config ? resolve(root, config.source_config) : undefined});
  // the input's own fingerprint and the pseudonym key's id: a changed export or key rebuilds the snapshot
  const key = createHash("sha256")
    .update(JSON.stringify(config))
    .update(source.fingerprint)
    .update("mapping" in source ? pseudonymKey().key_id : "")
    .update(await codeVersion())
    .digest("hex")
    .slice(0, 16);
  const dir = join(root, ".cache", "snapshots", key);
  if (existsSync(join(dir, "manifest.json"))) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  await buildSnapshot(source, {
    out: building,
    asOf: config.as_of ?? undefined,
    timeZone: config.time_zone ?? undefined,
    log: (message) => process.stderr.write(`${message}\n`)
  });
  // Loaders run side by side: the first to finish publishes; the others' identical copies are dropped.
  await rename(building, dir).catch(() => rm(building, {recursive: true, force: true}));
  return dir;
}

/** Writes one file of the site's snapshot to stdout (a Framework data loader's output). */
export async function writeSiteSnapshotFile(name: string): Promise<void> {
  await writeStdout(await readFile(join(await siteSnapshotDir(), name)));
}

/** Writes the database file pages download for one table of the site's snapshot to stdout. */
export async function writeSiteTableDatabase(table: SnapshotTable): Promise<void> {
  await writeStdout(await siteTableDatabase(table));
}

/**
 * Writes the answers a page ships with (shippedAnswers.ts) to stdout, as a ZIP of first.arrow, large.arrow and
 * later.arrow: one loader answers the default view once, and Framework takes each file out of the archive (JSZip,
 * which Framework itself reads archives with).
 */
export async function writeSiteShippedAnswers(page: string): Promise<void> {
  const manifest = await readSnapshotManifest(await siteSnapshotDir());
  const db = await openTablesInWasm(siteTableDatabase);
  const files = await defaultViewAnswers(page, manifest, db);
  const zip = new JSZip();
  for (const [name, bytes] of Object.entries(files)) zip.file(`${name}.arrow`, bytes);
  await writeStdout(await zip.generateAsync({type: "uint8array", compression: "STORE"}));
}

/**
 * A table's database file, written once per snapshot beside it: the table's own data loader and every page's
 * shipped answers read the same file.
 */
async function siteTableDatabase(table: SnapshotTable): Promise<Uint8Array> {
  const dir = await siteSnapshotDir();
  const file = join(dir, `${table}.duckdb`);
  if (!existsSync(file)) {
    const writing = `${file}.${process.pid}.tmp`;
    await writeFile(writing, await tableDatabaseBytes(join(dir, `${table}.parquet`), table));
    await rename(writing, file);
  }
  return readFile(file);
}

function writeStdout(bytes: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}

/** A hash of the code that shapes a snapshot, so a change to it rebuilds the cached one. */
async function codeVersion(): Promise<string> {
  const hash = createHash("sha256");
  const loaders = (await readdir(join(root, "loaders"), {recursive: true})).map((file) => join("loaders", file));
  const files = [...loaders, "src/components/schema.ts", "src/components/sqlLiteral.ts"].filter((f) => f.endsWith(".ts"));
  for (const file of files.sort()) hash.update(file).update(await readFile(join(root, file)));
  return hash.digest("hex");
}
