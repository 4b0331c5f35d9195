import {sqlLiteral} from "../../src/components/sqlLiteral.js";

/** Export column names of the order-level fields, to name the column an order's rows disagree on. */
export type OrderColumns = Record<"customer_id" | "ordered_at" | "status" | "shipping_fee" | "discount_amount" | "coupon_code" | "channel" | "subscription" | "delivery_number", string>;

const CONTENT = `order_id, customer_key, ordered_at_ms, status, shipping_fee, discount_amount, coupon_code, channel,
  is_subscription, subscription_id, delivery_number, product_id, product_name, quantity, unit_price`;

/** The order-level fields an order's rows must not disagree on. */
const ORDER_FIELDS = "customer_key, ordered_at_ms, status, shipping_fee, discount_amount, coupon_code, channel, is_subscription, delivery_number";

/**
 * Settles staged rows: exact duplicates across files merged, orders whose rows disagree rejected whole, and
 * an order with any rejected row rejected whole (half an order would understate it). `loaded_rows` is what stays.
 * `files` is the number of files read: one file has no copies to look for.
 */
export function settleRowsSql(columns: OrderColumns, files: number): string {
  const sameContent = CONTENT.split(",").map((c) => `s.${c.trim()} IS NOT DISTINCT FROM r.${c.trim()}`).join(" AND ");
  // two different values: the smallest and largest differ (cheaper than counting distinct values)
  const differs = (expr: string, field: keyof OrderColumns) => `WHEN min(${expr}) <> max(${expr}) THEN ${sqlLiteral(columns[field])}`;
  return `
CREATE TABLE duplicate_rows AS
WITH repeated AS (
  -- only a row whose content is in another file too can be a copy: grouping finds them without sorting every row
  SELECT ${CONTENT} FROM staged_rows WHERE ${sqlLiteral(files > 1)} GROUP BY ALL HAVING min(file) <> max(file)
),
copies AS (
  -- the k-th copy of a row in one file is the same row as the k-th copy in another (overlapping exports)
  SELECT s.file, s."row", f.file_index, row_number() OVER (PARTITION BY s.file, ${CONTENT} ORDER BY s."row") AS copy, ${CONTENT}
  FROM (SELECT * FROM staged_rows s SEMI JOIN repeated r ON ${sameContent}) s JOIN source_files f USING (file)
),
ranked AS (
  SELECT file, "row", row_number() OVER (PARTITION BY ${CONTENT}, copy ORDER BY file_index, "row") AS nth FROM copies
)
SELECT file, "row" FROM ranked WHERE nth > 1;

CREATE VIEW unique_rows AS SELECT * FROM staged_rows ANTI JOIN duplicate_rows USING (file, "row");

INSERT INTO rejected_rows
WITH mixed AS (
  -- only an order whose rows are not all alike in these fields can have a conflict: their hashes differ (a field
  -- that differs alone always changes DuckDB's hash; several at once leave it alike with a chance of 2^-64)
  SELECT order_key FROM unique_rows GROUP BY order_key HAVING min(hash(${ORDER_FIELDS})) <> max(hash(${ORDER_FIELDS}))
),
conflicting AS (
  -- an order's fields may sit on its first row only, but two different values are a conflict
  SELECT order_key, CASE
    ${differs("customer_key", "customer_id")} ${differs("ordered_at_ms", "ordered_at")} ${differs("status", "status")}
    ${differs("shipping_fee", "shipping_fee")} ${differs("discount_amount", "discount_amount")}
    ${differs("coupon_code", "coupon_code")} ${differs("channel", "channel")} ${differs("is_subscription", "subscription")}
    ${differs("delivery_number", "delivery_number")} END AS "column"
  FROM unique_rows SEMI JOIN mixed USING (order_key) GROUP BY order_key HAVING "column" IS NOT NULL
)
SELECT u.file, u."row", c."column", 'conflicting_order', u.order_id, u.order_key
FROM unique_rows u JOIN conflicting c USING (order_key);

INSERT INTO rejected_rows
WITH unnamed AS (
  -- no row of the order gives its customer or its time
  SELECT order_key, CASE WHEN count(customer_key) = 0 THEN 'missing_customer_id' ELSE 'bad_date' END AS reason,
    CASE WHEN count(customer_key) = 0 THEN ${sqlLiteral(columns.customer_id)} ELSE ${sqlLiteral(columns.ordered_at)} END AS "column"
  FROM unique_rows GROUP BY order_key HAVING count(customer_key) = 0 OR count(ordered_at_ms) = 0
)
SELECT u.file, u."row", n."column", n.reason, NULL, u.order_key
FROM unique_rows u JOIN unnamed n USING (order_key)
WHERE NOT EXISTS (SELECT 1 FROM rejected_rows r WHERE r.order_key = u.order_key);

INSERT INTO rejected_rows
SELECT u.file, u."row", '', 'order_incomplete', u.order_id, u.order_key
FROM unique_rows u
WHERE EXISTS (SELECT 1 FROM rejected_rows r WHERE r.order_key = u.order_key)
  AND NOT EXISTS (SELECT 1 FROM rejected_rows r WHERE r.file = u.file AND r."row" = u."row");

-- a view, not a copy of ten million rows: the few steps that read it pay for the two small anti joins
CREATE VIEW loaded_rows AS SELECT * FROM unique_rows ANTI JOIN rejected_rows USING (file, "row");`;
}

/** Rows read, loaded, merged and rejected per file; read = loaded + duplicates + rejected. */
export function fileCountsSql(): string {
  return `
SELECT f.file, f.rows_read AS read,
  (SELECT count(*) FROM loaded_rows l WHERE l.file = f.file) AS loaded,
  (SELECT count(*) FROM duplicate_rows d WHERE d.file = f.file) AS duplicates,
  (SELECT count(*) FROM rejected_rows r WHERE r.file = f.file) AS rejected
FROM source_files f ORDER BY f.file_index`;
}

/** Rejected rows per file and reason, with the first as an example. */
export function rejectionCountsSql(): string {
  return `
SELECT r.file, r.reason, count(*) AS rows, arg_min(r."row", r."row") AS first_row, arg_min(r."column", r."row") AS first_column
FROM rejected_rows r JOIN source_files f USING (file)
GROUP BY r.file, f.file_index, r.reason ORDER BY f.file_index, rows DESC, r.reason`;
}

/** Options for turning loaded rows into the staging tables the snapshot derives orders from. */
export interface RowOrdersOptions {
  /** Secret key of the customer pseudonyms (hex). */
  key: string;
  defaultChannel: string;
}

/**
 * Loaded rows appended to the staging tables of `stagingTablesSql`, as orders and lines. Customer ids become keyed pseudonyms here, H(k ‖ H(k ‖ id)) with
 * SHA-256 (HMAC's nested form), so the shop's ids never reach a table that is written.
 */
export function rowOrdersSql({key, defaultChannel}: RowOrdersOptions): string {
  const pseudonym = (id: string) => pseudonymSql(key, id);
  return `
CREATE TABLE keyed_orders AS
-- an order's rows agree on its fields (settleRowsSql rejected those that do not) or leave them blank: any value
-- that is there is the order's, and cheaper to take than the largest
SELECT order_key, any_value(order_id) AS order_id, any_value(customer_key) AS customer_key, any_value(ordered_at_ms) AS ordered_at_ms,
  sum(quantity * unit_price) AS goods_amount, coalesce(any_value(discount_amount), 0) AS discount_amount,
  coalesce(any_value(shipping_fee), 0) AS shipping_fee, any_value(coupon_code) AS coupon_code,
  coalesce(any_value(channel), ${sqlLiteral(defaultChannel)}) AS channel, coalesce(any_value(status), 'completed') AS status,
  bool_or(is_subscription) AS is_subscription, max(subscription_id) AS subscription_id, any_value(delivery_number) AS delivery_number,
  -- the product of its largest line, the first of equals
  arg_min(product_id, (-(quantity * unit_price), file, "row")) AS main_product
FROM loaded_rows GROUP BY order_key;

-- orders numbered in time order, apart from their fields: a window sorts all it carries
CREATE TABLE order_seq AS SELECT order_key, row_number() OVER (ORDER BY ordered_at_ms, order_key) - 1 AS seq FROM keyed_orders;

INSERT INTO staged_lines
SELECT k.seq, CAST(row_number() OVER (PARTITION BY k.seq ORDER BY f.file_index, l."row") AS INTEGER) AS line_number,
  l.product_id, l.quantity, l.unit_price
FROM loaded_rows l JOIN order_seq k USING (order_key) JOIN source_files f USING (file);

INSERT INTO staged_orders
WITH pseudonyms AS (
  -- hashed once per customer, not once per order
  SELECT customer_key, ${pseudonym("customer_key")} AS customer_id FROM (SELECT DISTINCT customer_key FROM keyed_orders)
)
SELECT seq, order_id, customer_id, ordered_at_ms, goods_amount, discount_amount, shipping_fee, coupon_code, channel, status,
  -- without a subscription id in the export, a customer's subscription is to the product it delivers
  CASE WHEN is_subscription OR subscription_id IS NOT NULL THEN coalesce(subscription_id, customer_id || '/' || main_product) END AS subscription_id,
  CASE WHEN is_subscription OR subscription_id IS NOT NULL THEN delivery_number END AS delivery_number
FROM keyed_orders JOIN order_seq USING (order_key) LEFT JOIN pseudonyms USING (customer_key);`;
}

/** The pseudonym of a customer id expression: 'C' and 20 hex digits of H(k ‖ hex H(k ‖ id)), SHA-256. */
export function pseudonymSql(key: string, id: string): string {
  return `'C' || left(sha256(${sqlLiteral(key)} || sha256(${sqlLiteral(key)} || ${id})), 20)`;
}

/** Pseudonym and the shop's own id of every customer in the loaded rows, for the local-only export. */
export function pseudonymMapSql(key: string): string {
  return `
SELECT DISTINCT ${pseudonymSql(key, "customer_key")} AS pseudonym, customer_key AS shop_customer_id
FROM loaded_rows WHERE customer_key IS NOT NULL ORDER BY pseudonym`;
}

/** Each loaded product with its name and unit price on its latest line (by its order's time): its current name and list price. */
export function rowProductsSql(): string {
  return `
SELECT l.product_id,
  -- a line's time is its order's (it may sit on the order's first row only)
  coalesce(arg_max(l.product_name, (k.ordered_at_ms, l.file, l."row")), l.product_id) AS name,
  arg_max(l.unit_price, (k.ordered_at_ms, l.file, l."row")) AS list_price
FROM loaded_rows l JOIN keyed_orders k USING (order_key)
GROUP BY l.product_id ORDER BY l.product_id`;
}
