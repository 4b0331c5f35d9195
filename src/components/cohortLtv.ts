import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/** How customers are grouped for the X-month LTV. */
export const LTV_GROUPINGS = ["cohort", "first_product", "first_order_kind", "first_channel"] as const;
export type LtvGrouping = (typeof LTV_GROUPINGS)[number];

export interface LtvCurveOptions {
  /** Snapshot as-of date, YYYY-MM-DD. */
  asOf: string;
  /** The Xs: months after the first order. */
  months?: number[];
  /** Monthly acquisition cohorts (YYYY-MM), or first product, first order kind or acquisition channel. */
  by?: LtvGrouping;
}

export interface LtvCurveRow {
  cohort: string;
  months: number;
  customers: number;
  ltv: number;
}

export const DEFAULT_LTV_MONTHS = [1, 3, 6, 12, 24];
export const DEFAULT_LTV_GROUPING: LtvGrouping = "cohort";

/**
 * X-month LTV: revenue per customer from counted orders dated in [first order, first order + X calendar
 * months). A monthly cohort enters an X only when every member has been a customer for X months by the
 * as-of date, that is when the cohort month's last day + X months ≤ as-of; grouped otherwise (by first
 * product, kind or channel), each customer enters an X when their own first order + X months ≤ as-of.
 * Pairs not yet observed have no row.
 */
export function ltvCurveSql({asOf, months = DEFAULT_LTV_MONTHS, by = "cohort"}: LtvCurveOptions): string {
  const key = {cohort: "cohort_month", first_product: "first_product_id", first_order_kind: "first_order_kind", first_channel: "first_channel"}[by];
  // as text: a kind is an ENUM in the page's tables, and would sort in the ENUM's order there
  const label = by === "cohort" ? "strftime(grp, '%Y-%m')" : "CAST(grp AS VARCHAR)";
  // what a customer's observation starts from: their cohort month's last day, or their own first order
  const start = by === "cohort" ? "cohort_month" : "first_order_date";
  const since = by === "cohort" ? "CAST(start + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)" : "start";
  return `
WITH xs AS (SELECT CAST(unnest(${v(months)}) AS INTEGER) AS months),
spend AS (
  -- an order in month k after the first (first + k months ≤ its date < first + k + 1 months) is within X months for X > k
  SELECT c.${key} AS grp, c.${start} AS start, ${wholeMonths("c.first_order_date", "o.order_date")} AS k, sum(o.revenue) AS revenue
  FROM orders o JOIN customers c USING (customer_id)
  WHERE o.status = ${v(COUNTED_STATUS)}
  GROUP BY ALL
),
headcount AS (
  -- no half-observed groups: the whole X months have passed for every customer counted at X
  SELECT grp, start, customers, ${wholeMonths(since, `DATE ${v(asOf)}`)} AS observed
  FROM (SELECT ${key} AS grp, ${start} AS start, count(*) AS customers FROM customers GROUP BY ALL)
),
customers_at AS (
  SELECT ${label} AS cohort, xs.months, sum(h.customers) AS customers FROM headcount h JOIN xs ON xs.months <= h.observed GROUP BY ALL
),
revenue_at AS (
  SELECT ${label} AS cohort, xs.months, sum(s.revenue) AS revenue
  FROM spend s JOIN headcount h USING (grp, start) JOIN xs ON xs.months <= h.observed AND s.k < xs.months
  GROUP BY ALL
)
SELECT cohort, months, CAST(customers AS INTEGER) AS customers, CAST(coalesce(revenue, 0) / customers AS DOUBLE) AS ltv
FROM customers_at LEFT JOIN revenue_at USING (cohort, months)
ORDER BY cohort, months`;
}

/**
 * Whole calendar months from `from` to `to`: the largest k with from + k months ≤ to, where DuckDB's
 * month arithmetic keeps the day of the month and clamps it to the month's end.
 */
function wholeMonths(from: string, to: string): string {
  // from + (month boundaries crossed) months lands in to's month, on from's day clamped to the month's end:
  // past `to` exactly when from's day is later and `to` is not its month's last day
  return `(date_diff('month', ${from}, ${to}) - CAST(day(${from}) > day(${to}) AND ${to} < last_day(${to}) AS INTEGER))`;
}
