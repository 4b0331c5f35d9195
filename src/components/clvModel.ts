import {conditionalExpectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams} from "./bgnbd.js";
import {CLV_UNITS, type ClvInput, type ClvUnit} from "./clvInputs.js";
import {expectedSpend, fitGammaGamma, type GammaGammaParams} from "./gammaGamma.js";
import type {Label} from "./i18n.js";

export interface ClvFit {
  bgnbd: BgNbdParams & {logLikelihood: number};
  gammaGamma: GammaGammaParams & {logLikelihood: number; customers: number};
  customers: number;
}

/**
 * Fits BG/NBD and Gamma-Gamma to the calibration period, or says why the data cannot support it: too few
 * customers who bought again, or a calibration period too short to see anyone come back.
 */
export async function fitClv(inputs: ClvInput[], {minRepeaters = 30, minPeriods = 8} = {}): Promise<{fit: ClvFit | null; unfit: Label | null}> {
  const repeaters = inputs.filter((c) => c.x > 0).length;
  // a loop, not Math.max(...): a spread of a few million customers overflows the call stack
  const longest = inputs.reduce((most, c) => Math.max(most, c.T), 0);
  if (longest < minPeriods) {
    return {fit: null, unfit: {ja: `較正期間が短すぎます(最長 ${longest.toFixed(1)} 期、${minPeriods} 期以上必要)`, en: `the calibration period is too short (at most ${longest.toFixed(1)} periods; ${minPeriods} needed)`}};
  }
  if (repeaters < minRepeaters) {
    return {
      fit: null,
      unfit: {
        ja: `較正期間にリピートした顧客が ${inputs.length} 人中 ${repeaters} 人しかいません(${minRepeaters} 人以上必要)`,
        en: `${repeaters} of ${inputs.length} customers bought again in the calibration period (${minRepeaters} needed)`
      }
    };
  }
  const bgnbd = await fitBgNbd(inputs);
  const gammaGamma = await fitGammaGamma(inputs.map((c) => ({x: c.x, m: c.monetary ?? 0})));
  return {fit: {bgnbd, gammaGamma, customers: inputs.length}, unfit: null};
}

export interface ClvPrediction extends ClvInput {
  p_alive: number;
  expected_purchases: number;
  expected_spend: number;
  predicted_value: number;
}

export interface PredictionOptions {
  /** Horizon in units. */
  horizon: number;
  unit: ClvUnit;
  /** Yearly discount rate for the predicted value (0 for none). */
  discountRate?: number;
  /** Steps over the horizon at which purchases are discounted. */
  steps?: number;
}

/**
 * Per customer: P(alive), expected purchases over the horizon, expected spend per purchase (Gamma-Gamma
 * posterior mean; the population mean without repeat purchases) and predicted value, with purchases
 * discounted at the end of each of `steps` equal parts of the horizon. Customers with equal histories share
 * one computation.
 */
export function predictCustomers(fit: ClvFit, inputs: ClvInput[], {horizon, unit, discountRate = 0, steps = 12}: PredictionOptions): ClvPrediction[] {
  const cache = new Map<string, {p_alive: number; expected_purchases: number; discounted: number}>();
  const years = (t: number) => (t * CLV_UNITS[unit]) / 365.25;
  return inputs.map((c) => {
    const key = `${c.x}|${c.t_x}|${c.T}`;
    let known = cache.get(key);
    if (!known) {
      const at = (t: number) => conditionalExpectedPurchases(fit.bgnbd, t, c);
      let discounted = 0;
      for (let k = 1, before = 0; k <= steps; k++) {
        const now = at((horizon * k) / steps);
        discounted += (now - before) / (1 + discountRate) ** years((horizon * k) / steps);
        before = now;
      }
      known = {p_alive: probabilityAlive(fit.bgnbd, c), expected_purchases: at(horizon), discounted};
      cache.set(key, known);
    }
    const spend = expectedSpend(fit.gammaGamma, {x: c.x, m: c.monetary ?? 0});
    return {...c, p_alive: known.p_alive, expected_purchases: known.expected_purchases, expected_spend: spend, predicted_value: known.discounted * spend};
  });
}
