import {readFileSync} from "node:fs";
import {CURRENCY_MINOR_DIGITS, ORDER_STATUSES, PRODUCT_KINDS, type Currency, type OrderStatus, type ProductKind} from "../../src/components/schema.js";

/** Fields a source row can carry: order-level ones may repeat on every line row or sit on the first only. */
export const ROW_FIELDS = [
  "order_id",
  "customer_id",
  "ordered_at",
  "status",
  "cancelled_at",
  "shipping_fee",
  "discount_amount",
  "coupon_code",
  "channel",
  "subscription",
  "subscription_id",
  "delivery_number",
  "product_id",
  "product_name",
  "quantity",
  "unit_price",
  "line_amount"
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** Fields every mapping must name a column for. */
export const REQUIRED_FIELDS: RowField[] = ["customer_id", "ordered_at"];


/**
 * How a source's rows become orders: the JSON a consultant writes for a cart's export (`--config FILE`).
 * Column names are the export's own (Japanese headers welcome). Columns that are not mapped, such as
 * names, e-mail addresses, phone numbers and addresses, are never read into the snapshot.
 */
export interface RowMapping {
  shop: {name: string; name_en: string};
  /** IANA zone of the shop: times without an offset are its wall clock, times with one are converted to it. */
  time_zone: string;
  /** Text encoding of CSV files: utf-8 (a BOM is skipped) or shift_jis / cp932 / any iconv-lite name. */
  encoding: string;
  delimiter: string;
  /** d3-time-format pattern of the order time, e.g. "%Y/%m/%d %H:%M:%S"; a trailing " %Z" reads an offset. */
  date_format: string;
  currency: Currency;
  /** Export column for each field; a list means the first non-empty of them. */
  columns: Partial<Record<RowField, string | string[]>>;
  /** Export values meaning each status; every other non-empty value is rejected as unknown. */
  status_values: Record<OrderStatus, string[]>;
  /** Values of the subscription column that mean "a subscription order". */
  subscription_values: string[];
  /** What the shop's products are: kind, category and English name by product id. */
  products: Record<string, {kind?: ProductKind; category?: string; name_en?: string}>;
  /** Kind by product id pattern (regular expressions, first match wins), for products not listed. */
  product_kind_rules: {pattern: string; kind: ProductKind}[];
  default_product_kind: ProductKind;
  default_category: string;
  default_channel: string;
  /** Without an order id column, an order is each row, or a customer's rows of one day (CDNOW). */
  orders_without_id: "row" | "customer_day";
  /** Product id and name when the export has no product column (one product, as in CDNOW). */
  default_product: {id: string; name: string} | null;
  /** A line amount above this (in minor units) is absurd and rejected. */
  max_amount: number;
  /** The snapshot fails when more than this share of rows is rejected. */
  max_rejected_ratio: number;
  shipping: {fee: number; free_threshold: number} | null;
}

/** Defaults for everything but the columns and the shop. */
export const MAPPING_DEFAULTS: Omit<RowMapping, "shop" | "columns"> = {
  time_zone: "Asia/Tokyo",
  encoding: "utf-8",
  delimiter: ",",
  date_format: "%Y-%m-%d %H:%M:%S",
  currency: "JPY",
  status_values: {completed: [], cancelled: [], refunded: []},
  subscription_values: ["1", "true", "TRUE", "yes", "定期"],
  products: {},
  product_kind_rules: [],
  default_product_kind: "main",
  default_category: "未分類",
  default_channel: "web",
  orders_without_id: "row",
  default_product: null,
  max_amount: 10_000_000,
  max_rejected_ratio: 0.02,
  shipping: null
};

/** Reads and checks a mapping file; every mistake names the file and the key. */
export function readRowMapping(file: string, base: Partial<RowMapping> = {}): RowMapping {
  let json: Partial<RowMapping>;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the mapping: ${(error as Error).message}`);
  }
  return checkRowMapping({...base, ...json, columns: {...base.columns, ...json.columns}}, file);
}

/** Fills defaults and checks a mapping given in code (presets) or read from a file (named by `origin`). */
export function checkRowMapping(partial: Partial<RowMapping>, origin: string): RowMapping {
  const mapping = {...MAPPING_DEFAULTS, shop: {name: "ショップ", name_en: "Shop"}, columns: {}, ...partial} as RowMapping;
  const fail = (key: string, why: string) => {
    throw new Error(`${origin}: "${key}" ${why}`);
  };
  for (const field of Object.keys(mapping.columns)) {
    if (!(ROW_FIELDS as readonly string[]).includes(field)) fail(`columns.${field}`, `is not a field; fields: ${ROW_FIELDS.join(", ")}`);
  }
  for (const field of REQUIRED_FIELDS) if (!mapping.columns[field]) fail(`columns.${field}`, "is required");
  if (!mapping.columns.unit_price && !mapping.columns.line_amount) fail("columns.unit_price", "or columns.line_amount is required");
  if (!mapping.columns.product_id && !mapping.default_product) fail("columns.product_id", "or default_product is required");
  if (!(mapping.currency in CURRENCY_MINOR_DIGITS)) fail("currency", `must be one of ${Object.keys(CURRENCY_MINOR_DIGITS).join(", ")}`);
  try {
    new Intl.DateTimeFormat("en-US", {timeZone: mapping.time_zone});
  } catch {
    fail("time_zone", `is not a time zone: ${mapping.time_zone}`);
  }
  for (const status of Object.keys(mapping.status_values)) {
    if (!(ORDER_STATUSES as readonly string[]).includes(status)) fail(`status_values.${status}`, `is not a status; statuses: ${ORDER_STATUSES.join(", ")}`);
  }
  const kinds = [mapping.default_product_kind, ...mapping.product_kind_rules.map((r) => r.kind), ...Object.values(mapping.products).map((p) => p.kind)];
  for (const kind of kinds) if (kind !== undefined && !PRODUCT_KINDS.includes(kind)) fail("kind", `${kind} is not one of ${PRODUCT_KINDS.join(", ")}`);
  for (const rule of mapping.product_kind_rules) {
    try {
      new RegExp(rule.pattern);
    } catch {
      fail("product_kind_rules", `has an invalid pattern: ${rule.pattern}`);
    }
  }
  if (!["row", "customer_day"].includes(mapping.orders_without_id)) fail("orders_without_id", 'must be "row" or "customer_day"');
  if (!(mapping.max_rejected_ratio >= 0 && mapping.max_rejected_ratio <= 1)) fail("max_rejected_ratio", "must be between 0 and 1");
  return mapping;
}

/** The export columns a field is read from, first to last (none when the mapping does not name one). */
export function fieldColumns(mapping: RowMapping, field: RowField): string[] {
  return [mapping.columns[field] ?? []].flat();
}

/** The export columns a mapping reads (for the header check). */
export function mappedColumns(mapping: RowMapping): {field: RowField; columns: string[]}[] {
  return (Object.keys(mapping.columns) as RowField[]).map((field) => ({field, columns: fieldColumns(mapping, field)}));
}
