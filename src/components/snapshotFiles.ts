import {FileAttachment} from "observablehq:stdlib";
import type {SnapshotTable} from "./schema.js";

// Literal FileAttachment calls, so that Framework builds these files into the site; a page fetches only
// the tables it asks for. `.href` straight on each call: a bare Parquet attachment would make Framework
// add its own Parquet reader, fetched from a CDN.
export const SNAPSHOT_HREFS: Record<SnapshotTable, string> = {
  orders: FileAttachment("../data/orders.parquet").href,
  order_lines: FileAttachment("../data/order_lines.parquet").href,
  products: FileAttachment("../data/products.parquet").href,
  customers: FileAttachment("../data/customers.parquet").href,
  rejections: FileAttachment("../data/rejections.parquet").href
};

export const MANIFEST_FILE = FileAttachment("../data/manifest.json");
