import gammaln from "@stdlib/math-base-special-gammaln";
import {nelderMeadInSlices} from "./nelderMead.js";

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee, "RFM and CLV", 2005): a customer's purchase values are
 * Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; fitted on customers with repeat purchases.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface Spend {
  /** Repeat purchases. */
  x: number;
  /** Their mean value. */
  m: number;
}

/** A mean spend shared by `customers` customers (1 when absent). */
export type SharedSpend = Spend & {customers?: number};

/** One customer's log-likelihood of their mean spend. */
export function gammaGammaLogLikelihood({p, q, v}: GammaGammaParams, {x, m}: Spend): number {
  return (
    gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(v + x * m)
  );
}

/** Mean spends of one x, each with the number of customers who share it. */
interface ByX {
  means: Float64Array;
  counts: Float64Array;
}

/** The sum of gammaGammaLogLikelihood over customers grouped by x (log-gamma once per distinct x). */
export function gammaGammaTotalLogLikelihood({p, q, v}: GammaGammaParams, groups: Map<number, ByX>): number {
  let total = 0;
  const common = q * Math.log(v) - gammaln(q);
  for (const [x, {means, counts}] of groups) {
    const px = p * x;
    const base = common + gammaln(px + q) - gammaln(px) + px * Math.log(x);
    for (let i = 0; i < means.length; i++) total += counts[i] * (base + (px - 1) * Math.log(means[i]) - (px + q) * Math.log(v + x * means[i]));
  }
  return total;
}

/**
 * Maximum-likelihood fit on customers with x > 0 and positive spend (in slices, like fitBgNbd). Spend is fitted
 * in thousands, which keeps ν of the order of the other parameters, then ν is scaled back.
 */
export async function fitGammaGamma(spends: SharedSpend[]): Promise<GammaGammaParams & {logLikelihood: number; customers: number}> {
  const used = spends.filter((c) => c.x > 0 && c.m > 0);
  const scale = 1000;
  const group = (list: SharedSpend[]) =>
    new Map(
      [...new Set(list.map((c) => c.x))].map((x) => {
        const ofX = list.filter((c) => c.x === x);
        return [x, {means: Float64Array.from(ofX, (c) => c.m), counts: Float64Array.from(ofX, (c) => c.customers ?? 1)}];
      })
    );
  const scaled = group(used.map((c) => ({...c, m: c.m / scale})));
  const params = ([p, q, v]: number[]) => ({p: Math.exp(p), q: Math.exp(q), v: Math.exp(v)});
  const {x} = await nelderMeadInSlices((z) => -gammaGammaTotalLogLikelihood(params(z), scaled), [0, 0, 0], {tolerance: 1e-11});
  const fitted = {...params(x), v: params(x).v * scale};
  return {...fitted, logLikelihood: gammaGammaTotalLogLikelihood(fitted, group(used)), customers: used.reduce((n, c) => n + (c.customers ?? 1), 0)};
}

/** Expected value of a purchase of a customer with this history (the posterior mean). */
export function expectedSpend({p, q, v}: GammaGammaParams, {x, m}: Spend): number {
  return (p * (v + x * m)) / (p * x + q - 1);
}

/**
 * The sum of expectedSpend over customers who share x: linear in m, so it needs only their number and the sum of
 * their mean spends.
 */
export function expectedSpendSum({p, q, v}: GammaGammaParams, {x, customers, mSum}: {x: number; customers: number; mSum: number}): number {
  return (p * (customers * v + x * mSum)) / (p * x + q - 1);
}
