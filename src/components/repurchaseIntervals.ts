import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/** How intervals are split into groups. */
export const INTERVAL_GROUPINGS = ["transition", "first_product", "first_category", "order_type"] as const;
export type IntervalGrouping = (typeof INTERVAL_GROUPINGS)[number];

/** The page's settings when it opens. */
export const DEFAULT_INTERVALS = {groupBy: "transition", binDays: 7, maxDays: 360, excludeSubscriptions: true} as const;

export interface IntervalOptions {
  /** transition (1→2, 2→3, 3+: the interval ending at the later order), first product or category, or
   * order type (subscription when the later order belongs to a subscription, else one_off). */
  groupBy?: IntervalGrouping;
  /** Leave out intervals that end at a scheduled subscription delivery (delivery 2 on): a schedule, not a
   * decision. A subscription's first delivery was a decision and stays. */
  excludeSubscriptions?: boolean;
}

/**
 * Per grouping, what an interval is grouped by (`key`, as cheap to group as it can be: for transitions the later
 * order's number, a column of the snapshot) and its group's name from the key (`name`, SQL over `key`).
 */
const GROUPS: Record<IntervalGrouping, {key: string; name: string}> = {
  transition: {key: "n", name: "CASE key WHEN 2 THEN '1→2' WHEN 3 THEN '2→3' ELSE '3+' END"},
  first_product: {key: "f.first_product_id", name: "key"},
  first_category: {key: "f.first_category", name: "key"},
  order_type: {key: "subscription_id IS NULL", name: "CASE WHEN key THEN 'one_off' ELSE 'subscription' END"}
};
const groupOf = ({groupBy = "transition"}: IntervalOptions) => GROUPS[groupBy];

/**
 * The `intervals` CTE: whole days between consecutive counted orders of a customer, in time order (0 for
 * two orders on one day), each with its group's key (GROUPS).
 */
function intervalsCte(options: IntervalOptions): string {
  const byFirstOrder = options.groupBy === "first_product" || options.groupBy === "first_category";
  // the snapshot numbers each customer's counted orders in time order and keeps the days since the one before
  return `ordered AS (
  SELECT customer_id, subscription_id, delivery_number, order_number AS n, days_since_previous AS days
  FROM orders WHERE status = ${v(COUNTED_STATUS)}
),${byFirstOrder ? `
firsts AS (
  SELECT c.customer_id, c.first_product_id, coalesce(p.category, c.first_product_id) AS first_category
  FROM customers c LEFT JOIN products p ON p.product_id = c.first_product_id
),` : ""}
intervals AS (
  -- a customer's first order ends no interval
  SELECT ${groupOf(options).key} AS key, days FROM ordered${byFirstOrder ? " JOIN firsts f USING (customer_id)" : ""}
  WHERE days IS NOT NULL ${options.excludeSubscriptions ? "AND NOT coalesce(delivery_number > 1, false)" : ""}
)`;
}

/**
 * Histogram rows {group, bin_start, bin_end, intervals}: completed intervals in bins of `binDays`. The intervals are
 * counted per key and day first, and those few thousand counts then named and binned; for transitions the key and
 * the days are both the snapshot's columns, with known ranges, which DuckDB counts in an array (engineSettings.ts):
 * at 5M orders 106 → 68 ms in DuckDB-WASM (native 73 → 51) against naming and binning each of the 1M intervals.
 */
export function intervalHistogramSql({binDays = 7, ...options}: IntervalOptions & {binDays?: number}): string {
  return `
WITH ${intervalsCte(options)},
per_day AS (SELECT key, days, count(*) AS intervals FROM intervals GROUP BY key, days)
SELECT ${groupOf(options).name} AS "group", CAST(days // ${v(binDays)} * ${v(binDays)} AS INTEGER) AS bin_start,
  CAST(days // ${v(binDays)} * ${v(binDays)} + ${v(binDays)} AS INTEGER) AS bin_end, CAST(sum(intervals) AS INTEGER) AS intervals
FROM per_day GROUP BY ALL ORDER BY "group", bin_start`;
}

/** Summary rows {group, intervals, median, p25, p75}; quantiles interpolated (DuckDB's quantile_cont). */
export function intervalSummarySql(options: IntervalOptions): string {
  return `
WITH ${intervalsCte(options)}
SELECT ${groupOf(options).name} AS "group", CAST(count(*) AS INTEGER) AS intervals,
  CAST(quantile_cont(days, 0.5) AS DOUBLE) AS median,
  CAST(quantile_cont(days, 0.25) AS DOUBLE) AS p25,
  CAST(quantile_cont(days, 0.75) AS DOUBLE) AS p75
FROM intervals GROUP BY ALL ORDER BY "group"`;
}

/** A step of the Kaplan–Meier curve of days to the second order. */
export interface SurvivalRow {
  day: number;
  at_risk: number;
  returned: number;
  censored: number;
  /** Share of customers who have not placed a second counted order by this day. */
  survival: number;
}

/**
 * Kaplan–Meier estimate of the share of customers not yet back for a second counted order, by days since
 * the first. Customers with one order are right-censored at the days from their first order to the as-of
 * date: they may still come back.
 */
export function secondOrderSurvivalSql({asOf}: {asOf: string}): string {
  return `
WITH times AS (
  SELECT CASE WHEN orders >= 2 THEN days_to_second ELSE date_diff('day', first_order_date, DATE ${v(asOf)}) END AS day,
    orders >= 2 AS returned
  FROM customers
),
by_day AS (
  SELECT day, count(*) FILTER (WHERE returned) AS returned, count(*) FILTER (WHERE NOT returned) AS censored, count(*) AS leaving
  FROM times GROUP BY day
),
risk AS (SELECT *, sum(leaving) OVER (ORDER BY day DESC) AS at_risk FROM by_day)
SELECT CAST(day AS INTEGER) AS day, CAST(at_risk AS INTEGER) AS at_risk, CAST(returned AS INTEGER) AS returned,
  CAST(censored AS INTEGER) AS censored,
  -- the product of (1 − returned / at risk) over the days so far; once everyone at risk has returned, 0
  CASE WHEN bool_or(returned = at_risk) OVER (ORDER BY day) THEN 0.0
    ELSE exp(sum(CASE WHEN returned < at_risk THEN ln(1 - returned / at_risk) ELSE 0 END) OVER (ORDER BY day)) END AS survival
FROM risk ORDER BY day`;
}
