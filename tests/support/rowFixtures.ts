import {createHash} from "node:crypto";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildSnapshot, type SnapshotOptions} from "../../loaders/snapshot/buildSnapshot.js";
import {openSource} from "../../loaders/sources/openSource.js";
import {openSnapshotInWasm} from "./snapshotInWasm.js";

/** The pseudonym key the tests snapshot with. */
export const TEST_KEY = "0123456789abcdef".repeat(4);

/** The pseudonym of a shop's customer id, computed apart from the loader's SQL: H(k ‖ hex H(k ‖ id)). */
export function expectedPseudonym(id: string, key = TEST_KEY): string {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  return `C${sha(key + sha(key + id)).slice(0, 20)}`;
}

/** Writes files (text as UTF-8, or bytes) into a new temporary folder and returns it. */
export function writeFixture(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "ltv-rows-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Snapshots a source spec with the real loader and the test key; the tables come back in DuckDB-WASM. */
export async function rowSnapshot(spec: string, config?: string, options: Partial<SnapshotOptions> = {}) {
  const out = mkdtempSync(join(tmpdir(), "ltv-snapshot-"));
  const source = await openSource(spec, {config});
  const manifest = await buildSnapshot(source, {out, env: {LTV_PSEUDONYM_KEY: TEST_KEY}, ...options});
  return {db: await openSnapshotInWasm(out), manifest, out};
}
