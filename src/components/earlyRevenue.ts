import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/**
 * The `early` CTE: each customer observed for `months` months by the as-of date (first order + months ≤
 * as-of), with the revenue of their counted orders within those months of the first order.
 */
export function earlyRevenueCte(asOf: string, months: number): string {
  return `early AS (
  SELECT c.customer_id,
    coalesce(sum(o.revenue) FILTER (WHERE o.order_date < c.first_order_date + INTERVAL ${v(months)} MONTH), 0) AS revenue
  FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id AND o.status = ${v(COUNTED_STATUS)}
  WHERE c.first_order_date + INTERVAL ${v(months)} MONTH <= DATE ${v(asOf)}
  GROUP BY c.customer_id
)`;
}
