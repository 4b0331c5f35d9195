import {COUNTED_STATUS, SNAPSHOT_LTV_MONTHS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

// X-month revenue: the revenue of a customer's counted orders within `months` months of the first order, for
// customers observed that long by the as-of date (first order + months ≤ as-of). The snapshot derives it for the
// usual X (SNAPSHOT_LTV_MONTHS); for any other X it is the revenue to date less that of the orders after those
// months, so only the few customers who ordered after them have orders read.

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

/** Whether a day (`date`, SQL) falls within `months` months of a first order on `firstDate` (SQL). */
export function withinMonthsSql(months: number, date: string, firstDate: string): string {
  return `${date} < ${firstDate} + INTERVAL ${v(months)} MONTH`;
}

/** The `late` CTE: per observed customer who ordered after the first `months` months, the revenue of those orders. */
function lateRevenueCte(asOf: string, months: number): string {
  return `late AS (
  SELECT c.customer_id, sum(o.revenue) AS revenue
  FROM customers c JOIN orders o
    ON o.customer_id = c.customer_id AND NOT ${withinMonthsSql(months, "o.order_date", "c.first_order_date")}
  -- observed: first order + ${v(months)} months ≤ as-of
  WHERE ${observedSql(asOf, months, "c")}
    -- ${v(months)} months are at least ${v(28 * months)} days: the cheap test first
    AND c.tenure_days >= ${v(28 * months)} AND NOT ${withinMonthsSql(months, "c.last_order_date", "c.first_order_date")}
    AND o.status = ${v(COUNTED_STATUS)}
  GROUP BY c.customer_id
)`;
}

function observedSql(asOf: string, months: number, c: string): string {
  return `${c}.first_order_date <= DATE ${v(lastObservedFirstDate(asOf, months))}`;
}

/** X-month revenue in a query over the customers table as `c`: the CTEs it needs, its join, and the value (null when not observed). */
export interface EarlyRevenue {
  ctes: string[];
  join: string;
  value: string;
}

/**
 * The X-month revenue of each customer: the revenue to date less that of the orders after X months, read from the
 * snapshot's `revenue_after_Xm` for the X it holds, else from a CTE that reads only the customers who ordered after them.
 */
export function earlyRevenue(asOf: string, months: number, c = "c"): EarlyRevenue {
  const observed = observedSql(asOf, months, c);
  if ((SNAPSHOT_LTV_MONTHS as readonly number[]).includes(months)) {
    return {ctes: [], join: "", value: `CASE WHEN ${observed} THEN ${c}.revenue - ${c}.revenue_after_${months}m END`};
  }
  return {
    ctes: [lateRevenueCte(asOf, months)],
    join: ` LEFT JOIN late ON late.customer_id = ${c}.customer_id`,
    value: `CASE WHEN ${observed} THEN ${c}.revenue - coalesce(late.revenue, 0) END`
  };
}
