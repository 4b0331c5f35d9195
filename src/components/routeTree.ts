import {earlyRevenue} from "./earlyRevenue.js";
import {ORDER_KIND_COLUMNS, PRODUCT_KIND_ENUM, PRODUCT_KINDS} from "./schema.js";
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

/** A route's kinds numbered while customers are grouped (codes 1 to 4 are PRODUCT_KINDS, in order). */
const ROUTE_KINDS = ["none", ...PRODUCT_KINDS, "too_young"] as const;
const code = (kind: string) => ROUTE_KINDS.indexOf(kind as (typeof ROUTE_KINDS)[number]);
const ROUTE_KINDS_SQL = `[${ROUTE_KINDS.map(v).join(", ")}]`;
const NONE = code("none");
const TOO_YOUNG = code("too_young");

/** The customers table's days from order n - 1 to order n (the gap of order n), beside ORDER_KIND_COLUMNS. */
const ORDER_GAP = ["", "days_to_second", "days_second_to_third", "days_third_to_fourth"];

/**
 * The `route` CTEs: one row per customer with revenue, its route as level_1 … level_depth (kind codes, null below
 * where the route ended) and days_2 … days_depth (days from the previous order, where the route went on), and with
 * `ltvMonths`, the X-month revenue (`early_revenue`). Read from the customers table alone (but for an X it lacks).
 */
function routeCtes({asOf, windowDays = 90, depth = 3, ltvMonths}: RouteTreeOptions): string {
  const early = ltvMonths === undefined ? {ctes: [], join: "", value: "NULL"} : earlyRevenue(asOf, ltvMonths);
  // the kind's place in PRODUCT_KINDS, from 1 as in ROUTE_KINDS
  const kindCode = (n: number) => `enum_code(CAST(${ORDER_KIND_COLUMNS[n - 1]} AS ${PRODUCT_KIND_ENUM})) + 1`;
  const gap = (n: number) => ORDER_GAP[n - 1];
  const within = (n: number) => `${gap(n)} <= ${v(windowDays)}`;
  // an order on this day or later has a window not yet over on the as-of date
  const windowStart = new Date(Date.parse(asOf) - windowDays * 86_400_000).toISOString().slice(0, 10);
  // the route reaches level n while each order up to n - 1 came within the window of the one before
  const reaches = (n: number) => levelsTo(n - 1).slice(1).map(within).join(" AND ");
  const step = (n: number) => {
    // where it stops: none, or too_young when no next order has come yet and the window is not over on the as-of
    // date (a customer who reached level n with fewer than n orders has order n - 1 as the last)
    const kind = `CASE WHEN ${within(n)} THEN ${kindCode(n)}
      WHEN orders < ${n} AND last_order_date >= DATE ${v(windowStart)} THEN ${TOO_YOUNG} ELSE ${NONE} END`;
    const days = `CASE WHEN ${within(n)} THEN ${gap(n)} END`;
    return n === 2 ? `${kind} AS level_2, ${days} AS days_2` : `CASE WHEN ${reaches(n)} THEN ${kind} END AS level_${n}, CASE WHEN ${reaches(n)} THEN ${days} END AS days_${n}`;
  };
  // not materialized: each use reads only the columns it needs
  const route = `route AS NOT MATERIALIZED (
  SELECT customer_id, orders, revenue, early_revenue, ${kindCode(1)} AS level_1${levelsTo(depth)
    .slice(1)
    .map((n) => `,\n    ${step(n)}`)
    .join("")}
  FROM (SELECT c.*, ${early.value} AS early_revenue FROM customers c${early.join})
)`;
  return [...early.ctes, route].join(",\n");
}

/** The path (`a > b > c`) of a row with kind codes level_1 … level_depth. */
function pathSql(depth: number): string {
  return `concat_ws(${v(ROUTE_DELIMITER)}, ${levelsTo(depth).map((n) => `${ROUTE_KINDS_SQL}[level_${n} + 1]`).join(", ")})`;
}

/** Every node of the route tree: customers, share of parent, median days from the previous order, LTV. */
export function routeTreeSql(options: RouteTreeOptions): string {
  const {depth = 3, ltvMonths = 12} = options;
  const levels = levelsTo(depth).map((n) => `level_${n}`);
  const days = levelsTo(depth).slice(1).map((n) => `days_${n}`);
  // a grouping set's depth: its deepest level grouped
  const depthOf = `CASE ${levelsTo(depth).reverse().map((n) => `WHEN grouping(level_${n}) = 0 THEN ${n}`).join(" ")} END AS depth`;
  const daysOf = depth === 1 ? "NULL" : `CASE ${levelsTo(depth).slice(1).reverse().map((n) => `WHEN grouping(level_${n}) = 0 THEN days_${n}`).join(" ")} END`;
  const sums = "count(*) AS customers, sum(revenue) AS revenue, sum(early_revenue) AS early_revenue, count(early_revenue) AS early_customers";
  const node = ["depth", ...levels].join(", ");
  const parent = ["depth", ...levelsTo(depth - 1).map((k) => `CASE WHEN depth > ${k} THEN level_${k} END`)].join(", ");
  return `
WITH ${routeCtes({...options, ltvMonths})},
customer_groups AS (
  -- customers grouped by their route and days: a few thousand rows, whatever the number of customers; those of one
  -- order (two in three) apart, by the two levels they reach
  SELECT ${[...levels, ...days].join(", ")}, ${sums}
  FROM route WHERE orders > 1 GROUP BY ALL
  UNION ALL
  SELECT ${[...levels.slice(0, 2), ...levels.slice(2), ...days].map((c, i) => (i < 2 ? c : `NULL AS ${c}`)).join(", ")}, ${sums}
  FROM route WHERE orders = 1 GROUP BY ${levels.slice(0, 2).join(", ")}
),
node_days AS (
  -- per node and days from the previous order: the groups of each depth, in one pass (a node of depth n has level_n)
  SELECT ${depthOf}, ${levels.join(", ")}, ${daysOf} AS days,
    sum(customers) AS customers, sum(revenue) AS revenue, sum(early_revenue) AS early_revenue, sum(early_customers) AS early_customers
  FROM customer_groups
  GROUP BY GROUPING SETS (${levelsTo(depth).map((n) => `(${[...levels.slice(0, n), ...(n === 1 ? [] : [`days_${n}`])].join(", ")})`).join(", ")})
  HAVING ${levels.map((l) => `(grouping(${l}) = 1 OR ${l} IS NOT NULL)`).join(" AND ")}
),
counted_days AS (
  SELECT *, sum(customers) OVER (PARTITION BY ${node} ORDER BY days) AS through,
    sum(customers) OVER (PARTITION BY ${node}) AS node_customers
  FROM node_days
),
nodes AS (
  -- the median of days: the mean of the middle two customers' days, read from the running count
  SELECT ${node}, CASE depth ${levelsTo(depth).map((n) => `WHEN ${n} THEN level_${n}`).join(" ")} END AS kind,
    sum(customers) AS customers, sum(revenue) / sum(customers) AS ltv, sum(early_revenue) / nullif(sum(early_customers), 0) AS ltv_x,
    (min(days) FILTER (WHERE through >= (node_customers + 1) // 2) + min(days) FILTER (WHERE through >= node_customers // 2 + 1)) / 2 AS median_days
  FROM counted_days GROUP BY ${node}
)
SELECT ${pathSql(depth)} AS path, CAST(depth AS INTEGER) AS depth, ${ROUTE_KINDS_SQL}[kind + 1] AS kind, CAST(customers AS INTEGER) AS customers,
  -- share of the parent's customers whose route was decided: the parent's customers are its children's
  CASE WHEN kind = ${TOO_YOUNG} THEN NULL ELSE customers / nullif(sum(customers) OVER siblings - sum(CASE WHEN kind = ${TOO_YOUNG} THEN customers ELSE 0 END) OVER siblings, 0) END AS share_of_parent,
  CAST(median_days AS DOUBLE) AS median_days, CAST(ltv AS DOUBLE) AS ltv, CAST(${v(ltvMonths)} AS INTEGER) AS ltv_months,
  CAST(ltv_x AS DOUBLE) AS ltv_x
FROM nodes
WINDOW siblings AS (PARTITION BY ${parent})
ORDER BY path`;
}

/** Whether a customer's route passes through `path`: its kinds level by level (no string is built per customer). */
function atPathSql(path: string, depth: number): string {
  const kinds = path.split(ROUTE_DELIMITER);
  if (kinds.length > depth || kinds.some((k) => code(k) < 0)) return "FALSE";
  return `(${kinds.map((kind, i) => `level_${i + 1} = ${code(kind)}`).join(" AND ")})`;
}

/** The tree's depth, cut to the deepest of `paths`: a node at level k depends only on each customer's first k orders. */
function depthFor(paths: string[], depth = 3): number {
  return Math.min(depth, Math.max(...paths.map((p) => p.split(ROUTE_DELIMITER).length)));
}

/** The customers at one node of the tree, for `customerListSql`. */
export function routeNodeIdsSql(options: RouteTreeOptions & {path: string}): string {
  const depth = depthFor([options.path], options.depth);
  return `WITH ${routeCtes({...options, depth, ltvMonths: undefined})}\nSELECT customer_id FROM route WHERE ${atPathSql(options.path, depth)}`;
}

/** Revenue to date of the customers at each of `paths` (a customer once per path it passes), in one pass (for small nodes' intervals). */
export function routeNodeRevenuesSql(options: RouteTreeOptions & {paths: string[]}): string {
  if (options.paths.length === 0) throw new RangeError("routeNodeRevenuesSql needs at least one path");
  const depth = depthFor(options.paths, options.depth);
  const matches = options.paths.map((p) => atPathSql(p, depth));
  return `WITH ${routeCtes({...options, depth, ltvMonths: undefined})}
SELECT path, CAST(revenue AS DOUBLE) AS revenue
FROM (
  SELECT customer_id, revenue, unnest(list_filter([${options.paths.map((p, i) => `CASE WHEN ${matches[i]} THEN ${v(p)} END`).join(", ")}], p -> p IS NOT NULL)) AS path
  FROM route WHERE ${matches.join(" OR ")}
)
ORDER BY path, customer_id`;
}
