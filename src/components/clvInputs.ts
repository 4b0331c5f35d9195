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
  -- several counted orders on one day are one purchase
  SELECT customer_id, order_date AS day, CAST(sum(revenue) AS BIGINT) AS value
  FROM orders WHERE status = ${v(COUNTED_STATUS)} GROUP BY ALL
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
FROM histories
ORDER BY customer_id`;
}

/** Repeat purchase days (each customer's first day left out) per day, for customers first seen by the calibration end. */
export function repeatPurchaseDaysSql({calibrationEnd}: Pick<ClvInputOptions, "calibrationEnd">): string {
  return `
WITH days AS (SELECT DISTINCT customer_id, order_date AS day FROM orders WHERE status = ${v(COUNTED_STATUS)}),
firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY ALL HAVING min(day) <= DATE ${v(calibrationEnd)})
SELECT CAST(date_diff('day', DATE '1970-01-01', d.day) AS INTEGER) AS day, CAST(count(*) AS INTEGER) AS repeats
FROM days d JOIN firsts f USING (customer_id) WHERE d.day > f.first_day GROUP BY ALL ORDER BY day`;
}
