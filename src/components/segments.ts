import {pairAssignmentSql, segmentAssignmentSql, type AssignmentOptions} from "./segmentAssignment.js";
import {SEGMENTS, type SegmentScheme} from "./segmentSchemes.js";
import {sqlLiteral} from "./sqlLiteral.js";

/** A segment's share of customers and of revenue, and what its customers are worth. */
export interface SegmentRow {
  segment: string;
  customers: number;
  customer_share: number;
  revenue: number;
  revenue_share: number;
  ltv: number | null;
  orders_per_customer: number | null;
  aov: number | null;
}

/**
 * Every class of a scheme, in the scheme's order, empty ones with zeros: customers and revenue with their
 * shares, LTV (revenue to date per customer), orders per customer and average order value.
 */
export function segmentsSql<S extends SegmentScheme>(options: AssignmentOptions<S>): string {
  const codes = SEGMENTS[options.scheme].map(([code]) => code);
  // where the scheme reads recency and orders alone, customers are counted per (recency, orders) pair first and the
  // few thousand pairs assigned instead of every customer (at 5M orders, 47 → 25 ms in DuckDB-WASM)
  const pairs = pairAssignmentSql(options, "(SELECT recency_days, orders, count(*) AS customers, sum(revenue) AS revenue FROM customers GROUP BY ALL)");
  const sums = pairs === null ? "count(*) AS customers, sum(revenue) AS revenue, sum(orders) AS orders" : "sum(customers) AS customers, sum(revenue) AS revenue, sum(orders * customers) AS orders";
  return `
WITH assigned AS (${pairs ?? segmentAssignmentSql(options)}),
classes AS (SELECT unnest(${sqlLiteral(codes)}) AS segment, unnest(range(1, ${codes.length + 1})) AS position),
totals AS (SELECT segment, ${sums} FROM assigned GROUP BY segment),
overall AS (SELECT sum(customers) AS customers, sum(revenue) AS revenue FROM totals)
SELECT
  classes.segment,
  CAST(coalesce(t.customers, 0) AS INTEGER) AS customers,
  CAST(coalesce(t.customers / nullif(overall.customers, 0), 0) AS DOUBLE) AS customer_share,
  CAST(coalesce(t.revenue, 0) AS DOUBLE) AS revenue,
  CAST(coalesce(t.revenue / nullif(overall.revenue, 0), 0) AS DOUBLE) AS revenue_share,
  CAST(t.revenue / t.customers AS DOUBLE) AS ltv,
  CAST(t.orders / t.customers AS DOUBLE) AS orders_per_customer,
  CAST(t.revenue / nullif(t.orders, 0) AS DOUBLE) AS aov
FROM classes LEFT JOIN totals t USING (segment), overall
ORDER BY classes.position`;
}

/** The customer ids of one segment, for `customerListSql`. */
export function segmentIdsSql<S extends SegmentScheme>(options: AssignmentOptions<S> & {segment: string}): string {
  return `SELECT customer_id FROM (${segmentAssignmentSql(options)}) WHERE segment = ${sqlLiteral(options.segment)}`;
}

/** Every customer with its segment: {customer_id, segment}. */
export function customerSegmentsSql<S extends SegmentScheme>(options: AssignmentOptions<S>): string {
  return `SELECT customer_id, segment FROM (${segmentAssignmentSql(options)})`;
}
