import {FileAttachment} from "observablehq:stdlib";
import type {SnapshotTable} from "./schema.js";

// Literal FileAttachment calls, so that Framework builds these files into the site; a page fetches only
// the tables it asks for.
export const SNAPSHOT_FILES: Record<SnapshotTable, {href: string; arrayBuffer(): Promise<ArrayBuffer>}> = {
  orders: FileAttachment("../data/orders.parquet"),
  order_lines: FileAttachment("../data/order_lines.parquet"),
  products: FileAttachment("../data/products.parquet"),
  customers: FileAttachment("../data/customers.parquet")
};

export const MANIFEST_FILE = FileAttachment("../data/manifest.json");
