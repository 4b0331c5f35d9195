import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/**
 * X-month revenue: the revenue of a customer's counted orders within `months` months of the first order, for
 * customers observed that long by the as-of date (first order + months ≤ as-of). It is their revenue to date less
 * that of their orders after those months, so only the few customers who ordered after them have orders read.
 */

/**
 * The last first-order date observed `months` months by `asOf`, computed once instead of adding months to every
 * customer's first order: the day `months` before, or when the as-of date ends its month, the whole month
 * `months` before (adding months to the 31st stops at a shorter month's end).
 */
export function lastObservedFirstDateSql(asOf: string, months: number): string {
  const back = `DATE ${v(asOf)} - INTERVAL ${v(months)} MONTH`;
  return `CASE WHEN DATE ${v(asOf)} = last_day(DATE ${v(asOf)}) THEN last_day(${back}) ELSE CAST(${back} AS DATE) END`;
}

/** The `late` CTE: per observed customer who ordered after the first `months` months, the revenue of those orders. */
export function lateRevenueCte(asOf: string, months: number): string {
  return `late AS (
  SELECT c.customer_id, sum(o.revenue) AS revenue
  FROM customers c JOIN orders o
    ON o.customer_id = c.customer_id AND o.order_date >= c.first_order_date + INTERVAL ${v(months)} MONTH
  WHERE c.first_order_date <= ${lastObservedFirstDateSql(asOf, months)}
    -- ${v(months)} months are at least ${v(28 * months)} days: the cheap test first
    AND c.tenure_days >= ${v(28 * months)} AND c.last_order_date >= c.first_order_date + INTERVAL ${v(months)} MONTH
    AND o.status = ${v(COUNTED_STATUS)}
  GROUP BY c.customer_id
)`;
}

/** The X-month revenue of customer `c` (a customers row, left-joined to `late` as `l`); null when not observed. */
export function earlyRevenueSql(asOf: string, months: number, c = "c", l = "l"): string {
  return `CASE WHEN ${c}.first_order_date <= ${lastObservedFirstDateSql(asOf, months)} THEN ${c}.revenue - coalesce(${l}.revenue, 0) END`;
}
