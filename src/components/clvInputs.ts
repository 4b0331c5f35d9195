import {COUNTED_STATUS} from "./schema.js";
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
export function clvInputsSql({calibrationEnd, unit = "week"}: ClvInputOptions): string {
  const end = `DATE ${v(calibrationEnd)}`;
  const per = v(CLV_UNITS[unit]);
  return `
WITH days AS (
  SELECT customer_id, order_date AS day, sum(revenue) AS value
  FROM orders WHERE status = ${v(COUNTED_STATUS)} GROUP BY ALL
),
firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY ALL),
calibration AS (
  SELECT d.customer_id,
    CAST(count(*) - 1 AS INTEGER) AS x,
    date_diff('day', f.first_day, max(d.day)) / ${per} AS t_x,
    date_diff('day', f.first_day, ${end}) / ${per} AS T,
    avg(d.value) FILTER (WHERE d.day > f.first_day) AS monetary
  FROM days d JOIN firsts f USING (customer_id)
  WHERE f.first_day <= ${end} AND d.day <= ${end}
  GROUP BY d.customer_id, f.first_day
),
holdout AS (SELECT customer_id, count(*) AS x_holdout FROM days WHERE day > ${end} GROUP BY ALL)
SELECT c.customer_id, c.x, CAST(c.t_x AS DOUBLE) AS t_x, CAST(c.T AS DOUBLE) AS T, CAST(c.monetary AS DOUBLE) AS monetary,
  CAST(coalesce(h.x_holdout, 0) AS INTEGER) AS x_holdout
FROM calibration c LEFT JOIN holdout h USING (customer_id)
ORDER BY c.customer_id`;
}

/** Repeat purchase days (each customer's first day left out) per day, for customers first seen by the calibration end. */
export function repeatPurchaseDaysSql({calibrationEnd}: Pick<ClvInputOptions, "calibrationEnd">): string {
  return `
WITH days AS (SELECT DISTINCT customer_id, order_date AS day FROM orders WHERE status = ${v(COUNTED_STATUS)}),
firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY ALL HAVING min(day) <= DATE ${v(calibrationEnd)})
SELECT CAST(date_diff('day', DATE '1970-01-01', d.day) AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS repeats
FROM days d JOIN firsts f USING (customer_id) WHERE d.day > f.first_day GROUP BY ALL ORDER BY day`;
}
