import type {BgNbdParams} from "./bgnbd.js";
import {COUNTED_STATUS} from "./schema.js";
import {customerSegmentsSql} from "./segments.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

export const CLV_UNITS = {day: 1, week: 7, month: 365.25 / 12} as const;
export type ClvUnit = keyof typeof CLV_UNITS;

export interface ClvInputOptions {
  /** Last day of the calibration period (inclusive), YYYY-MM-DD. */
  calibrationEnd: string;
  /** Unit of t_x and T. */
  unit?: ClvUnit;
}

/** A customer's inputs to BG/NBD and Gamma-Gamma, and what they did after the calibration period. */
export interface ClvInput {
  customer_id: string;
  x: number;
  t_x: number;
  T: number;
  /** Mean value of repeat purchase days (minor units); null without repeat days. */
  monetary: number | null;
  /** Purchase days after the calibration end (the holdout period). */
  x_holdout: number;
}

/**
 * Per customer first seen by the calibration end, by the literature's convention: several counted orders on
 * one day are one purchase; x = repeat purchase days in the calibration period; t_x = first to last purchase
 * day; T = first purchase day to the calibration end; monetary = mean revenue of the repeat purchase days.
 */
export function clvInputsSql(options: ClvInputOptions): string {
  return `${clvInputsBody(options)}\nORDER BY customer_id`;
}

/** The inputs' SELECT, of every customer, or of those `only` (SQL of customer ids) selects. */
function clvInputsBody({calibrationEnd, unit = "week"}: ClvInputOptions, only?: string): string {
  const end = `DATE ${v(calibrationEnd)}`;
  const per = v(CLV_UNITS[unit]);
  return `
WITH days AS (
  -- several counted orders on one day are one purchase
  SELECT customer_id, order_date AS day, CAST(sum(revenue) AS BIGINT) AS value
  FROM orders WHERE status = ${v(COUNTED_STATUS)}${only ? ` AND customer_id IN (${only})` : ""} GROUP BY ALL
),
histories AS (
  SELECT customer_id, min(day) AS first_day,
    count(*) FILTER (WHERE day <= ${end}) AS calibration_days, max(day) FILTER (WHERE day <= ${end}) AS last_day,
    sum(value) FILTER (WHERE day <= ${end}) - arg_min(value, day) AS repeat_value,
    count(*) FILTER (WHERE day > ${end}) AS x_holdout
  FROM days GROUP BY customer_id
  -- first seen by the calibration end
  HAVING min(day) <= ${end}
)
SELECT customer_id, CAST(calibration_days - 1 AS INTEGER) AS x,
  CAST(date_diff('day', first_day, last_day) / ${per} AS DOUBLE) AS t_x,
  CAST(date_diff('day', first_day, ${end}) / ${per} AS DOUBLE) AS T,
  -- the mean value of repeat purchase days: the first day left out
  CAST(repeat_value / nullif(calibration_days - 1, 0) AS DOUBLE) AS monetary,
  CAST(x_holdout AS INTEGER) AS x_holdout
FROM histories`;
}

/**
 * What the page needs of the customers, without a row per customer, in one scan of the inputs:
 * - `history` rows: customers with one (lifecycle segment as of `asOf`, x, t_x, T), with the sum of their
 *   monetary (0 without repeat days: Gamma-Gamma's population mean applies) and of their holdout purchase days;
 *   BG/NBD is fitted and predicted once per distinct (x, t_x, T), and every figure of the page is a sum over these;
 * - `spend` rows: customers with one (x, monetary), what Gamma-Gamma is fitted to.
 */
export function clvHistoriesSql(options: ClvInputOptions & {asOf: string}): string {
  return `
WITH inputs AS (${clvInputsBody(options)}),
lifecycle AS (${customerSegmentsSql({scheme: "lifecycle", asOf: options.asOf})})
SELECT CASE WHEN GROUPING(i.monetary) = 1 THEN 'history' ELSE 'spend' END AS kind,
  l.segment, i.x, i.t_x, i.T, i.monetary,
  CAST(count(*) AS INTEGER) AS customers,
  CAST(sum(coalesce(i.monetary, 0)) AS DOUBLE) AS monetary_sum,
  CAST(sum(i.x_holdout) AS DOUBLE) AS holdout_days
FROM inputs i LEFT JOIN lifecycle l USING (customer_id)
GROUP BY GROUPING SETS ((l.segment, i.x, i.t_x, i.T), (i.x, i.monetary))
ORDER BY kind, i.x, i.t_x, i.T, l.segment, i.monetary`;
}

export interface ChurnRiskOptions extends ClvInputOptions {
  bgnbd: BgNbdParams;
  /** Customers at or above this quantile of past revenue (all customers) are the valuable ones. */
  valueQuantile?: number;
  /** … and at risk below this P(alive). */
  aliveBelow?: number;
}

/**
 * Valuable customers at risk as of the calibration end: past revenue at or above the `valueQuantile` of all
 * customers', and P(alive) under `aliveBelow` or no purchase for twice their own mean interval (x ≥ 2 and
 * T − t_x > 2·t_x / x). P(alive) is bgnbd.ts's probabilityAlive written in SQL, so that the list is filtered where
 * the customers are; the tests hold the two to each other. Sorted by revenue, highest first.
 */
export function churnRiskSql({bgnbd: {r, alpha, a, b}, valueQuantile = 0.8, aliveBelow = 0.3, ...inputs}: ChurnRiskOptions): string {
  return `
WITH valuable AS (
  SELECT customer_id, CAST(revenue AS DOUBLE) AS revenue FROM customers
  WHERE revenue >= (SELECT quantile_cont(revenue, ${v(valueQuantile)}) FROM customers)
),
-- the valuable customers' inputs alone: their orders, not every order, are grouped by day
inputs AS (${clvInputsBody(inputs, "SELECT customer_id FROM valuable")}),
-- DOUBLE, not the DECIMAL DuckDB reads a literal with a point as
params AS (SELECT CAST(${v(r)} AS DOUBLE) AS r, CAST(${v(alpha)} AS DOUBLE) AS alpha, CAST(${v(a)} AS DOUBLE) AS a, CAST(${v(b)} AS DOUBLE) AS b),
judged AS (
  SELECT i.customer_id, c.revenue, i.x, i.t_x, i.T, i.monetary,
    CASE WHEN i.x = 0 THEN 1.0
      ELSE 1 / (1 + (p.a / (p.b + i.x - 1)) * pow((p.alpha + i.T) / (p.alpha + i.t_x), p.r + i.x)) END AS p_alive,
    i.x >= 2 AND i.T - i.t_x > 2 * i.t_x / i.x AS overdue
  FROM inputs i JOIN valuable c USING (customer_id) CROSS JOIN params p
)
SELECT * FROM judged WHERE p_alive < ${v(aliveBelow)} OR overdue
ORDER BY revenue DESC, customer_id`;
}

/** Repeat purchase days (each customer's first day left out) per day, for customers first seen by the calibration end. */
export function repeatPurchaseDaysSql({calibrationEnd}: Pick<ClvInputOptions, "calibrationEnd">): string {
  return `
WITH days AS (SELECT DISTINCT customer_id, order_date AS day FROM orders WHERE status = ${v(COUNTED_STATUS)}),
firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY ALL HAVING min(day) <= DATE ${v(calibrationEnd)})
SELECT CAST(date_diff('day', DATE '1970-01-01', d.day) AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS repeats
FROM days d JOIN firsts f USING (customer_id) WHERE d.day > f.first_day GROUP BY ALL ORDER BY day`;
}
