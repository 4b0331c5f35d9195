import {FileAttachment} from "observablehq:stdlib";
import type {SnapshotTable} from "./schema.js";

// Literal FileAttachment calls, so that Framework builds these files into the site; a page fetches only
// the tables it asks for, each a DuckDB database file (see tableDatabase.ts).
export const SNAPSHOT_HREFS: Record<SnapshotTable, string> = {
  orders: FileAttachment("../data/orders.duckdb").href,
  order_lines: FileAttachment("../data/order_lines.duckdb").href,
  products: FileAttachment("../data/products.duckdb").href,
  customers: FileAttachment("../data/customers.duckdb").href,
  rejections: FileAttachment("../data/rejections.duckdb").href
};

export const MANIFEST_FILE = FileAttachment("../data/manifest.json");
