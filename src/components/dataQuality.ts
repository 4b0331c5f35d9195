import {sqlLiteral} from "./sqlLiteral.js";

/** A day's orders of every status: what arrived, before any analysis decides what counts. */
export interface DailyOrders {
  day: Date;
  orders: number;
}

/** Orders per day over the whole period, days without orders included (as zero). */
export function dailyOrdersSql(): string {
  return `
WITH days AS (
  SELECT CAST(day AS DATE) AS day
  FROM range((SELECT min(order_date) FROM orders), (SELECT max(order_date) FROM orders) + INTERVAL 1 DAY, INTERVAL 1 DAY) r(day)
)
SELECT d.day, CAST(count(o.order_id) AS INTEGER) AS orders
FROM days d LEFT JOIN orders o ON o.order_date = d.day
GROUP BY d.day ORDER BY d.day`;
}

/** A run of days inside the period on which no order arrived: an export gap, an outage or a holiday. */
export interface OrderGap {
  first_day: Date;
  last_day: Date;
  days: number;
}

/** Runs of consecutive days without orders, longest first. */
export function orderGapsSql(): string {
  return `
WITH daily AS (${dailyOrdersSql()}),
empty AS (
  -- consecutive empty days share day − row number
  SELECT day, day - CAST(row_number() OVER (ORDER BY day) AS INTEGER) AS run FROM daily WHERE orders = 0
)
SELECT min(day) AS first_day, max(day) AS last_day, CAST(count(*) AS INTEGER) AS days
FROM empty GROUP BY run ORDER BY days DESC, first_day`;
}

/** Options for spotting sudden jumps in weekly orders. */
export interface WeeklyJumpOptions {
  /** A week is a jump when it is this many times its trailing median, or that much below it (2 = ×2 or ÷2). */
  factor: number;
  /** Weeks of history the median looks back over. */
  weeks: number;
}

/** What the data quality page looks for: weeks at twice or half the median of the 8 before. */
export const WEEKLY_JUMPS: WeeklyJumpOptions = {factor: 2, weeks: 8};
/** How many rejected rows the page lists. */
export const REJECTED_SAMPLE_ROWS = 100;

/** A week whose orders differ sharply from the weeks before it. */
export interface WeeklyJump {
  week: Date;
  orders: number;
  trailing_median: number;
  ratio: number;
}

/** Whole weeks (Monday to Sunday) whose order count is `factor` times above or below the median of the weeks before. */
export function weeklyJumpsSql({factor, weeks}: WeeklyJumpOptions): string {
  return `
WITH weekly AS (
  SELECT CAST(date_trunc('week', day) AS DATE) AS week, sum(orders) AS orders, count(*) AS days
  FROM (${dailyOrdersSql()}) GROUP BY 1
),
whole AS (
  -- a part week at either end of the period is not a jump
  SELECT week, orders FROM weekly WHERE days = 7
),
with_history AS (
  SELECT week, orders,
    median(orders) OVER (ORDER BY week ROWS BETWEEN ${Math.floor(weeks)} PRECEDING AND 1 PRECEDING) AS trailing_median,
    count(*) OVER (ORDER BY week ROWS BETWEEN ${Math.floor(weeks)} PRECEDING AND 1 PRECEDING) AS history
  FROM whole
)
SELECT week, CAST(orders AS INTEGER) AS orders, trailing_median, orders / trailing_median AS ratio
FROM with_history
WHERE history = ${Math.floor(weeks)} AND trailing_median > 0
  AND (orders >= ${sqlLiteral(factor)} * trailing_median OR orders * ${sqlLiteral(factor)} <= trailing_median)
ORDER BY week`;
}

/** Rejected rows in file and row order, as many as `limit`: the first look at what went wrong. */
export function rejectedSampleSql({limit}: {limit: number}): string {
  return `SELECT file, row_number, column_name, reason, value FROM rejections ORDER BY file, row_number LIMIT ${Math.floor(limit)}`;
}
