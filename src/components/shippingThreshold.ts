import {COUNTED_STATUS, type Manifest} from "./schema.js";
import {sqlLiteral} from "./sqlLiteral.js";

/**
 * The free-shipping threshold study. The amount a free-shipping rule reads is the order's goods amount
 * after discounts, before shipping (`revenue`); only counted orders take part.
 */
export interface EligibleOrdersOptions {
  /**
   * Order kinds left out because they ship free whatever their value (default: trial sets and subscription
   * deliveries). `subscription` also leaves out every order that belongs to a subscription.
   */
  excludeKinds?: string[];
}

export const DEFAULT_EXCLUDED_KINDS = ["trial", "subscription"];

/** The page's settings when it opens; `fee` is used when neither the snapshot nor its orders show one. */
export const DEFAULT_SHIPPING = {binYen: 250, thresholds: "2000:10000:500", fee: 550, near: 0.2, topUp: 0.3} as const;

/**
 * The fee the page's sweep starts from: the rule's, else DEFAULT_SHIPPING's, on its fee input's scale (¥0–2,000
 * in steps of ¥10, as the input would round it).
 */
export function defaultSweepFee(rule: ShippingRule): number {
  return Math.min(2000, Math.max(0, Math.round((rule.fee ?? DEFAULT_SHIPPING.fee) / 10) * 10));
}

/** The shop's rule: as the snapshot records it, else as its orders show it (shippingRuleSql's row). */
export function shippingRule(manifest: Pick<Manifest, "shipping">, detected: ShippingRule): ShippingRule & {configured: boolean} {
  return manifest.shipping
    ? {threshold: manifest.shipping.free_threshold, fee: manifest.shipping.fee, configured: true}
    : {...detected, configured: false};
}

export interface ShippingRule {
  threshold: number | null;
  fee: number | null;
}

/** The `eligible` CTE: the orders a shipping rule applies to. */
export function eligibleOrdersCte({excludeKinds = DEFAULT_EXCLUDED_KINDS}: EligibleOrdersOptions): string {
  const kinds = excludeKinds.length ? `AND order_kind NOT IN (${excludeKinds.map(sqlLiteral).join(", ")})` : "";
  const subscriptions = excludeKinds.includes("subscription") ? "AND subscription_id IS NULL" : "";
  return `eligible AS (
  -- orders whose shipping depends on their value: counted, and not of a kind that ships free anyway
  SELECT revenue AS amount, shipping_fee FROM orders
  WHERE status = ${sqlLiteral(COUNTED_STATUS)} ${kinds} ${subscriptions}
)`;
}

export interface OrderValueHistogramOptions extends EligibleOrdersOptions {
  /** Bin width in yen. */
  binYen: number;
}

/** Order values in bins of `binYen`: {bin_start, bin_end, orders}, bins without orders left out. */
export function orderValueHistogramSql({binYen, ...options}: OrderValueHistogramOptions): string {
  const bin = sqlLiteral(binYen);
  return `
WITH ${eligibleOrdersCte(options)}
SELECT CAST(floor(amount / ${bin}) * ${bin} AS INTEGER) AS bin_start,
  CAST(floor(amount / ${bin}) * ${bin} + ${bin} AS INTEGER) AS bin_end,
  CAST(count(*) AS INTEGER) AS orders
FROM eligible GROUP BY ALL ORDER BY bin_start`;
}

/** The shop's rule as its orders show it: the fee most charged, and the lowest amount above every charged order. */
export function shippingRuleSql(options: EligibleOrdersOptions = {}): string {
  return `
WITH ${eligibleOrdersCte(options)}
SELECT
  (SELECT CAST(min(amount) AS INTEGER) FROM eligible
    WHERE shipping_fee = 0 AND amount > (SELECT max(amount) FROM eligible WHERE shipping_fee > 0)) AS threshold,
  (SELECT CAST(mode(shipping_fee) AS INTEGER) FROM eligible WHERE shipping_fee > 0) AS fee`;
}

export interface ShippingSweepOptions extends EligibleOrdersOptions {
  /** Candidate thresholds in yen. An order of exactly the threshold ships free. */
  thresholds: number[];
  /** Shipping fee in yen charged below the threshold. */
  fee: number;
  /** Orders at most this fraction below a threshold are "near" it: the top-up candidates. */
  near: number;
  /** Assumption: the share of near orders that top up to the threshold. */
  topUp: number;
}

/** One row per candidate threshold; see README and the page for each field's definition. */
export interface ShippingSweepRow {
  threshold: number;
  orders: number;
  orders_below: number;
  share_below: number | null;
  orders_near: number;
  fee_at_stake: number;
  net_effect: number;
}

/**
 * For each candidate threshold: orders, orders below it and their share, the fee revenue they pay
 * (`fee_at_stake`), orders within `near` below it, and `net_effect`: with a share `topUp` of near orders
 * topping up to exactly the threshold, the goods revenue they add less the fee they no longer pay.
 * Orders are grouped by amount before meeting the thresholds (a few hundred amounts, not every order).
 */
export function shippingSweepSql({thresholds, fee, near, topUp, ...options}: ShippingSweepOptions): string {
  return `
WITH ${eligibleOrdersCte(options)},
amounts AS (SELECT amount, count(*) AS n FROM eligible GROUP BY amount),
thresholds AS (SELECT unnest(${sqlLiteral(thresholds)}) AS threshold),
total AS (SELECT coalesce(sum(n), 0) AS orders FROM amounts),
swept AS (
  SELECT t.threshold,
    coalesce(sum(a.n) FILTER (WHERE a.amount < t.threshold), 0) AS below,
    coalesce(sum(a.n) FILTER (WHERE a.amount < t.threshold AND a.amount >= t.threshold * (1 - ${sqlLiteral(near)})), 0) AS near,
    coalesce(sum(a.n * (t.threshold - a.amount - ${sqlLiteral(fee)}))
      FILTER (WHERE a.amount < t.threshold AND a.amount >= t.threshold * (1 - ${sqlLiteral(near)})), 0) AS top_up_gain
  FROM thresholds t LEFT JOIN amounts a ON a.amount < t.threshold
  GROUP BY t.threshold
)
SELECT
  CAST(threshold AS INTEGER) AS threshold,
  CAST(total.orders AS INTEGER) AS orders,
  CAST(below AS INTEGER) AS orders_below,
  below / nullif(total.orders, 0) AS share_below,
  CAST(near AS INTEGER) AS orders_near,
  CAST(below * ${sqlLiteral(fee)} AS DOUBLE) AS fee_at_stake,
  CAST(${sqlLiteral(topUp)} * top_up_gain AS DOUBLE) AS net_effect
FROM swept, total
ORDER BY threshold`;
}

/** Parses `FROM:TO:STEP` (inclusive) into thresholds; a plain comma list is taken as it is. */
export function parseThresholds(spec: string): number[] {
  const range = /^(\d+):(\d+):(\d+)$/.exec(spec.trim());
  const list = range ? [] : spec.split(",").map((s) => Number(s.trim()));
  if (range) {
    const [from, to, step] = range.slice(1).map(Number);
    if (step < 1 || to < from) throw new RangeError(`thresholds ${spec}: want FROM:TO:STEP with FROM ≤ TO and STEP ≥ 1`);
    for (let t = from; t <= to; t += step) list.push(t);
  }
  if (list.length === 0 || list.some((t) => !Number.isInteger(t) || t < 1)) {
    throw new RangeError(`thresholds ${spec}: want FROM:TO:STEP or a list of whole yen amounts`);
  }
  return list;
}
