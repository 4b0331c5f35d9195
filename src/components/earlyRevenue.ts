import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

// X-month revenue: the revenue of a customer's counted orders within `months` months of the first order, for
// customers observed that long by the as-of date (first order + months ≤ as-of). It is their revenue to date less
// that of their orders after those months, so only the few customers who ordered after them have orders read.

/**
 * The last first-order date observed `months` months by `asOf` (YYYY-MM-DD both), so that SQL compares each
 * customer's first order with one date instead of adding months to it: the day `months` before, or when the as-of
 * date ends its month, the end of the month `months` before (adding months to the 31st stops at a shorter month's end).
 */
export function lastObservedFirstDate(asOf: string, months: number): string {
  const [year, month, day] = asOf.split("-").map(Number);
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const back = year * 12 + month - 1 - months;
  const [y, m] = [Math.floor(back / 12), (back % 12) + 1];
  const d = day === daysIn(year, month) ? daysIn(y, m) : Math.min(day, daysIn(y, m));
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The `late` CTE: per observed customer who ordered after the first `months` months, the revenue of those orders. */
export function lateRevenueCte(asOf: string, months: number): string {
  return `late AS (
  SELECT c.customer_id, sum(o.revenue) AS revenue
  FROM customers c JOIN orders o
    ON o.customer_id = c.customer_id AND o.order_date >= c.first_order_date + INTERVAL ${v(months)} MONTH
  -- observed: first order + ${v(months)} months ≤ as-of
  WHERE c.first_order_date <= DATE ${v(lastObservedFirstDate(asOf, months))}
    -- ${v(months)} months are at least ${v(28 * months)} days: the cheap test first
    AND c.tenure_days >= ${v(28 * months)} AND c.last_order_date >= c.first_order_date + INTERVAL ${v(months)} MONTH
    AND o.status = ${v(COUNTED_STATUS)}
  GROUP BY c.customer_id
)`;
}

/** The X-month revenue of customer `c` (a customers row, left-joined to `late` as `l`); null when not observed. */
export function earlyRevenueSql(asOf: string, months: number, c = "c", l = "l"): string {
  return `CASE WHEN ${c}.first_order_date <= DATE ${v(lastObservedFirstDate(asOf, months))} THEN ${c}.revenue - coalesce(${l}.revenue, 0) END`;
}
