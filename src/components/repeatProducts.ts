import {earlyRevenue} from "./earlyRevenue.js";
import {segmentAssignmentSql} from "./segmentAssignment.js";
import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

export interface FirstProductOptions {
  asOf: string;
  /** A second order counts when it comes within this many days of the first. */
  windowDays?: number;
  /** X of the X-month LTV. */
  ltvMonths?: number;
}

/** What each first product leads to. */
export interface FirstProductRow {
  first_product_id: string;
  name: string;
  name_en: string;
  customers: number;
  /** Customers whose window was over by the as-of date: the base of the second-purchase rate. */
  observed: number;
  second_purchase_rate: number | null;
  /** Median days to the second order, among those who came back within the window. */
  median_days: number | null;
  ltv_x: number | null;
  ltv_x_customers: number;
}

/**
 * For each first product (the largest line of the first counted order): customers, the share who ordered
 * again within the window (among customers whose window is over), median days to that order, and X-month LTV.
 */
export function firstProductSql({asOf, windowDays = 90, ltvMonths = 12}: FirstProductOptions): string {
  const early = earlyRevenue(asOf, ltvMonths);
  return `
WITH ${[...early.ctes, ""].join(",\n")}base AS (
  SELECT c.*, c.first_order_date + ${v(windowDays)} < DATE ${v(asOf)} AS window_over,
    c.days_to_second <= ${v(windowDays)} AS came_back, ${early.value} AS early_revenue
  FROM customers c${early.join}
)
SELECT b.first_product_id, coalesce(any_value(p.name), b.first_product_id) AS name,
  coalesce(any_value(p.name_en), b.first_product_id) AS name_en,
  CAST(count(*) AS INTEGER) AS customers,
  CAST(count(*) FILTER (WHERE window_over) AS INTEGER) AS observed,
  count(*) FILTER (WHERE window_over AND came_back) / nullif(count(*) FILTER (WHERE window_over), 0) AS second_purchase_rate,
  CAST(median(days_to_second) FILTER (WHERE came_back) AS DOUBLE) AS median_days,
  CAST(avg(early_revenue) AS DOUBLE) AS ltv_x,
  CAST(count(early_revenue) AS INTEGER) AS ltv_x_customers
FROM base b LEFT JOIN products p ON p.product_id = b.first_product_id
GROUP BY b.first_product_id
ORDER BY customers DESC, b.first_product_id`;
}

/** A pair of products bought by the same loyal customers. */
export interface CrossSellPair {
  product_a: string;
  product_b: string;
  customers: number;
  support: number;
  lift: number;
  /** Share of the other customers who bought both: low here and high among loyal customers is the hidden gem. */
  support_others: number;
}

/**
 * Product pairs among loyal customers (value × activity scheme, `loyal` class): how many bought both
 * (support = share of loyal customers), lift = support / (share buying A × share buying B), and the
 * same support among all other customers for comparison.
 */
export function crossSellSql({asOf, minCustomers = 5}: {asOf: string; minCustomers?: number}): string {
  return `
WITH loyal AS (SELECT customer_id FROM (${segmentAssignmentSql({scheme: "value_activity", asOf})}) WHERE segment = 'loyal'),
bought AS (
  SELECT DISTINCT o.customer_id, l.product_id, o.customer_id IN (SELECT customer_id FROM loyal) AS is_loyal
  FROM orders o JOIN order_lines l USING (order_id) WHERE o.status = ${v(COUNTED_STATUS)}
),
sizes AS (
  SELECT (SELECT count(*) FROM loyal) AS loyal, (SELECT count(*) FROM customers) - (SELECT count(*) FROM loyal) AS others
),
singles AS (SELECT product_id, count(*) AS customers FROM bought WHERE is_loyal GROUP BY product_id),
pairs AS (
  SELECT a.product_id AS product_a, b.product_id AS product_b, count(*) FILTER (WHERE a.is_loyal) AS loyal,
    count(*) FILTER (WHERE NOT a.is_loyal) AS others
  FROM bought a JOIN bought b ON a.customer_id = b.customer_id AND a.product_id < b.product_id
  GROUP BY ALL
)
SELECT product_a, product_b, CAST(p.loyal AS INTEGER) AS customers,
  p.loyal / s.loyal AS support,
  (p.loyal / s.loyal) / ((sa.customers / s.loyal) * (sb.customers / s.loyal)) AS lift,
  coalesce(p.others / nullif(s.others, 0), 0) AS support_others
FROM pairs p, sizes s
JOIN singles sa ON sa.product_id = p.product_a JOIN singles sb ON sb.product_id = p.product_b
WHERE p.loyal >= ${v(minCustomers)}
ORDER BY lift DESC, customers DESC, product_a, product_b`;
}
