import {expectedPurchases, probabilityAlive, purchasesIfAlive, type BgNbdParams} from "./bgnbd.js";
import {CLV_UNITS, type ClvUnit} from "./clvInputs.js";
import {perRepeatsAndAge, type ClvFit, type HistoryOutlook} from "./clvModel.js";
import {expectedSpendSum, type SharedSpend} from "./gammaGamma.js";

/** A `history` row of clvHistoriesSql: the customers of one lifecycle segment who share (x, t_x, T). */
export interface ClvHistory {
  segment: string | null;
  x: number;
  t_x: number;
  T: number;
  customers: number;
  monetary_sum: number;
  holdout_days: number;
}

/** clvHistoriesSql's answer split into its two groupings; a history is its row, not a copy (314,000 at 5M orders). */
export function splitClvHistories(rows: ({kind: "history" | "spend"; monetary: number | null} & ClvHistory)[]): {histories: ClvHistory[]; spends: SharedSpend[]} {
  const histories: ClvHistory[] = [];
  const spends: SharedSpend[] = [];
  for (const row of rows) {
    if (row.kind === "history") histories.push(row);
    else spends.push({x: row.x, m: row.monetary ?? 0, customers: row.customers});
  }
  return {histories, spends};
}

/** Repeat purchase days in calibration, as the holdout chart groups them. */
export const holdoutGroup = (x: number) => (x >= 7 ? "7+" : String(x));
/** Repeat purchase days and time since the last purchase (in units), as the P(alive) map groups them. */
export const aliveRow = (x: number) => (x >= 10 ? "10+" : String(x));
export const ALIVE_STEP = 4;

/**
 * The check of the fit against the calibration and holdout periods: plain data (arrays, numbers), so that the site
 * build can ship it as JSON with the page (clvView.ts). It depends on the fit alone, not on the horizon.
 */
export interface ClvCheck {
  /** Mean repeat purchase days in the holdout, actual and predicted, by holdoutGroup. */
  holdout: {x: string; customers: number; actual: number; predicted: number}[];
  /** Mean P(alive) by aliveRow and time since the last purchase in steps of ALIVE_STEP units. */
  alive: {x: string; since: number; p: number; customers: number}[];
  /**
   * Repeat purchase days BG/NBD expects of all these customers together, cumulative from their first purchases, every
   * 7 days from a week after the first of them to the last observed day: [day (days since 1970-01-01), expected].
   */
  expectedRepeats: [number, number][];
}

/** What the customers are expected to bring over the horizon: plain data, as ClvCheck. */
export interface ClvValue {
  customers: number;
  predicted_value: number;
  bySegment: {segment: string | null; customers: number; expected_purchases: number; predicted_value: number}[];
}

/**
 * The check's figures, as sums over histories: `holdoutDays` is the length of the holdout period (0 without one),
 * `lastDay` the last observed day. What a customer still alive buys in the holdout is a function of (x, T),
 * computed once per pair.
 */
export function checkClv(
  fit: ClvFit,
  histories: ClvHistory[],
  {unit, holdoutDays, calibrationEndDay, lastDay}: {unit: ClvUnit; holdoutDays: number; calibrationEndDay: number; lastDay: number}
): ClvCheck {
  const unitDays = CLV_UNITS[unit];
  const holdout = new Map<string, {customers: number; actual: number; predicted: number}>();
  const alive = new Map<string, {x: string; since: number; p: number; customers: number}>();
  const firstDays = new Map<number, number>();
  // equation 10 for the holdout period: P(alive) times what a customer still alive buys in it
  const holdoutIfAlive = perRepeatsAndAge((h) => (holdoutDays > 0 ? purchasesIfAlive(fit.bgnbd, holdoutDays / unitDays, h) : 0));
  for (const h of histories) {
    const p_alive = probabilityAlive(fit.bgnbd, h);
    const group = holdout.get(holdoutGroup(h.x)) ?? holdout.set(holdoutGroup(h.x), {customers: 0, actual: 0, predicted: 0}).get(holdoutGroup(h.x))!;
    group.customers += h.customers;
    group.actual += h.holdout_days;
    group.predicted += h.customers * p_alive * holdoutIfAlive(h);
    const since = Math.floor((h.T - h.t_x) / ALIVE_STEP) * ALIVE_STEP;
    const key = `${aliveRow(h.x)}|${since}`;
    const cell = alive.get(key) ?? alive.set(key, {x: aliveRow(h.x), since, p: 0, customers: 0}).get(key)!;
    cell.p += h.customers * p_alive;
    cell.customers += h.customers;
    const first = Math.round(calibrationEndDay - h.T * unitDays);
    firstDays.set(first, (firstDays.get(first) ?? 0) + h.customers);
  }
  return {
    holdout: [...holdout].map(([x, g]) => ({x, customers: g.customers, actual: g.actual / g.customers, predicted: g.predicted / g.customers})),
    alive: [...alive.values()].map((c) => ({...c, p: c.p / c.customers})),
    expectedRepeats: expectedRepeats(fit.bgnbd, [...firstDays].sort(([a], [b]) => a - b), unitDays, lastDay)
  };
}

/**
 * The tracking plot's expected curve (Fader, Hardie & Lee's figure 2): at each day, customers by their first day
 * (sorted, whole days) times E[X] of their age. E[X] once per age in days: a few hundred special functions, not
 * weeks × first days of them.
 */
function expectedRepeats(params: BgNbdParams, firstDays: [number, number][], unitDays: number, lastDay: number): [number, number][] {
  if (firstDays.length === 0) return [];
  const origin = firstDays[0][0];
  const byAge = new Float64Array(Math.max(lastDay - origin + 1, 0)).fill(NaN);
  const curve: [number, number][] = [];
  for (let day = origin + 7; day <= lastDay; day += 7) {
    let expected = 0;
    for (const [first, customers] of firstDays) {
      if (first >= day) break;
      const age = day - first;
      if (Number.isNaN(byAge[age])) byAge[age] = expectedPurchases(params, age / unitDays);
      expected += customers * byAge[age];
    }
    curve.push([day, expected]);
  }
  return curve;
}

/**
 * The predicted value in total and by segment, as sums over histories: each history's outlook is computed once, and
 * Gamma-Gamma's expected spend is linear in the mean spend, so a history's predicted value needs only the sum of its
 * customers' mean spends. `outlook` is clvModel.ts `outlooks` for the horizon and discount rate.
 */
export function valueClv(fit: ClvFit, histories: ClvHistory[], outlook: (history: ClvHistory) => HistoryOutlook): ClvValue {
  let customers = 0;
  let predictedValue = 0;
  const bySegment = new Map<string | null, {customers: number; expected_purchases: number; predicted_value: number}>();
  for (const h of histories) {
    const {expected_purchases, discounted_purchases} = outlook(h);
    const value = discounted_purchases * expectedSpendSum(fit.gammaGamma, {x: h.x, customers: h.customers, mSum: h.monetary_sum});
    customers += h.customers;
    predictedValue += value;
    const segment = bySegment.get(h.segment) ?? bySegment.set(h.segment, {customers: 0, expected_purchases: 0, predicted_value: 0}).get(h.segment)!;
    segment.customers += h.customers;
    segment.expected_purchases += h.customers * expected_purchases;
    segment.predicted_value += value;
  }
  return {customers, predicted_value: predictedValue, bySegment: [...bySegment].map(([segment, sums]) => ({segment, ...sums}))};
}
