import {withinMonthsSql} from "../../src/components/earlyRevenue.js";
import {COUNTED_STATUS, SNAPSHOT_LTV_MONTHS} from "../../src/components/schema.js";
import {sqlLiteral} from "../../src/components/sqlLiteral.js";

/** The staging tables a source's rows are appended to, in arrival order (`seq`). */
export function stagingTablesSql(): string {
  return `
CREATE TABLE staged_orders (
  seq INTEGER, order_id VARCHAR, customer_id VARCHAR, ordered_at_ms DOUBLE, goods_amount INTEGER,
  discount_amount INTEGER, shipping_fee INTEGER, coupon_code VARCHAR, channel VARCHAR, status VARCHAR,
  subscription_id VARCHAR, delivery_number INTEGER
);
CREATE TABLE staged_lines (seq INTEGER, line_number INTEGER, product_id VARCHAR, quantity INTEGER, unit_price INTEGER);
CREATE TABLE products (
  product_id VARCHAR, name VARCHAR, name_en VARCHAR, category VARCHAR, kind VARCHAR, list_price INTEGER
);
-- what was read from which file, and each row that was not loaded (row sources; empty for the demo)
CREATE TABLE source_files (file_index INTEGER, file VARCHAR, rows_read BIGINT);
CREATE TABLE rejected_rows (file VARCHAR, "row" BIGINT, "column" VARCHAR, reason VARCHAR, value VARCHAR, order_key VARCHAR);`;
}

/** The rejected list as the snapshot publishes it: file, row, column, reason and offending value. */
export function rejectionsTableSql(): string {
  return `
CREATE TABLE rejections AS
SELECT r.file, r."row" AS row_number, r."column" AS column_name, r.reason, r.value
FROM rejected_rows r JOIN source_files f USING (file)
ORDER BY f.file_index, r."row", r.reason;`;
}

/**
 * Orders and their lines as the snapshot stores them, numbered in time order. The work table `orders` also holds
 * `main_product_id`, the product of an order's largest line (the first of equals), which its kind and its
 * customer's first product are read from; the Parquet file leaves it out.
 */
export function ordersTablesSql(): string {
  return `
CREATE TABLE numbered AS
-- a source's own id is kept; otherwise ids follow time, as a cart's would. Orders are numbered only where one has no
-- id: a source gives ids for all its orders or for none, and numbering five million that have ids took a second
SELECT seq, order_id FROM staged_orders WHERE NOT EXISTS (SELECT 1 FROM staged_orders WHERE order_id IS NULL)
UNION ALL
SELECT seq, coalesce(order_id, 'O' || lpad(CAST(row_number() OVER (ORDER BY ordered_at_ms, customer_id, seq) AS VARCHAR), 8, '0'))
FROM staged_orders WHERE EXISTS (SELECT 1 FROM staged_orders WHERE order_id IS NULL);

CREATE TABLE order_lines AS
SELECT n.order_id, l.line_number, l.product_id, p.category, l.quantity, l.unit_price, l.quantity * l.unit_price AS amount
FROM staged_lines l JOIN numbered n USING (seq) JOIN products p USING (product_id);

CREATE TABLE order_facts AS
WITH main_line AS (
  SELECT seq, arg_min(product_id, (-(quantity * unit_price), line_number)) AS main_product_id FROM staged_lines GROUP BY seq
)
SELECT
  n.order_id, s.customer_id,
  epoch_ms(CAST(s.ordered_at_ms AS BIGINT)) AS ordered_at,
  CAST(epoch_ms(CAST(s.ordered_at_ms AS BIGINT)) AS DATE) AS order_date,
  s.goods_amount, s.discount_amount, s.shipping_fee,
  s.goods_amount - s.discount_amount AS revenue,
  -- an order is of the kind of its largest line
  s.coupon_code, s.channel, s.status, p.kind AS order_kind, s.subscription_id, s.delivery_number, m.main_product_id
FROM staged_orders s JOIN numbered n USING (seq) JOIN main_line m USING (seq) JOIN products p ON p.product_id = m.main_product_id;

CREATE TABLE orders AS
WITH ranked AS (
  -- a counted order's place among its customer's counted orders, and the days since the one before: ranked once
  -- here so that pages scan orders instead of ranking them (on the few columns it needs: a window sorts all it carries)
  SELECT order_id, CAST(row_number() OVER customer_orders AS INTEGER) AS order_number,
    CAST(date_diff('day', lag(order_date) OVER customer_orders, order_date) AS INTEGER) AS days_since_previous
  FROM order_facts WHERE status = ${sqlLiteral(COUNTED_STATUS)}
  WINDOW customer_orders AS (PARTITION BY customer_id ORDER BY ordered_at, order_id)
)
SELECT o.*, r.order_number, r.days_since_previous FROM order_facts o LEFT JOIN ranked r USING (order_id);`;
}

/** The day after the last order of any status: the default as-of date, so a rebuild says the same. */
export function defaultAsOfSql(): string {
  return `SELECT strftime(max(order_date) + 1, '%Y-%m-%d') AS as_of FROM orders`;
}

/** Options for the per-customer table. */
export interface CustomersOptions {
  /** The snapshot's as-of date (YYYY-MM-DD): recency is measured to it. */
  asOf: string;
}

/** One row per customer with at least one counted order, derived once so pages aggregate customers. */
export function customersTableSql({asOf}: CustomersOptions): string {
  return `
CREATE TABLE customers AS
WITH counted AS (
  -- cancelled and refunded orders are not purchases; a counted order's place among them is its order_number
  SELECT customer_id, order_id, ordered_at, order_date, revenue, channel, order_kind, subscription_id,
    order_number AS nth, main_product_id AS product_id
  FROM orders WHERE status = ${sqlLiteral(COUNTED_STATUS)}
),
ranked AS (
  SELECT *, min(order_date) OVER (PARTITION BY customer_id) AS first_date FROM counted
)
SELECT
  customer_id,
  CAST(date_trunc('month', min(order_date)) AS DATE) AS cohort_month,
  max(order_id) FILTER (WHERE nth = 1) AS first_order_id,
  min(ordered_at) AS first_order_at,
  min(order_date) AS first_order_date,
  max(order_date) AS last_order_date,
  max(product_id) FILTER (WHERE nth = 1) AS first_product_id,
  max(order_kind) FILTER (WHERE nth = 1) AS first_order_kind,
  max(channel) FILTER (WHERE nth = 1) AS first_channel,
  CAST(count(*) AS INTEGER) AS orders,
  CAST(sum(revenue) AS BIGINT) AS revenue,
  -- revenue after the first X months (X-month revenue is revenue less this, for customers observed X months):
  -- zero for most customers, so it costs the table files next to nothing
  ${SNAPSHOT_LTV_MONTHS.map((m) => `CAST(coalesce(sum(revenue) FILTER (WHERE NOT ${withinMonthsSql(m, "order_date", "first_date")}), 0) AS BIGINT) AS revenue_after_${m}m`).join(",\n  ")},
  max(order_date) FILTER (WHERE nth = 2) AS second_order_date,
  max(order_kind) FILTER (WHERE nth = 2) AS second_order_kind,
  CAST(date_diff('day', min(order_date), max(order_date) FILTER (WHERE nth = 2)) AS INTEGER) AS days_to_second,
  -- the third and fourth orders, for routes of three and four levels
  max(order_kind) FILTER (WHERE nth = 3) AS third_order_kind,
  CAST(date_diff('day', max(order_date) FILTER (WHERE nth = 2), max(order_date) FILTER (WHERE nth = 3)) AS INTEGER) AS days_second_to_third,
  max(order_kind) FILTER (WHERE nth = 4) AS fourth_order_kind,
  CAST(date_diff('day', max(order_date) FILTER (WHERE nth = 3), max(order_date) FILTER (WHERE nth = 4)) AS INTEGER) AS days_third_to_fourth,
  CAST(date_diff('day', max(order_date), DATE ${sqlLiteral(asOf)}) AS INTEGER) AS recency_days,
  CAST(date_diff('day', min(order_date), max(order_date)) AS INTEGER) AS tenure_days,
  bool_or(subscription_id IS NOT NULL) AS is_subscriber
FROM ranked
GROUP BY customer_id
ORDER BY customer_id;`;
}
