import {readdirSync} from "node:fs";
import {join} from "node:path";
import {SNAPSHOT_TABLES, type SnapshotTable} from "../src/components/schema.js";

/** A built site's file `folder`/`name`.<hash>`ext`, as its path from the site's root (`/folder/…`). */
export function siteFile(site: string, folder: string, name: string, ext: string): string {
  const file = readdirSync(join(site, folder)).find((f) => f.startsWith(`${name}.`) && f.endsWith(ext));
  if (!file) throw new Error(`${site}: no ${folder}/${name}.*${ext}; build the site first`);
  return `/${folder}/${file}`;
}

/** The table files a built site's pages download, by table: their paths on disk. */
export function siteTableFiles(site: string): Record<SnapshotTable, string> {
  return Object.fromEntries(SNAPSHOT_TABLES.map((table) => [table, join(site, siteFile(site, "_file/data", table, ".duckdb"))])) as Record<SnapshotTable, string>;
}
