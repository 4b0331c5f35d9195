import {COUNTED_STATUS} from "./schema.js";
import {sqlLiteral as v} from "./sqlLiteral.js";

/**
 * Subscription continuation. A subscription's cycle is the median gap between its counted deliveries (30
 * days when it has one). It has ended when nothing was delivered for longer than two cycles and
 * `graceDays` (a skipped cycle plus a late delivery) before the as-of date; otherwise it is active and its
 * future is unknown (right-censored at the deliveries it has had). A gap over 1.5 cycles is a skip.
 */
export interface SubscriptionOptions {
  asOf: string;
  graceDays?: number;
}

export const SUBSCRIPTION_GROUPINGS = ["all", "cohort", "product"] as const;
export type SubscriptionGrouping = (typeof SUBSCRIPTION_GROUPINGS)[number];

/** The page's settings when it opens: all subscriptions, 12 deliveries shown, projected to the 24th. */
export const DEFAULT_RETENTION = {by: "all", maxDelivery: 12, project: 24} as const;

/** Columns of the `subscriptions` CTE beyond those every analysis uses, carried only when asked for. */
export interface SubscriptionColumns {
  /** The subscription's product: its first delivery's largest line (ties: the first line). */
  product?: boolean;
  /** The subscriber. */
  customer?: boolean;
}

/** The `deliveries` and `subscriptions` CTEs. */
export function subscriptionsCte({asOf, graceDays = 15}: SubscriptionOptions, {product = false, customer = false}: SubscriptionColumns = {}): string {
  const extra = (wanted: boolean, column: string) => (wanted ? ` ${column},` : "");
  return `deliveries AS (
  SELECT o.subscription_id,${extra(customer, "o.customer_id")}${extra(product, "o.order_id")} o.order_date, o.delivery_number,
    date_diff('day', lag(o.order_date) OVER (PARTITION BY o.subscription_id ORDER BY o.delivery_number, o.ordered_at), o.order_date) AS gap
  FROM orders o WHERE o.status = ${v(COUNTED_STATUS)} AND o.subscription_id IS NOT NULL
),
measured AS (
  SELECT subscription_id,${extra(customer, "any_value(customer_id) AS customer_id")} min(order_date) AS start_date,
    CAST(max(delivery_number) AS INTEGER) AS deliveries, max(order_date) AS last_date,
    coalesce(median(gap), 30) AS cycle, arg_max(gap, delivery_number) AS last_gap${product ? ", arg_min(order_id, delivery_number) AS first_order_id" : ""}
  FROM deliveries GROUP BY subscription_id
),${product ? `
first_lines AS (
  -- every order has lines (the snapshot checks it): only the first deliveries' lines are read
  SELECT l.order_id AS first_order_id, first(l.product_id ORDER BY l.amount DESC, l.line_number) AS product_id
  FROM order_lines l SEMI JOIN measured m ON m.first_order_id = l.order_id GROUP BY l.order_id
),` : ""}
subscriptions AS (
  SELECT m.*,${extra(product, "f.product_id")} date_diff('day', last_date, DATE ${v(asOf)}) AS since_last,
    date_diff('day', last_date, DATE ${v(asOf)}) > 2 * cycle + ${v(graceDays)} AS ended
  FROM measured m${product ? " JOIN first_lines f USING (first_order_id)" : ""}
)`;
}

export interface RetentionRow {
  group: string;
  delivery: number;
  /** Subscriptions that reached this delivery. */
  active: number;
  /** Subscriptions whose next step was decided: reached the previous delivery, less those still active there. */
  at_risk: number | null;
  /** Kaplan–Meier share reaching this delivery; null once no subscription is left to tell. */
  retained_share: number | null;
  /** Deliveries of this number that came after a skipped cycle. */
  skipped: number;
}

/** Retention by delivery number 1 … maxDelivery, for all subscriptions, per start quarter, or per product. */
export function retentionSql(options: SubscriptionOptions & {by?: SubscriptionGrouping; maxDelivery?: number}): string {
  const {by = "all", maxDelivery = 12} = options;
  const group = {all: "'all'", cohort: "strftime(start_date, '%Y') || '-Q' || quarter(start_date)", product: "product_id"}[by];
  return `
WITH ${subscriptionsCte(options, {product: by === "product"})},
grouped AS (SELECT *, ${group} AS grp FROM subscriptions),
steps AS (SELECT CAST(unnest(range(1, ${v(maxDelivery + 1)})) AS INTEGER) AS delivery),
skips AS (
  SELECT s.grp, d.delivery_number AS delivery, count(*) AS skipped
  FROM deliveries d JOIN grouped s USING (subscription_id) WHERE d.gap > 1.5 * s.cycle GROUP BY ALL
),
lengths AS (SELECT grp, deliveries, ended, count(*) AS subscriptions FROM grouped GROUP BY ALL),
counts AS (
  -- a subscription still active at exactly this delivery may go on: censored, left out of the next step
  SELECT grp, steps.delivery,
    coalesce(sum(subscriptions) FILTER (WHERE deliveries >= steps.delivery), 0) AS reached,
    coalesce(sum(subscriptions) FILTER (WHERE NOT ended AND deliveries = steps.delivery), 0) AS censored
  FROM lengths CROSS JOIN steps GROUP BY ALL
),
risk AS (SELECT *, lag(reached - censored) OVER (PARTITION BY grp ORDER BY delivery) AS at_risk FROM counts)
SELECT grp AS "group", delivery, CAST(reached AS INTEGER) AS active, CAST(at_risk AS INTEGER) AS at_risk,
  CASE
    WHEN delivery = 1 THEN 1.0
    WHEN bool_or(delivery > 1 AND coalesce(at_risk, 0) = 0) OVER w THEN NULL
    WHEN bool_or(delivery > 1 AND reached = 0) OVER w THEN 0.0
    ELSE exp(sum(CASE WHEN delivery > 1 AND reached > 0 AND at_risk > 0 THEN ln(reached / at_risk) ELSE 0 END) OVER w)
  END AS retained_share,
  CAST(coalesce(skipped, 0) AS INTEGER) AS skipped
FROM risk LEFT JOIN skips USING (grp, delivery)
WINDOW w AS (PARTITION BY grp ORDER BY delivery)
ORDER BY "group", delivery`;
}

/** Subscriptions as the model takes them: lost at period t (after t deliveries), or active after t − 1 periods. */
export function subscriptionLifetimesSql(options: SubscriptionOptions): string {
  return `
WITH ${subscriptionsCte(options)}
SELECT CAST(CASE WHEN ended THEN deliveries ELSE deliveries - 1 END AS INTEGER) AS t, ended AS lost, CAST(count(*) AS INTEGER) AS count
FROM subscriptions GROUP BY ALL ORDER BY t, lost`;
}

/**
 * Active subscriptions worth a call: the next delivery is more than a week overdue against their own cycle,
 * or the last delivery came after a skipped cycle.
 */
export function churnWatchSql(options: SubscriptionOptions): string {
  return `
WITH ${subscriptionsCte(options, {product: true, customer: true})}
SELECT s.subscription_id, s.customer_id, s.product_id, coalesce(p.name, s.product_id) AS product, coalesce(p.name_en, s.product_id) AS product_en,
  strftime(s.last_date, '%Y-%m-%d') AS last_delivery_date, s.deliveries, CAST(s.since_last AS INTEGER) AS days_since_last,
  CAST(s.cycle AS DOUBLE) AS cycle, s.since_last > s.cycle + 7 AS overdue, coalesce(s.last_gap > 1.5 * s.cycle, false) AS skipped
FROM subscriptions s LEFT JOIN products p ON p.product_id = s.product_id
WHERE NOT s.ended AND (s.since_last > s.cycle + 7 OR s.last_gap > 1.5 * s.cycle)
ORDER BY s.since_last - s.cycle DESC, s.subscription_id`;
}
