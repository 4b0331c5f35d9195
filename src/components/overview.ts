import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral} from "./sqlLiteral.js";

/** The home page's headline figures, one row. */
export interface OverviewRow {
  customers: number;
  orders: number;
  revenue: number;
  cancelled_orders: number;
  refunded_orders: number;
  repeat_customers: number;
  repeat_rate: number | null;
  aov: number | null;
  second_purchase_window: number;
  second_purchase_eligible: number;
  second_purchase_rate: number | null;
}

export interface OverviewOptions {
  /** Snapshot as-of date, YYYY-MM-DD. */
  asOf: string;
  /** A second order counts for the 2nd-purchase rate when it comes within this many days of the first. */
  secondPurchaseDays?: number;
}

/**
 * Headline figures of a snapshot: customers and counted orders, revenue (goods net of discounts, without
 * shipping), repeat rate (share of customers with 2+ counted orders), average order value, and the
 * 2nd-purchase rate: of customers whose first order is at least `secondPurchaseDays` before the as-of
 * date, the share whose second order came within that many days.
 */
export function overviewSql({asOf, secondPurchaseDays = 90}: OverviewOptions): string {
  const days = sqlLiteral(secondPurchaseDays);
  return `
WITH order_counts AS (
  SELECT
    count(*) FILTER (WHERE status = ${sqlLiteral(COUNTED_STATUS)}) AS orders,
    count(*) FILTER (WHERE status = 'cancelled') AS cancelled_orders,
    count(*) FILTER (WHERE status = 'refunded') AS refunded_orders
  FROM orders
),
customer_counts AS (
  SELECT
    count(*) AS customers,
    sum(revenue) AS revenue,
    count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
    -- only customers observed for the whole window can have made their second order within it
    count(*) FILTER (WHERE first_order_date <= DATE ${sqlLiteral(asOf)} - ${days}) AS eligible,
    count(*) FILTER (WHERE first_order_date <= DATE ${sqlLiteral(asOf)} - ${days} AND days_to_second <= ${days}) AS converted
  FROM customers
)
SELECT
  CAST(customers AS INTEGER) AS customers,
  CAST(orders AS INTEGER) AS orders,
  CAST(coalesce(revenue, 0) AS DOUBLE) AS revenue,
  CAST(cancelled_orders AS INTEGER) AS cancelled_orders,
  CAST(refunded_orders AS INTEGER) AS refunded_orders,
  CAST(repeat_customers AS INTEGER) AS repeat_customers,
  repeat_customers / nullif(customers, 0) AS repeat_rate,
  revenue / nullif(orders, 0) AS aov,
  CAST(${days} AS INTEGER) AS second_purchase_window,
  CAST(eligible AS INTEGER) AS second_purchase_eligible,
  converted / nullif(eligible, 0) AS second_purchase_rate
FROM order_counts, customer_counts`;
}

/** Revenue and orders per month, split into first orders and repeat orders. */
export interface MonthlyRow {
  month: string;
  buyer: "new" | "repeat";
  orders: number;
  revenue: number;
}

/** Counted orders and revenue per calendar month, first orders apart from repeat orders. */
export function monthlySql(): string {
  return `
WITH counted AS (
  SELECT date_trunc('month', order_date) AS month, revenue,
    order_number = 1 AS is_first
  FROM orders
  WHERE status = ${sqlLiteral(COUNTED_STATUS)}
),
monthly AS (SELECT month, is_first, count(*) AS orders, sum(revenue) AS revenue FROM counted GROUP BY ALL)
-- months are formatted after grouping: once per month, not once per order
SELECT
  strftime(month, '%Y-%m') AS month,
  CASE WHEN is_first THEN 'new' ELSE 'repeat' END AS buyer,
  CAST(orders AS INTEGER) AS orders,
  CAST(revenue AS DOUBLE) AS revenue
FROM monthly
ORDER BY month, buyer`;
}
