/** A customer as a list on a page or in a CSV shows them: pseudonymous id, last order, orders, revenue, first product. */
export interface CustomerListRow {
  customer_id: string;
  last_order_date: string;
  orders: number;
  revenue: number;
  first_product_id: string;
  first_product: string;
  first_product_en: string;
}

/** The customers whose ids `idsSql` selects, highest revenue first. */
export function customerListSql(idsSql: string): string {
  return `
WITH ids AS (${idsSql})
SELECT c.customer_id, strftime(c.last_order_date, '%Y-%m-%d') AS last_order_date, c.orders,
  CAST(c.revenue AS DOUBLE) AS revenue, c.first_product_id,
  coalesce(p.name, c.first_product_id) AS first_product, coalesce(p.name_en, c.first_product_id) AS first_product_en
FROM customers c JOIN ids USING (customer_id) LEFT JOIN products p ON p.product_id = c.first_product_id
ORDER BY c.revenue DESC, c.customer_id`;
}

/** Revenue to date of each customer `idsSql` selects (a bootstrap interval of their LTV, a value bar). */
export function customerRevenuesSql(idsSql: string): string {
  return `SELECT c.customer_id, CAST(c.revenue AS DOUBLE) AS revenue FROM customers c JOIN (${idsSql}) USING (customer_id) ORDER BY c.customer_id`;
}
