import {COUNTED_STATUS} from "./schema.js";
import {DEFAULT_THRESHOLDS, type SchemeThresholds, type SegmentScheme} from "./segmentSchemes.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

export interface AssignmentOptions<S extends SegmentScheme = SegmentScheme> {
  scheme: S;
  /** The scheme's thresholds; default DEFAULT_THRESHOLDS[scheme]. */
  thresholds?: Partial<SchemeThresholds[S]>;
  /** Snapshot as-of date (YYYY-MM-DD): ages are measured to it. */
  asOf: string;
}

/** The scheme's thresholds: the defaults, with those the options give. */
function thresholdsOf<S extends SegmentScheme>({scheme, thresholds}: AssignmentOptions<S>): SchemeThresholds[S] {
  return {...DEFAULT_THRESHOLDS[scheme], ...thresholds} as SchemeThresholds[S];
}

/**
 * One row per customer for a scheme: the customer's columns and its `segment`, so that what is summed per segment
 * needs no join back to the customers. The CASE branches are written so that each customer meets exactly one;
 * the tests check the partition on random shops.
 */
export function segmentAssignmentSql<S extends SegmentScheme>(options: AssignmentOptions<S>): string {
  const {scheme, asOf} = options;
  const t = thresholdsOf(options);
  if (scheme === "lifecycle") return lifecycleSql(t as SchemeThresholds["lifecycle"], "customers");
  if (scheme === "value_activity") return valueActivitySql(t as SchemeThresholds["value_activity"]);
  if (scheme === "cpm") return cpmSql(t as SchemeThresholds["cpm"]);
  return ltvRankSql(t as SchemeThresholds["ltv_rank"], asOf);
}

/**
 * For a scheme whose rules read a customer's recency_days and orders alone (the lifecycle scheme), every row of
 * `rows` (SQL: any rows with those two columns) with its `segment`, so that customers can be counted per (recency,
 * orders) pair first and the pairs assigned; null for a scheme whose rules read more.
 */
export function pairAssignmentSql<S extends SegmentScheme>(options: AssignmentOptions<S>, rows: string): string | null {
  if (options.scheme !== "lifecycle") return null;
  return lifecycleSql(thresholdsOf(options) as SchemeThresholds["lifecycle"], rows);
}

function lifecycleSql({activeDays, sleepingDays, halfDormantDays, regularOrders}: SchemeThresholds["lifecycle"], rows: string): string {
  return `SELECT *, CASE
    WHEN recency_days <= ${v(activeDays)} AND orders = 1 THEN 'new'
    WHEN recency_days <= ${v(activeDays)} AND orders < ${v(regularOrders)} THEN 'becoming_regular'
    WHEN recency_days <= ${v(activeDays)} THEN 'regular'
    WHEN recency_days <= ${v(sleepingDays)} THEN 'sleeping'
    WHEN recency_days <= ${v(halfDormantDays)} THEN 'half_dormant'
    ELSE 'dormant' END AS segment
  FROM ${rows}`;
}

function valueActivitySql({newDays, activeDays, highValueYen}: SchemeThresholds["value_activity"]): string {
  return `SELECT *, CASE
    WHEN orders = 1 AND recency_days <= ${v(newDays)} THEN 'new'
    WHEN orders = 1 THEN 'one_time'
    WHEN revenue >= ${v(highValueYen)} AND recency_days <= ${v(activeDays)} THEN 'loyal'
    WHEN recency_days <= ${v(activeDays)} THEN 'frequent_low'
    WHEN revenue >= ${v(highValueYen)} THEN 'at_risk'
    ELSE 'not_target' END AS segment
  FROM customers`;
}

function cpmSql({lapsedDays, youngTenureDays, matureTenureDays, highValueYen}: SchemeThresholds["cpm"]): string {
  return `SELECT *, CASE
    WHEN orders = 1 THEN 'first'
    WHEN tenure_days < ${v(youngTenureDays)} THEN 'toddler'
    WHEN revenue <= ${v(highValueYen)} THEN 'steady'
    WHEN tenure_days < ${v(matureTenureDays)} THEN 'trendy'
    ELSE 'excellent' END
    || CASE WHEN recency_days > ${v(lapsedDays)} THEN '_lapsed' ELSE '_active' END AS segment
  FROM customers`;
}

function ltvRankSql({maturityDays, topShare, stepDays}: SchemeThresholds["ltv_rank"], asOf: string): string {
  return `WITH aged AS (
    SELECT *, date_diff('day', first_order_date, DATE ${v(asOf)}) AS age FROM customers
  ),
  bar AS (
    -- high LTV: the revenue the top share of customers observed for the whole maturity period reach
    SELECT quantile_cont(revenue, ${v(1 - topShare)}) AS high FROM aged WHERE age >= ${v(maturityDays)}
  ),
  high_mature AS (SELECT customer_id, first_order_date FROM aged, bar WHERE age >= ${v(maturityDays)} AND revenue >= high),
  steps AS (SELECT unnest(range(${v(stepDays)}, ${v(maturityDays)}, ${v(stepDays)})) AS day),
  early AS (
    -- what each high-LTV customer had spent within their first \`day\` days
    SELECT s.day, h.customer_id, coalesce(sum(o.revenue), 0) AS revenue
    FROM steps s CROSS JOIN high_mature h
    LEFT JOIN orders o ON o.customer_id = h.customer_id AND o.status = ${v(COUNTED_STATUS)}
      AND o.order_date < h.first_order_date + CAST(s.day AS INTEGER)
    GROUP BY ALL
  ),
  typical AS (SELECT day, quantile_cont(revenue, 0.5) AS revenue FROM early GROUP BY day)
  SELECT a.*, CASE
    WHEN a.revenue >= bar.high THEN 'high_ltv'
    WHEN a.age < ${v(maturityDays)} AND a.revenue >= t.revenue THEN 'potential_ltv'
    ELSE 'general' END AS segment
  FROM aged a CROSS JOIN bar
  -- compare a young customer with high-LTV customers at the same age, in whole steps (at least one step)
  LEFT JOIN typical t ON t.day = greatest(${v(stepDays)}, least(${v(maturityDays - 1)}, a.age) // ${v(stepDays)} * ${v(stepDays)})`;
}
