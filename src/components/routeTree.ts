import {earlyRevenueCte} from "./earlyRevenue.js";
import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/**
 * Second-purchase routes. Each counted order has a kind (its largest line's product kind: trial, main,
 * subscription, cross_sell). Level 1 is the first order's kind; level k + 1 is the kind of order k + 1 when
 * it comes within `windowDays` of order k. The first order that does not ends the route with `none`, or with
 * `too_young` when the window after order k is not yet over on the as-of date (counted apart, not as none).
 */
export interface RouteTreeOptions {
  /** Snapshot as-of date, YYYY-MM-DD; the last observed day is the day before. */
  asOf: string;
  /** Days within which the next order continues the route. */
  windowDays?: number;
  /** Levels of the tree, 1 to 4. */
  depth?: number;
  /** X of the X-month LTV shown at every node (customers observed that long only). */
  ltvMonths?: number;
}

export interface RouteNode {
  path: string;
  depth: number;
  kind: string;
  customers: number;
  /** Share of the parent's customers whose route was decided (too-young ones left out); null for too_young. */
  share_of_parent: number | null;
  median_days: number | null;
  ltv: number;
  ltv_months: number;
  /** Revenue within ltv_months of the first order, per customer observed that long; null when none is. */
  ltv_x: number | null;
}

export const ROUTE_DELIMITER = " > ";

/** Each customer's route as rows (customer_id, depth, path, kind, days): the tree's nodes before counting. */
export function routeStepsSql({asOf, windowDays = 90, depth = 3}: RouteTreeOptions): string {
  return `
WITH counted AS (
  SELECT customer_id, order_date, order_kind,
    row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id) AS n
  FROM orders WHERE status = ${v(COUNTED_STATUS)}
),
gaps AS (
  SELECT *, date_diff('day', lag(order_date) OVER (PARTITION BY customer_id ORDER BY n), order_date) AS days
  FROM counted WHERE n <= ${v(depth)}
),
chain AS (
  -- the route follows orders while each comes within the window of the one before
  SELECT *, bool_and(n = 1 OR days <= ${v(windowDays)}) OVER (PARTITION BY customer_id ORDER BY n) AS linked
  FROM gaps
),
linked AS (
  SELECT customer_id, n AS depth, order_kind AS kind, days, order_date,
    array_to_string(list(order_kind) OVER (PARTITION BY customer_id ORDER BY n), ${v(ROUTE_DELIMITER)}) AS path
  FROM chain WHERE linked
),
last AS (SELECT * FROM linked QUALIFY depth = max(depth) OVER (PARTITION BY customer_id)),
ends AS (
  -- where a route stops before the last level: nothing within the window, or the window not over yet
  SELECT l.customer_id, l.depth + 1 AS depth,
    CASE WHEN next.n IS NULL AND l.order_date + ${v(windowDays)} >= DATE ${v(asOf)} THEN 'too_young' ELSE 'none' END AS kind,
    CAST(NULL AS BIGINT) AS days, l.path
  FROM last l LEFT JOIN counted next ON next.customer_id = l.customer_id AND next.n = l.depth + 1
  WHERE l.depth < ${v(depth)}
)
SELECT customer_id, depth, kind, days, path FROM linked
UNION ALL
SELECT customer_id, depth, kind, days, path || ${v(ROUTE_DELIMITER)} || kind FROM ends`;
}

/** Every node of the route tree: customers, share of parent, median days from the previous order, LTV. */
export function routeTreeSql(options: RouteTreeOptions): string {
  const {asOf, ltvMonths = 12} = options;
  return `
WITH steps AS (${routeStepsSql(options)}),
${earlyRevenueCte(asOf, ltvMonths)},
nodes AS (
  SELECT s.path, s.depth, s.kind, count(*) AS customers, median(s.days) AS median_days,
    avg(c.revenue) AS ltv, avg(e.revenue) AS ltv_x
  FROM steps s JOIN customers c USING (customer_id) LEFT JOIN early e USING (customer_id)
  GROUP BY ALL
),
parents AS (
  SELECT coalesce(p.path, '') AS path, coalesce(p.customers, (SELECT count(*) FROM customers)) AS customers,
    coalesce(sum(ch.customers) FILTER (WHERE ch.kind = 'too_young'), 0) AS too_young
  FROM nodes ch LEFT JOIN nodes p ON ch.depth = p.depth + 1 AND ch.path = p.path || ${v(ROUTE_DELIMITER)} || ch.kind
  GROUP BY ALL
)
SELECT n.path, CAST(n.depth AS INTEGER) AS depth, n.kind, CAST(n.customers AS INTEGER) AS customers,
  CASE WHEN n.kind = 'too_young' THEN NULL ELSE n.customers / nullif(pa.customers - pa.too_young, 0) END AS share_of_parent,
  CAST(n.median_days AS DOUBLE) AS median_days, CAST(n.ltv AS DOUBLE) AS ltv, CAST(${v(ltvMonths)} AS INTEGER) AS ltv_months,
  CAST(n.ltv_x AS DOUBLE) AS ltv_x
FROM nodes n LEFT JOIN parents pa
  ON pa.path = CASE WHEN n.depth = 1 THEN '' ELSE left(n.path, length(n.path) - length(${v(ROUTE_DELIMITER)}) - length(n.kind)) END
ORDER BY n.path`;
}

/** The customers at one node of the tree, for `customerListSql`. */
export function routeNodeIdsSql(options: RouteTreeOptions & {path: string}): string {
  return `SELECT customer_id FROM (${routeStepsSql(options)}) WHERE path = ${v(options.path)}`;
}

/** Revenue to date of the customers at each of `paths`, in one pass over the routes (for small nodes' intervals). */
export function routeNodeRevenuesSql(options: RouteTreeOptions & {paths: string[]}): string {
  if (options.paths.length === 0) throw new RangeError("routeNodeRevenuesSql needs at least one path");
  return `SELECT s.path, CAST(c.revenue AS DOUBLE) AS revenue
FROM (${routeStepsSql(options)}) s JOIN customers c USING (customer_id)
WHERE s.path IN (${options.paths.map(v).join(", ")})
ORDER BY s.path, c.customer_id`;
}
