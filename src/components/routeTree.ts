import {earlyRevenueSql, lateRevenueCte} from "./earlyRevenue.js";
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

/** The page's settings when it opens; nodes of fewer than `minCustomers` are flagged. */
export const DEFAULT_ROUTES = {windowDays: 90, depth: 3, ltvMonths: 12, minCustomers: 30} as const;

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

const levelsTo = (depth: number) => Array.from({length: depth}, (_, i) => i + 1);

/** The `later` CTE: the kind and date of orders 3 to `depth` (kind_n, date_n) of every customer who has them. */
function laterOrdersCte(depth: number): string {
  const columns = levelsTo(depth)
    .slice(2)
    .map((n) => `max(order_kind) FILTER (WHERE order_number = ${n}) AS kind_${n}, max(order_date) FILTER (WHERE order_number = ${n}) AS date_${n}`);
  return `later AS (
  -- orders by their number among the customer's counted orders (numbered in the snapshot, in the customers table's
  -- order: ordered_at, then order id); whether each continues the route is decided by the steps
  SELECT customer_id, ${columns.join(", ")}
  FROM orders WHERE order_number BETWEEN 3 AND ${v(depth)}
  GROUP BY customer_id
)`;
}

/** The `route` CTE: one row per customer with the kind and date of orders 1 to `depth` (kind_n, date_n) and `orders`. */
function routeCtes({depth = 3}: RouteTreeOptions): string {
  const later = depth >= 3;
  return `${later ? `${laterOrdersCte(depth)},` : ""}
route AS (
  -- orders 1 and 2 as the customers table already holds them (same order: ordered_at, then order id)
  SELECT c.customer_id, c.orders, c.revenue, c.first_order_date, c.first_order_kind AS kind_1, c.first_order_date AS date_1,
    c.second_order_kind AS kind_2, c.second_order_date AS date_2${levelsTo(depth)
      .slice(2)
      .map((n) => `, l.kind_${n}, l.date_${n}`)
      .join("")}
  FROM customers c${later ? " LEFT JOIN later l USING (customer_id)" : ""}
)`;
}

/**
 * The route's steps, read from `from` (the route CTE or one with more columns, `carry`): one row per customer and
 * level, with depth, kind, days from the previous order (continued routes only) and the path as level_1 … level_depth.
 */
function stepsSql({asOf, windowDays = 90, depth = 3}: RouteTreeOptions, from: string, carry: string[] = []): string {
  const levels = levelsTo(depth);
  const gap = (n: number) => `date_diff('day', date_${n - 1}, date_${n})`;
  const within = (n: number) => `${gap(n)} <= ${v(windowDays)}`;
  const linkedTo = (n: number) => (n === 2 ? "" : ` WHERE ${levels.slice(1, n - 1).map(within).join(" AND ")}`);
  // level k of a depth-n step: order k's kind above it, its own kind at n, null below
  const path = (n: number) => levels.map((k) => `${k < n ? `kind_${k}` : k === n ? "kind" : "NULL"} AS level_${k}`).join(", ");
  const rest = ["customer_id", ...carry].join(", ");
  const step = (n: number) =>
    n === 1
      ? `SELECT ${rest}, 1 AS depth, kind, CAST(NULL AS BIGINT) AS days, ${path(1)} FROM (SELECT *, kind_1 AS kind FROM ${from})`
      : `SELECT ${rest}, ${n} AS depth, kind, CASE WHEN ${within(n)} THEN ${gap(n)} END AS days, ${path(n)}
  FROM (
    -- the route goes on while each order comes within the window of the one before; where it stops: none, or
    -- too_young when no next order has come yet and the window is not over on the as-of date
    SELECT *, CASE WHEN ${within(n)} THEN kind_${n}
      WHEN orders < ${n} AND date_${n - 1} + ${v(windowDays)} >= DATE ${v(asOf)} THEN 'too_young' ELSE 'none' END AS kind
    FROM ${from}${linkedTo(n)}
  )`;
  return levels.map(step).join("\nUNION ALL\n");
}

/** The path (`a > b > c`) of a step or node with columns level_1 … level_depth. */
function pathSql(depth: number): string {
  return `concat_ws(${v(ROUTE_DELIMITER)}, ${levelsTo(depth).map((n) => `level_${n}`).join(", ")})`;
}

/** Each customer's route as rows (customer_id, revenue, depth, kind, days, level_1 … level_depth): the tree's nodes before counting. */
export function routeStepsSql(options: RouteTreeOptions): string {
  return `WITH ${routeCtes(options)}\n${stepsSql(options, "route", ["revenue"])}`;
}

/** Every node of the route tree: customers, share of parent, median days from the previous order, LTV. */
export function routeTreeSql(options: RouteTreeOptions): string {
  const {asOf, depth = 3, ltvMonths = 12} = options;
  return `
WITH ${routeCtes(options)},
${lateRevenueCte(asOf, ltvMonths)},
route_values AS (
  SELECT r.*, ${earlyRevenueSql(asOf, ltvMonths, "r")} AS early_revenue FROM route r LEFT JOIN late l USING (customer_id)
),
steps AS (${stepsSql(options, "route_values", ["revenue", "early_revenue"])}),
counted_nodes AS (
  SELECT depth, ${levelsTo(depth).map((n) => `level_${n}`).join(", ")}, any_value(kind) AS kind, count(*) AS customers,
    median(days) AS median_days, avg(revenue) AS ltv, avg(early_revenue) AS ltv_x
  FROM steps GROUP BY ALL
),
nodes AS (SELECT ${pathSql(depth)} AS path, * FROM counted_nodes),
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

/** Whether a step is at `path`: its depth and its kinds level by level (no string is built per customer). */
function atPathSql(path: string, depth: number): string {
  const kinds = path.split(ROUTE_DELIMITER);
  if (kinds.length > depth) return "FALSE";
  return `(depth = ${v(kinds.length)} AND ${kinds.map((kind, i) => `level_${i + 1} = ${v(kind)}`).join(" AND ")})`;
}

/** The tree's depth, cut to the deepest of `paths`: a node at level k depends only on each customer's first k orders. */
function depthFor(paths: string[], depth = 3): number {
  return Math.min(depth, Math.max(...paths.map((p) => p.split(ROUTE_DELIMITER).length)));
}

/** The customers at one node of the tree, for `customerListSql`. */
export function routeNodeIdsSql(options: RouteTreeOptions & {path: string}): string {
  const depth = depthFor([options.path], options.depth);
  return `SELECT customer_id FROM (${routeStepsSql({...options, depth})}) WHERE ${atPathSql(options.path, depth)}`;
}

/** Revenue to date of the customers at each of `paths`, in one pass over the routes (for small nodes' intervals). */
export function routeNodeRevenuesSql(options: RouteTreeOptions & {paths: string[]}): string {
  if (options.paths.length === 0) throw new RangeError("routeNodeRevenuesSql needs at least one path");
  const depth = depthFor(options.paths, options.depth);
  return `SELECT ${pathSql(depth)} AS path, CAST(revenue AS DOUBLE) AS revenue
FROM (${routeStepsSql({...options, depth})})
WHERE ${options.paths.map((p) => atPathSql(p, depth)).join(" OR ")}
ORDER BY path, customer_id`;
}
