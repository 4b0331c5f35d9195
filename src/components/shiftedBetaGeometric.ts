import betaln from "@stdlib/math-base-special-betaln";
import {nelderMead} from "./nelderMead.js";

/**
 * The shifted-beta-geometric model of retention (Fader & Hardie, "How to Project Customer Retention",
 * 2007): each subscriber churns at every renewal with a constant probability θ, and θ varies across
 * subscribers as Beta(α, β). Period t is the t-th renewal: delivery t + 1.
 */

/** P(a subscriber is lost at period t), t ≥ 1. */
export function sbgChurn(alpha: number, beta: number, t: number): number {
  return Math.exp(betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta));
}

/** S(t): the share still subscribed after t periods. */
export function sbgSurvival(alpha: number, beta: number, t: number): number {
  return Math.exp(betaln(alpha, beta + t) - betaln(alpha, beta));
}

/** Subscribers lost at period `t`, or still active after `t` periods (right-censored). */
export interface Lifetime {
  t: number;
  lost: boolean;
  count: number;
}

export interface SbgFit {
  alpha: number;
  beta: number;
  logLikelihood: number;
}

/** Maximum-likelihood fit: Σ lost·ln P(t) + Σ active·ln S(t), over log α and log β (Nelder–Mead). */
export function fitShiftedBetaGeometric(lifetimes: Lifetime[]): SbgFit {
  const logLikelihood = (alpha: number, beta: number) => {
    const base = betaln(alpha, beta);
    return lifetimes.reduce((sum, {t, lost, count}) => {
      const p = lost ? betaln(alpha + 1, beta + t - 1) : betaln(alpha, beta + t);
      return sum + count * (p - base);
    }, 0);
  };
  const {x} = nelderMead(([a, b]) => -logLikelihood(Math.exp(a), Math.exp(b)), [0, 0]);
  const [alpha, beta] = x.map(Math.exp);
  return {alpha, beta, logLikelihood: logLikelihood(alpha, beta)};
}

/** A single cohort's survivors by period (survivors[0] = the starting count) as lifetimes. */
export function lifetimesFromSurvivors(survivors: number[]): Lifetime[] {
  const lost = survivors.slice(1).map((s, i) => ({t: i + 1, lost: true, count: survivors[i] - s}));
  return [...lost, {t: survivors.length - 1, lost: false, count: survivors[survivors.length - 1]}];
}

/**
 * Expected further deliveries of a subscriber who has survived `t` periods: Σ S(t + k) / S(t) for
 * k = 1 … horizon (undiscounted, truncated at the horizon).
 */
export function sbgExpectedRemaining(alpha: number, beta: number, t: number, horizon = 120): number {
  // S(t + k) / S(t) = B(α, β + t + k) / B(α, β + t): B(α, β) cancels out
  const base = betaln(alpha, beta + t);
  let sum = 0;
  for (let k = 1; k <= horizon; k++) sum += Math.exp(betaln(alpha, beta + t + k) - base);
  return sum;
}
