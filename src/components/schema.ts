/**
 * The snapshot schema: every table and column the loaders write and the pages read, declared once.
 * Loaders (Node), pages (browser) and tests import this same module.
 */

import {sqlLiteral} from "./sqlLiteral.js";

/** Order statuses. Only `completed` orders count in analyses; the others are kept so nothing is lost. */
export const ORDER_STATUSES = ["completed", "cancelled", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What a product is for the business: how a customer enters, stays and widens. */
export const PRODUCT_KINDS = ["trial", "main", "subscription", "cross_sell"] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/**
 * The kinds as a DuckDB ENUM type: ORDER_KIND_COLUMNS have it in the table files pages read, and
 * `enum_code(CAST(kind AS …))` numbers a kind from 0 whether the column is this ENUM or text (as in the Parquet).
 */
export const PRODUCT_KIND_ENUM = `ENUM (${PRODUCT_KINDS.map(sqlLiteral).join(", ")})`;

/** The customers table's kinds of each customer's orders 1 to 4, in ordered_at, then order id order. */
export const ORDER_KIND_COLUMNS = ["first_order_kind", "second_order_kind", "third_order_kind", "fourth_order_kind"] as const;

/** The X for which the customers table holds the revenue after the first X months (`revenue_after_3m` …), so that X-month revenue needs no CTE. */
export const SNAPSHOT_LTV_MONTHS = [3, 6, 12, 24] as const;

/** The snapshot layout this code writes and reads; a snapshot of another version must be built again. */
export const SCHEMA_VERSION = 2;

export type ColumnType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "DATE" | "TIMESTAMP" | "BOOLEAN";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** What the column means, for the Data page and the README. */
  ja: string;
  en: string;
}

export interface TableSpec {
  name: SnapshotTable;
  ja: string;
  en: string;
  columns: ColumnSpec[];
}

export const SNAPSHOT_TABLES = ["orders", "order_lines", "products", "customers", "rejections"] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

function col(name: string, type: ColumnType, nullable: boolean, ja: string, en: string): ColumnSpec {
  return {name, type, nullable, ja, en};
}

export const SCHEMA: Record<SnapshotTable, TableSpec> = {
  orders: {
    name: "orders",
    ja: "注文(1行1注文)",
    en: "Orders, one row per order",
    columns: [
      col("order_id", "VARCHAR", false, "注文ID", "order id"),
      col("customer_id", "VARCHAR", false, "顧客ID(仮名化)", "customer id (pseudonymous)"),
      col("ordered_at", "TIMESTAMP", false, "注文日時(ショップの時間帯)", "order time in the shop's time zone"),
      col("order_date", "DATE", false, "注文日", "order date in the shop's time zone"),
      col("goods_amount", "INTEGER", false, "商品金額(円、割引前、送料別)", "goods amount in yen before discount, without shipping"),
      col("discount_amount", "INTEGER", false, "値引額(円)", "discount in yen"),
      col("shipping_fee", "INTEGER", false, "送料(円)", "shipping fee in yen"),
      col("revenue", "INTEGER", false, "売上(円) = 商品金額 − 値引", "revenue in yen = goods amount − discount"),
      col("coupon_code", "VARCHAR", true, "クーポンコード", "coupon code"),
      col("channel", "VARCHAR", false, "チャネル", "channel"),
      col("status", "VARCHAR", false, "状態: completed / cancelled / refunded", "status: completed / cancelled / refunded"),
      col("order_kind", "VARCHAR", false, "注文種別(主な明細の商品種別)", "order kind: the kind of its largest line's product"),
      col("subscription_id", "VARCHAR", true, "定期契約ID", "subscription id"),
      col("delivery_number", "INTEGER", true, "定期回数", "subscription delivery number (1 = first)"),
      col("order_number", "INTEGER", true, "顧客の何回目の有効注文か(集計外の注文は空)", "the customer's nth counted order (empty for orders not counted)"),
      col("days_since_previous", "INTEGER", true, "前回の有効注文からの日数(初回・集計外は空)", "days since the customer's previous counted order (empty for the first and for orders not counted)")
    ]
  },
  order_lines: {
    name: "order_lines",
    ja: "注文明細",
    en: "Order lines",
    columns: [
      col("order_id", "VARCHAR", false, "注文ID", "order id"),
      col("line_number", "INTEGER", false, "明細番号", "line number within the order"),
      col("product_id", "VARCHAR", false, "商品ID", "product id"),
      col("category", "VARCHAR", false, "カテゴリ", "category"),
      col("quantity", "INTEGER", false, "数量", "quantity"),
      col("unit_price", "INTEGER", false, "単価(円)", "unit price in yen"),
      col("amount", "INTEGER", false, "金額(円) = 数量 × 単価", "amount in yen = quantity × unit price")
    ]
  },
  products: {
    name: "products",
    ja: "商品",
    en: "Products",
    columns: [
      col("product_id", "VARCHAR", false, "商品ID", "product id"),
      col("name", "VARCHAR", false, "商品名", "product name"),
      col("name_en", "VARCHAR", false, "商品名(英語)", "product name in English"),
      col("category", "VARCHAR", false, "カテゴリ", "category"),
      col("kind", "VARCHAR", false, "種別: trial / main / subscription / cross_sell", "kind: trial / main / subscription / cross_sell"),
      col("list_price", "INTEGER", false, "現在の定価(円)", "current list price in yen")
    ]
  },
  customers: {
    name: "customers",
    ja: "顧客(スナップショット時点で集計、有効注文のある顧客)",
    en: "Customers with at least one counted order, derived at snapshot time",
    columns: [
      col("customer_id", "VARCHAR", false, "顧客ID(仮名化)", "customer id (pseudonymous)"),
      col("cohort_month", "DATE", false, "獲得月(初回注文の月初)", "acquisition month (first day of the first order's month)"),
      col("first_order_id", "VARCHAR", false, "初回注文ID", "first order id"),
      col("first_order_at", "TIMESTAMP", false, "初回注文日時", "first order time"),
      col("first_order_date", "DATE", false, "初回注文日", "first order date"),
      col("last_order_date", "DATE", false, "最終注文日", "last order date"),
      col("first_product_id", "VARCHAR", false, "初回商品ID(主な明細)", "first order's main product"),
      col("first_order_kind", "VARCHAR", false, "初回注文種別", "first order kind"),
      col("first_channel", "VARCHAR", false, "獲得チャネル", "acquisition channel"),
      col("orders", "INTEGER", false, "有効注文数", "counted orders"),
      col("revenue", "BIGINT", false, "累計売上(円)", "revenue to date in yen"),
      ...SNAPSHOT_LTV_MONTHS.map((m) => col(`revenue_after_${m}m`, "BIGINT", false, `初回から${m}ヶ月より後の売上(円)`, `revenue after the first ${m} months, in yen`)),
      col("second_order_date", "DATE", true, "2回目注文日", "second order date"),
      col("second_order_kind", "VARCHAR", true, "2回目注文種別", "second order kind"),
      col("days_to_second", "INTEGER", true, "2回目までの日数", "days from first to second order"),
      col("third_order_kind", "VARCHAR", true, "3回目注文種別", "third order kind"),
      col("days_second_to_third", "INTEGER", true, "2回目から3回目までの日数", "days from second to third order"),
      col("fourth_order_kind", "VARCHAR", true, "4回目注文種別", "fourth order kind"),
      col("days_third_to_fourth", "INTEGER", true, "3回目から4回目までの日数", "days from third to fourth order"),
      col("recency_days", "INTEGER", false, "最終注文から基準日までの日数", "days from last order to the as-of date"),
      col("tenure_days", "INTEGER", false, "初回から最終注文までの日数", "days from first to last order"),
      col("is_subscriber", "BOOLEAN", false, "定期購入の経験あり", "has ever had a subscription order")
    ]
  },
  rejections: {
    name: "rejections",
    ja: "取り込まなかった行(ファイル・行・列・理由)",
    en: "Rows not loaded: file, row, column and reason",
    columns: [
      col("file", "VARCHAR", false, "ファイル名", "file name"),
      col("row_number", "BIGINT", false, "行番号(見出し = 1)", "row number (the header is row 1)"),
      col("column_name", "VARCHAR", false, "問題の列(行全体なら空)", "offending column (empty for the whole row)"),
      col("reason", "VARCHAR", false, "理由コード", "reason code"),
      col("value", "VARCHAR", true, "問題の値(顧客IDは記録しない)", "offending value (customer ids are never recorded)")
    ]
  }
};

/** What an analysis counts as an order: not cancelled, not refunded. */
export const COUNTED_STATUS: OrderStatus = "completed";

/** Money is integer minor units of one currency per snapshot (yen, or cents for CDNOW's dollars). */
export type Currency = "JPY" | "USD";

/** Digits after the decimal point of each currency: its minor units per major unit are 10 to this power. */
export const CURRENCY_MINOR_DIGITS: Record<Currency, number> = {JPY: 0, USD: 2};

/** manifest.json: what the snapshot is, where it came from and what it holds. */
export interface Manifest {
  schema_version: typeof SCHEMA_VERSION;
  shop: {name: string; name_en: string};
  source: {kind: string; spec: string; fingerprint: string};
  as_of: string;
  time_zone: string;
  currency: Currency;
  period: {first_order_date: string; last_order_date: string};
  row_counts: Record<SnapshotTable, number>;
  /**
   * Source rows read and what became of them: read = loaded + duplicates + rejected. A row is an order line of
   * an export (an order for the demo); duplicates are exact copies of a row in an earlier file, merged.
   */
  rows: {read: number; loaded: number; duplicates: number; rejected: number};
  /** The same account per file, in reading order. */
  files: {file: string; read: number; loaded: number; duplicates: number; rejected: number}[];
  /** Rejected rows per file and reason, with the first such row (the whole list is the rejections table). */
  rejections: {file: string; reason: string; rows: number; first_row: number; first_column: string}[];
  /** How customer ids were made pseudonymous: keyed hash (and which key), or synthetic ids (the demo). */
  privacy: {customer_ids: "keyed_sha256"; key_origin: "env" | "file" | "generated"; key_id: string} | {customer_ids: "synthetic"};
  shipping: {fee: number; free_threshold: number} | null;
  content_hash: string;
}
