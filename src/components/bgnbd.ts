import betaln from "@stdlib/math-base-special-betaln";
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import {nelderMead} from "./nelderMead.js";

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

/** Maximum-likelihood fit over log-parameters (Nelder–Mead), customers with equal (x, t_x, T) grouped. */
export function fitBgNbd(customers: Frequency[]): BgNbdParams & {logLikelihood: number} {
  const groups = new Map<string, Frequency & {count: number}>();
  for (const c of customers) {
    const key = `${c.x}|${c.t_x}|${c.T}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, {...c, count: 1});
  }
  const list = [...groups.values()];
  const total = (p: BgNbdParams) => list.reduce((s, g) => s + g.count * bgnbdLogLikelihood(p, g), 0);
  const params = ([r, alpha, a, b]: number[]) => ({r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b)});
  const {x} = nelderMead((p) => -total(params(p)), [0, 0, 0, 0], {tolerance: 1e-14});
  const fitted = params(x);
  return {...fitted, logLikelihood: total(fitted)};
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

/** E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history (equation 10). */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, customer: Frequency): number {
  const {r, alpha, a, b} = params;
  const {x, T} = customer;
  const z = t / (alpha + T + t);
  const head = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
  return head * probabilityAlive(params, customer);
}
