import {fitBgNbd, probabilityAlive, purchasesIfAlive, type BgNbdParams, type Frequency, type SharedFrequency} from "./bgnbd.js";
import {CLV_UNITS, type ClvInput, type ClvUnit} from "./clvInputs.js";
import {expectedSpend, fitGammaGamma, type GammaGammaParams, type SharedSpend} from "./gammaGamma.js";
import type {Label} from "./i18n.js";

export interface ClvFit {
  bgnbd: BgNbdParams & {logLikelihood: number};
  gammaGamma: GammaGammaParams & {logLikelihood: number; customers: number};
  customers: number;
}

/**
 * Fits BG/NBD to the customers' histories and Gamma-Gamma to their mean spends (a row per customer, or per
 * history shared by `customers` customers), or says why the data cannot support it: too few customers who
 * bought again, or a calibration period too short to see anyone come back.
 */
export async function fitClv(
  histories: SharedFrequency[],
  spends: SharedSpend[],
  {minRepeaters = 30, minPeriods = 8} = {}
): Promise<{fit: ClvFit | null; unfit: Label | null}> {
  let customers = 0;
  let repeaters = 0;
  // a loop, not Math.max(...): a spread of a few million customers overflows the call stack
  let longest = 0;
  for (const h of histories) {
    customers += h.customers ?? 1;
    if (h.x > 0) repeaters += h.customers ?? 1;
    longest = Math.max(longest, h.T);
  }
  if (longest < minPeriods) {
    return {fit: null, unfit: {ja: `較正期間が短すぎます(最長 ${longest.toFixed(1)} 期、${minPeriods} 期以上必要)`, en: `the calibration period is too short (at most ${longest.toFixed(1)} periods; ${minPeriods} needed)`}};
  }
  if (repeaters < minRepeaters) {
    return {
      fit: null,
      unfit: {
        ja: `較正期間にリピートした顧客が ${customers} 人中 ${repeaters} 人しかいません(${minRepeaters} 人以上必要)`,
        en: `${repeaters} of ${customers} customers bought again in the calibration period (${minRepeaters} needed)`
      }
    };
  }
  const bgnbd = await fitBgNbd(histories);
  const gammaGamma = await fitGammaGamma(spends);
  return {fit: {bgnbd, gammaGamma, customers}, unfit: null};
}

/** A customer's spend input to Gamma-Gamma: the mean of their repeat purchase days, 0 without one. */
export function customerSpend(c: ClvInput): SharedSpend {
  return {x: c.x, m: c.monetary ?? 0};
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

/** What BG/NBD expects of one history (x, t_x, T), whoever has it. */
export interface HistoryOutlook {
  p_alive: number;
  expected_purchases: number;
  /** Expected purchases over the horizon, each discounted to today; times the expected spend, the predicted value. */
  discounted_purchases: number;
}

/** A history's expected purchases over the horizon if the customer is still alive, plain and discounted. */
interface OutlookIfAlive {
  expected: number;
  discounted: number;
}

/**
 * Purchases discounted at the end of each of `steps` equal parts of the horizon. Equation 10 is P(alive) times
 * purchasesIfAlive, and P(alive) is the same at every step, so the discounted sum is P(alive) times this one. The
 * steps' times and discount factors are the same for every history: computed once, here.
 */
function outlookIfAlive(params: BgNbdParams, {horizon, unit, discountRate = 0, steps = 12}: PredictionOptions): (history: Pick<Frequency, "x" | "T">) => OutlookIfAlive {
  const years = (t: number) => (t * CLV_UNITS[unit]) / 365.25;
  // the last step is the whole horizon, exactly
  const times = Array.from({length: steps}, (_, i) => (i === steps - 1 ? horizon : (horizon * (i + 1)) / steps));
  const discounts = times.map((t) => (1 + discountRate) ** years(t));
  return (history) => {
    let discounted = 0;
    let before = 0;
    for (let k = 0; k < steps; k++) {
      const now = purchasesIfAlive(params, times[k], history);
      discounted += (now - before) / discounts[k];
      before = now;
    }
    return {expected: before, discounted};
  };
}

/**
 * `compute` of a history's x and T, computed once per distinct pair however many customers, segments or t_x share
 * it: what a customer still alive is expected to buy does not depend on t_x (P(alive) does, and costs one power).
 * At 5M orders the page's 278,000 distinct (x, t_x, T) have 18,000 distinct (x, T).
 */
export function perRepeatsAndAge<T>(compute: (history: Pick<Frequency, "x" | "T">) => T): (history: Pick<Frequency, "x" | "T">) => T {
  // keyed by the numbers themselves: printing fractional weeks into a text key cost more than the model's arithmetic
  const known = new Map<number, Map<number, T>>();
  return (h) => {
    const byT = known.get(h.x) ?? known.set(h.x, new Map()).get(h.x)!;
    if (!byT.has(h.T)) byT.set(h.T, compute(h));
    return byT.get(h.T)!;
  };
}

/** Outlooks of histories over the horizon: the hypergeometric part once per (x, T), P(alive) per history. */
export function outlooks(fit: ClvFit, options: PredictionOptions): (history: Frequency) => HistoryOutlook {
  const ifAlive = perRepeatsAndAge(outlookIfAlive(fit.bgnbd, options));
  return (h) => {
    const alive = probabilityAlive(fit.bgnbd, h);
    const {expected, discounted} = ifAlive(h);
    return {p_alive: alive, expected_purchases: alive * expected, discounted_purchases: alive * discounted};
  };
}

/**
 * Per customer: P(alive), expected purchases over the horizon, expected spend per purchase (Gamma-Gamma
 * posterior mean; the population mean without repeat purchases) and predicted value (outlooks).
 */
export function predictCustomers(fit: ClvFit, inputs: ClvInput[], options: PredictionOptions): ClvPrediction[] {
  const outlook = outlooks(fit, options);
  return inputs.map((c) => {
    const {p_alive, expected_purchases, discounted_purchases} = outlook(c);
    const spend = expectedSpend(fit.gammaGamma, customerSpend(c));
    return {...c, p_alive, expected_purchases, expected_spend: spend, predicted_value: discounted_purchases * spend};
  });
}
