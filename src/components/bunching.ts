import {PolynomialRegression} from "ml-regression-polynomial";
import {eligibleOrdersCte, type EligibleOrdersOptions} from "./shippingThreshold.js";
import type {Label} from "./i18n.js";
import {sqlLiteral} from "./sqlLiteral.js";

export interface BunchingBinsOptions extends EligibleOrdersOptions {
  /** The threshold studied, in yen; bins start at it. */
  threshold: number;
  /** Bin width in yen. */
  binYen: number;
  /** How far either side of the threshold to look, in yen. */
  rangeYen: number;
}

/** Orders per bin around a threshold, every bin present (empty ones with 0): {bin_start, orders}. */
export function bunchingBinsSql({threshold, binYen, rangeYen, ...options}: BunchingBinsOptions): string {
  const [t, bin, k] = [sqlLiteral(threshold), sqlLiteral(binYen), sqlLiteral(Math.ceil(rangeYen / binYen))];
  return `
WITH ${eligibleOrdersCte(options)},
binned AS (
  SELECT CAST(floor((amount - ${t}) / ${bin}) AS INTEGER) AS k, count(*) AS n
  FROM eligible WHERE amount >= ${t} - ${k} * ${bin} AND amount < ${t} + ${k} * ${bin} GROUP BY k
),
bins AS (SELECT CAST(unnest(range(-${k}, ${k})) AS INTEGER) AS k)
SELECT CAST(${t} + k * ${bin} AS INTEGER) AS bin_start, CAST(coalesce(n, 0) AS INTEGER) AS orders
FROM bins LEFT JOIN binned USING (k) ORDER BY k`;
}

/** The page's study of the current threshold: bins of ¥250 over half the threshold either side. */
export const BUNCHING_BIN_YEN = 250;
export function currentThresholdBinsSql(threshold: number, options: EligibleOrdersOptions): string {
  return bunchingBinsSql({threshold, binYen: BUNCHING_BIN_YEN, rangeYen: threshold / 2, ...options});
}

export interface BunchingOptions {
  threshold: number;
  /** Width of the window below and above the threshold where behaviour is expected to differ, in yen. */
  belowYen: number;
  aboveYen: number;
  /** Degree of the polynomial fitted to the bins outside the window. */
  degree?: number;
}

export interface BunchingBin {
  bin_start: number;
  orders: number;
  /** Orders the bin would have without the threshold: the polynomial fitted outside the window. */
  counterfactual: number;
  in_window: boolean;
}

export interface BunchingEstimate {
  bins: BunchingBin[];
  /** Orders in the window above the threshold beyond what the counterfactual predicts. */
  excess_above: number;
  /** Orders the counterfactual predicts in the window below that are not there. */
  missing_below: number;
  /** The counterfactual's orders in the window above, and the excess as a share of it. */
  expected_above: number;
  excess_ratio: number | null;
  /** Share of the variance of the bins outside the window that the polynomial explains. */
  fit_r2: number;
  /**
   * Null when the estimate can be trusted; otherwise why not: `lumpy` (the polynomial explains less than
   * MIN_FIT_R2 of the variation away from the threshold: too few price points) or `non_positive` (the
   * counterfactual falls to zero or below near the threshold).
   */
  unreliable: "lumpy" | "non_positive" | null;
}

/** Below this R² outside the window, the counterfactual is not a description of the distribution. */
export const MIN_FIT_R2 = 0.6;

/**
 * A bunching estimate: fit a polynomial to order counts per bin away from the threshold, read the
 * counterfactual off it inside the window, and compare. Needs more bins outside the window than the degree.
 */
export function estimateBunching(rows: {bin_start: number; orders: number}[], options: BunchingOptions): BunchingEstimate {
  const {threshold, belowYen, aboveYen, degree = 3} = options;
  const inWindow = (start: number) => start >= threshold - belowYen && start < threshold + aboveYen;
  const outside = rows.filter((r) => !inWindow(r.bin_start));
  if (outside.length <= degree + 1) throw new RangeError(`bunching: ${outside.length} bins outside the window, need more than ${degree + 1}`);
  // fit on offsets in thousands of yen, so the powers stay well scaled
  const x = (start: number) => (start - threshold) / 1000;
  const fit = new PolynomialRegression(outside.map((r) => x(r.bin_start)), outside.map((r) => r.orders), degree);
  const bins = rows.map((r) => ({...r, counterfactual: Math.max(0, fit.predict(x(r.bin_start))), in_window: inWindow(r.bin_start)}));
  const sum = (list: BunchingBin[], f: (b: BunchingBin) => number) => list.reduce((s, b) => s + f(b), 0);
  const above = bins.filter((b) => b.in_window && b.bin_start >= threshold);
  const below = bins.filter((b) => b.in_window && b.bin_start < threshold);
  const expected_above = sum(above, (b) => b.counterfactual);
  const excess_above = sum(above, (b) => b.orders - b.counterfactual);
  const mean = outside.reduce((s, r) => s + r.orders, 0) / outside.length;
  const residual = outside.reduce((s, r) => s + (r.orders - fit.predict(x(r.bin_start))) ** 2, 0);
  const total = outside.reduce((s, r) => s + (r.orders - mean) ** 2, 0);
  const fit_r2 = total > 0 ? 1 - residual / total : 1;
  const unreliable =
    fit_r2 < MIN_FIT_R2 ? "lumpy" : [...above, ...below].some((b) => fit.predict(x(b.bin_start)) <= 0) ? "non_positive" : null;
  return {
    bins,
    excess_above,
    missing_below: sum(below, (b) => b.counterfactual - b.orders),
    expected_above,
    excess_ratio: expected_above > 0 ? excess_above / expected_above : null,
    fit_r2,
    unreliable
  };
}

/** Why an estimate cannot be trusted, in words for the page. */
export function bunchingWarning({unreliable, fit_r2}: BunchingEstimate): Label | null {
  if (unreliable === "lumpy") {
    const [r2, min] = [(fit_r2 * 100).toFixed(0), (MIN_FIT_R2 * 100).toFixed(0)];
    return {
      ja: `ライン前後を除いた分布のうち多項式で説明できるのは ${r2}% だけです(${min}% 必要)。注文金額が少数の価格に集中していて、なめらかな推定ができません`,
      en: `the polynomial explains only ${r2}% of the variation away from the threshold (${min}% needed): order values sit on a few price points, too lumpy for a smooth counterfactual`
    };
  }
  if (unreliable === "non_positive") {
    return {ja: "推定した注文数がライン付近で0以下になります", en: "the fitted counterfactual falls to zero or below near the threshold"};
  }
  return null;
}
