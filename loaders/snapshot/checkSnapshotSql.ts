import {ORDER_STATUSES, PRODUCT_KINDS} from "../../src/components/schema.js";
import {sqlLiteral} from "../../src/components/sqlLiteral.js";

/**
 * Integrity checks run after staging: each row names a problem that would otherwise lose or distort rows
 * (a line whose product is unknown would vanish from a join). No rows means the snapshot is whole.
 */
export function checkSnapshotSql(): string {
  return `
WITH problems AS (
  SELECT 'order line with an unknown product' AS problem, product_id AS example
  FROM staged_lines l ANTI JOIN products p USING (product_id)
  UNION ALL
  SELECT 'order without lines', coalesce(order_id, customer_id)
  FROM staged_orders o ANTI JOIN staged_lines l USING (seq)
  UNION ALL
  SELECT 'unknown order status', status FROM staged_orders WHERE status NOT IN (${ORDER_STATUSES.map(sqlLiteral).join(", ")})
  UNION ALL
  SELECT 'unknown product kind', kind FROM products WHERE kind NOT IN (${PRODUCT_KINDS.map(sqlLiteral).join(", ")})
  UNION ALL
  SELECT 'negative amount', coalesce(order_id, customer_id) FROM staged_orders
  WHERE goods_amount < 0 OR discount_amount < 0 OR shipping_fee < 0 OR discount_amount > goods_amount
  UNION ALL
  SELECT 'duplicate order id', order_id FROM staged_orders WHERE order_id IS NOT NULL
  GROUP BY order_id HAVING count(*) > 1
)
SELECT problem, count(*) AS rows, min(example) AS example FROM problems GROUP BY problem ORDER BY problem`;
}
