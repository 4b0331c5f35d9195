import {sqlLiteral} from "./sqlLiteral.js";

/**
 * The RFM grid. Recency: whole days from a customer's last counted order to the as-of date (the snapshot's
 * `customers.recency_days`); frequency: counted orders; monetary: revenue (goods net of discounts, without
 * shipping). Only customers with a counted order exist in `customers`.
 */
export interface RfmOptions {
  /** Inclusive upper edges in days: 30,60 → 0–30, 31–60, >60. Ignored in quantile mode. */
  recencyDays?: number[];
  /** Inclusive upper edges in orders: 1,2,3,5,10 → 1, 2, 3, 4–5, 6–10, >10. Ignored in quantile mode. */
  frequency?: number[];
  /**
   * Instead of edges, cut each axis at its quantiles (5 for quintiles): each edge is the smallest value with
   * at least that share of customers at or below it (DuckDB's quantile_disc); repeated edges merge.
   */
  quantiles?: number;
}

/** Breakpoints common in Japanese D2C practice. */
export const DEFAULT_RFM = {recencyDays: [30, 60, 90, 180, 365], frequency: [1, 2, 3, 5, 10]};

export interface RfmCell {
  r_bin: number;
  f_bin: number;
  r_label: string;
  f_label: string;
  customers: number;
  revenue: number;
  avg_monetary: number;
}

function edgesSql(column: string, edges: number[] | undefined, quantiles: number | undefined): string {
  if (quantiles === undefined) return sqlLiteral(edges ?? []);
  return `(SELECT coalesce(list_sort(list_distinct(quantile_disc(${column}, ${sqlLiteral(quantileCuts(quantiles))}))), []) FROM customers)`;
}

function quantileCuts(quantiles: number): number[] {
  return Array.from({length: quantiles - 1}, (_, i) => (i + 1) / quantiles);
}

/**
 * A value's bin: 1 + the number of edges below it, that is the first bin whose inclusive upper edge it does not
 * exceed. Written as one comparison per edge (plain vectorised arithmetic) rather than a list lambda per row.
 */
function binSql(value: string, edgesColumn: string, edges: number[] | undefined, quantiles: number | undefined): string {
  const below = quantiles === undefined
    ? (edges ?? []).map((edge) => `CAST(${value} > ${sqlLiteral(edge)} AS INTEGER)`)
    : // at most quantiles − 1 edges; a missing one (merged with its neighbour) is NULL and counts as not below
      quantileCuts(quantiles).map((_, i) => `CAST(coalesce(${edgesColumn}[${i + 1}] < ${value}, false) AS INTEGER)`);
  return ["1", ...below].join(" + ");
}

/**
 * The `edges` and `binned` CTEs: the rows of `from` (with recency_days and orders, as `c`) with their recency and
 * frequency bins (1 = lowest edge).
 */
function binnedCte({recencyDays = DEFAULT_RFM.recencyDays, frequency = DEFAULT_RFM.frequency, quantiles}: RfmOptions, from: string): string {
  return `edges AS (
  SELECT CAST(${edgesSql("recency_days", recencyDays, quantiles)} AS INTEGER[]) AS r_edges,
    CAST(${edgesSql("orders", frequency, quantiles)} AS INTEGER[]) AS f_edges
),
binned AS (
  -- a value falls in the first bin whose inclusive upper edge it does not exceed
  SELECT c.*, ${binSql("c.recency_days", "r_edges", recencyDays, quantiles)} AS r_bin,
    ${binSql("c.orders", "f_edges", frequency, quantiles)} AS f_bin
  FROM ${from} c, edges
)`;
}

/** The `edges` and `binned` CTEs: each customer (customer_id, revenue …) with its recency and frequency bins. */
export function rfmBinnedCte(options: RfmOptions): string {
  return binnedCte(options, "customers");
}

function labelSql(edges: string, bin: string, lowest: number): string {
  const lo = `CASE WHEN ${bin} = 1 THEN ${lowest} ELSE ${edges}[${bin} - 1] + 1 END`;
  const hi = `${edges}[${bin}]`;
  return `CASE WHEN len(${edges}) = 0 THEN 'all'
    WHEN ${bin} > len(${edges}) THEN '>' || ${edges}[${bin} - 1]
    WHEN ${lo} = ${hi} THEN CAST(${hi} AS VARCHAR)
    ELSE ${lo} || '–' || ${hi} END`;
}

/** Every cell of the recency × frequency grid, empty cells with zeros, recency bin 1 = most recent. */
export function rfmGridSql(options: RfmOptions = {}): string {
  // customers are first counted per (recency, orders): a few thousand pairs to bin instead of every customer
  return `
WITH ${binnedCte(options, "(SELECT recency_days, orders, count(*) AS customers, sum(revenue) AS revenue FROM customers GROUP BY ALL)")},
cells AS (
  SELECT r_bin, f_bin, r_edges, f_edges
  FROM edges, range(1, len(r_edges) + 2) r(r_bin), range(1, len(f_edges) + 2) f(f_bin)
),
totals AS (SELECT r_bin, f_bin, sum(customers) AS customers, sum(revenue) AS revenue FROM binned GROUP BY r_bin, f_bin)
SELECT
  CAST(r_bin AS INTEGER) AS r_bin, CAST(f_bin AS INTEGER) AS f_bin,
  ${labelSql("r_edges", "r_bin", 0)} AS r_label,
  ${labelSql("f_edges", "f_bin", 1)} AS f_label,
  CAST(coalesce(customers, 0) AS INTEGER) AS customers,
  CAST(coalesce(revenue, 0) AS DOUBLE) AS revenue,
  CAST(coalesce(revenue / customers, 0) AS DOUBLE) AS avg_monetary
FROM cells LEFT JOIN totals USING (r_bin, f_bin)
ORDER BY r_bin, f_bin`;
}

/** The customer ids in one cell of the grid, for `customerListSql`. */
export function rfmCellIdsSql(options: RfmOptions & {r_bin: number; f_bin: number}): string {
  return `WITH ${rfmBinnedCte(options)}
SELECT customer_id FROM binned WHERE r_bin = ${sqlLiteral(options.r_bin)} AND f_bin = ${sqlLiteral(options.f_bin)}`;
}
