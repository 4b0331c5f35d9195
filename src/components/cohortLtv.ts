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

/**
 * X-month LTV: revenue per customer from counted orders dated in [first order, first order + X calendar
 * months). A monthly cohort enters an X only when every member has been a customer for X months by the
 * as-of date, that is when the cohort month's last day + X months ≤ as-of; grouped otherwise (by first
 * product, kind or channel), each customer enters an X when their own first order + X months ≤ as-of.
 * Pairs not yet observed have no row.
 */
export function ltvCurveSql({asOf, months = DEFAULT_LTV_MONTHS, by = "cohort"}: LtvCurveOptions): string {
  const group = {
    cohort: "strftime(cohort_month, '%Y-%m')",
    first_product: "first_product_id",
    first_order_kind: "first_order_kind",
    first_channel: "first_channel"
  }[by];
  const since = by === "cohort" ? "cohort_month + INTERVAL 1 MONTH - INTERVAL 1 DAY" : "first_order_date";
  return `
WITH xs AS (SELECT CAST(unnest(${v(months)}) AS INTEGER) AS months),
observed AS (
  -- no half-observed groups: the whole X months have passed for every customer counted at X
  SELECT c.customer_id, c.first_order_date, ${group} AS cohort, xs.months
  FROM customers c CROSS JOIN xs
  WHERE CAST(${since} AS DATE) + to_months(xs.months) <= DATE ${v(asOf)}
),
windowed AS (
  SELECT ob.cohort, ob.months, ob.customer_id, coalesce(sum(o.revenue), 0) AS revenue
  FROM observed ob LEFT JOIN orders o ON o.customer_id = ob.customer_id AND o.status = ${v(COUNTED_STATUS)}
    AND o.order_date < ob.first_order_date + to_months(ob.months)
  GROUP BY ALL
)
SELECT cohort, months, CAST(count(*) AS INTEGER) AS customers, CAST(avg(revenue) AS DOUBLE) AS ltv
FROM windowed GROUP BY ALL ORDER BY cohort, months`;
}
