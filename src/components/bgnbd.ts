import betaln from "@stdlib/math-base-special-betaln";
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import {nelderMeadInSlices} from "./nelderMead.js";

/**
 * BG/NBD (Fader, Hardie & Lee, "Counting Your Customers the Easy Way", 2005): while alive a customer buys
 * as a Poisson process (rate ~ Gamma(r, α)); after each purchase they drop out with probability p ~ Beta(a, b).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface Frequency {
  x: number;
  t_x: number;
  T: number;
}

/** One customer's log-likelihood (equation 6 of the paper). */
export function bgnbdLogLikelihood({r, alpha, a, b}: BgNbdParams, {x, t_x, T}: Frequency): number {
  const base = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaln(a, b + x) - betaln(a, b);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return base + alive;
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + t_x);
  const max = Math.max(alive, dropped);
  return base + max + Math.log(Math.exp(alive - max) + Math.exp(dropped - max));
}

/** A history shared by `customers` customers (1 when absent): what the fit and the page sum over. */
export type SharedFrequency = Frequency & {customers?: number};

/**
 * Customers grouped by x, so the special functions run once per distinct x, and within a group equal
 * (t_x, T) collapsed into one weighted row (every one-time buyer of a day shares one history).
 */
interface ByX {
  x: number;
  t_x: Float64Array;
  T: Float64Array;
  count: Float64Array;
}

function groupByX(histories: SharedFrequency[]): ByX[] {
  const groups = new Map<number, Map<string, {t_x: number; T: number; count: number}>>();
  for (const {x, t_x, T, customers = 1} of histories) {
    const group = groups.get(x) ?? groups.set(x, new Map()).get(x)!;
    const key = `${t_x}|${T}`;
    const row = group.get(key);
    if (row) row.count += customers;
    else group.set(key, {t_x, T, count: customers});
  }
  return [...groups].map(([x, rows]) => {
    const list = [...rows.values()];
    return {x, t_x: Float64Array.from(list, (r) => r.t_x), T: Float64Array.from(list, (r) => r.T), count: Float64Array.from(list, (r) => r.count)};
  });
}

/** The sum of bgnbdLogLikelihood over all customers, computed group by group. */
export function bgnbdTotalLogLikelihood({r, alpha, a, b}: BgNbdParams, groups: ByX[]): number {
  let total = 0;
  const common = r * Math.log(alpha) - gammaln(r) - betaln(a, b);
  for (const {x, t_x, T, count} of groups) {
    const base = common + gammaln(r + x) + betaln(a, b + x);
    const drop = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
    for (let i = 0; i < T.length; i++) {
      const alive = -(r + x) * Math.log(alpha + T[i]);
      if (x === 0) {
        total += count[i] * (base + alive);
        continue;
      }
      const dropped = drop - (r + x) * Math.log(alpha + t_x[i]);
      const max = Math.max(alive, dropped);
      total += count[i] * (base + max + Math.log(Math.exp(alive - max) + Math.exp(dropped - max)));
    }
  }
  return total;
}

/** Maximum-likelihood fit over log-parameters (Nelder–Mead, in slices so a page stays responsive). */
export async function fitBgNbd(histories: SharedFrequency[]): Promise<BgNbdParams & {logLikelihood: number}> {
  const groups = groupByX(histories);
  const params = ([r, alpha, a, b]: number[]) => ({r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b)});
  const {x} = await nelderMeadInSlices((p) => -bgnbdTotalLogLikelihood(params(p), groups), [0, 0, 0, 0], {tolerance: 1e-11});
  const fitted = params(x);
  return {...fitted, logLikelihood: bgnbdTotalLogLikelihood(fitted, groups)};
}

/** E[X(t)]: expected purchases of a new customer in a period of length t (equation 7). */
export function expectedPurchases({r, alpha, a, b}: BgNbdParams, t: number): number {
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}

/** P(alive | x, t_x, T). */
export function probabilityAlive({r, alpha, a, b}: BgNbdParams, {x, t_x, T}: Frequency): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + t_x)) ** (r + x));
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history (equation 10). The page
 * computes it as P(alive) times purchasesIfAlive, once per (x, T) (clvModel.ts); the tests hold that to this.
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, customer: Frequency): number {
  return purchasesIfAlive(params, t, customer) * probabilityAlive(params, customer);
}

/** Equation 10 without its P(alive) factor: the expected purchases in the next t of such a customer still alive. */
export function purchasesIfAlive({r, alpha, a, b}: BgNbdParams, t: number, {x, T}: Pick<Frequency, "x" | "T">): number {
  const z = t / (alpha + T + t);
  return ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
}
