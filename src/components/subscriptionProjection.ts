import type {Label} from "./i18n.js";
import {fitShiftedBetaGeometric, sbgExpectedRemaining, sbgSurvival, type Lifetime, type SbgFit} from "./shiftedBetaGeometric.js";
import {subscriptionLifetimesSql} from "./subscriptionRetention.js";

export interface SubscriptionProjection {
  sbg: SbgFit | null;
  /** Share of starting subscriptions the model expects to reach each delivery, 1 … project. */
  projection: {delivery: number; retained_share: number}[];
  /** Expected further deliveries per active subscription, averaged over the active ones. */
  expected_remaining: number | null;
  /** Why there is no fit, when there is none. */
  unfit: Label | null;
}

/** The shifted-beta-geometric model fitted to the shop's subscriptions, or why it is not. */
export interface SubscriptionFit {
  sbg: SbgFit | null;
  unfit: Label | null;
}

/**
 * Fits the shifted-beta-geometric model to the shop's subscriptions; refuses (saying why) when fewer than `minLost`
 * subscriptions have ended, as a fit on them would be noise.
 */
export function fitSubscriptions(lifetimes: Lifetime[], {minLost = 10} = {}): SubscriptionFit {
  const lost = lifetimes.filter((l) => l.lost).reduce((s, l) => s + l.count, 0);
  if (lost < minLost) {
    return {
      sbg: null,
      unfit: {
        ja: `終了した定期が ${lost} 件しかなく、継続モデルを当てはめられません(${minLost} 件以上必要)`,
        en: `only ${lost} subscriptions have ended: too few to fit the retention model (${minLost} needed)`
      }
    };
  }
  return {sbg: fitShiftedBetaGeometric(lifetimes), unfit: null};
}

/** The key of the fit, which depends on the lifetimes' query alone: the site build ships it with the page. */
export function subscriptionFitKey(asOf: string): string {
  return `fitSubscriptions over ${subscriptionLifetimesSql({asOf})}`;
}

/** Projects retention to `project` deliveries with the model `fitted` to the lifetimes (fitted here when not given). */
export function projectSubscriptions(lifetimes: Lifetime[], {project = 24, fitted = fitSubscriptions(lifetimes)}: {project?: number; fitted?: SubscriptionFit} = {}): SubscriptionProjection {
  const {sbg, unfit} = fitted;
  if (!sbg) return {sbg: null, projection: [], expected_remaining: null, unfit};
  const active = lifetimes.filter((l) => !l.lost);
  const activeCount = active.reduce((s, l) => s + l.count, 0);
  return {
    sbg,
    projection: Array.from({length: project}, (_, i) => ({delivery: i + 1, retained_share: sbgSurvival(sbg.alpha, sbg.beta, i)})),
    expected_remaining: activeCount
      ? active.reduce((s, l) => s + l.count * sbgExpectedRemaining(sbg.alpha, sbg.beta, l.t), 0) / activeCount
      : null,
    unfit: null
  };
}
