import {currentThresholdBinsSql} from "./bunching.js";
import {churnRiskSql, repeatPurchaseDaysSql} from "./clvInputs.js";
import {clvCheck, clvFit, clvValue, defaultClvSettings, historiesLoader, holdoutDays} from "./clvView.js";
import {DEFAULT_LTV_GROUPING, DEFAULT_LTV_MONTHS, ltvCurveSql} from "./cohortLtv.js";
import {dailyOrdersSql, orderGapsSql, REJECTED_SAMPLE_ROWS, rejectedSampleSql, WEEKLY_JUMPS, weeklyJumpsSql} from "./dataQuality.js";
import {monthlySql, overviewSql} from "./overview.js";
import {productNamesSql} from "./productNames.js";
import {crossSellSql, firstProductSql} from "./repeatProducts.js";
import {DEFAULT_INTERVALS, intervalHistogramSql, intervalSummarySql, secondOrderSurvivalSql} from "./repurchaseIntervals.js";
import {DEFAULT_RFM, rfmGridSql} from "./rfm.js";
import {DEFAULT_ROUTES, routeTreeSql} from "./routeTree.js";
import type {Manifest} from "./schema.js";
import {DEFAULT_SCHEME, DEFAULT_THRESHOLDS} from "./segmentSchemes.js";
import {segmentsSql} from "./segments.js";
import {DEFAULT_EXCLUDED_KINDS, DEFAULT_SHIPPING, defaultSweepFee, orderValueHistogramSql, parseThresholds, shippingRule, shippingRuleSql, shippingSweepSql} from "./shippingThreshold.js";
import type {Lifetime} from "./shiftedBetaGeometric.js";
import {fitSubscriptions, subscriptionFitKey} from "./subscriptionProjection.js";
import {churnWatchSql, DEFAULT_RETENTION, retentionSql, subscriptionLifetimesSql} from "./subscriptionRetention.js";

/**
 * What a page's default view may use: the snapshot's manifest; `ask`, which answers a query as the page's workspace
 * would and ships the answer (`WARM`: the page's inputs change this query, so the page runs it once more in the
 * background when DuckDB-WASM is there, warmUp.ts; a query no input changes is never asked again, and some cost
 * seconds and hundreds of MB at 5M orders; `LATER`: the first view does not need it, so it ships in the page's later
 * file, shippedAnswers.ts); `computed`, which ships a computation's value under its key, as the workspace's
 * `computed` reads it.
 */
export interface DefaultViewContext {
  manifest: Manifest;
  ask(sql: string, options?: {warm?: boolean; later?: boolean}): Promise<Record<string, unknown>[]>;
  computed<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** `ask`'s option for a query the page's inputs change. */
const WARM = {warm: true};
/** `ask`'s option for a query the page asks only once a reader changes something. */
const LATER = {later: true};

/**
 * The queries each page asks when it opens, its inputs at their defaults, in the words the page uses. The site
 * build answers them (shippedAnswers.ts) and ships the answers with the page, so that the page draws its first
 * view before DuckDB-WASM starts (engineStart.ts). A query that differs from the page's by one character is simply
 * not used (the page computes its own); the site's end-to-end test checks that every shipped answer is used.
 * Queries that follow a reader's click (customer lists) are not here.
 */
export const DEFAULT_VIEWS = {
  index: async ({manifest, ask}: DefaultViewContext) => {
    await ask(overviewSql({asOf: manifest.as_of}));
    await ask(monthlySql());
  },
  rfm: async ({ask}: DefaultViewContext) => {
    await ask(rfmGridSql({recencyDays: DEFAULT_RFM.recencyDays, frequency: DEFAULT_RFM.frequency}), WARM);
  },
  segments: async ({manifest, ask}: DefaultViewContext) => {
    await ask(segmentsSql({scheme: DEFAULT_SCHEME, thresholds: DEFAULT_THRESHOLDS[DEFAULT_SCHEME], asOf: manifest.as_of}), WARM);
  },
  shipping: async ({manifest, ask}: DefaultViewContext) => {
    const [detected] = await ask(shippingRuleSql());
    const rule = shippingRule(manifest, detected as {threshold: number | null; fee: number | null});
    const excludeKinds = DEFAULT_EXCLUDED_KINDS;
    await ask(orderValueHistogramSql({binYen: DEFAULT_SHIPPING.binYen, excludeKinds}), WARM);
    const {thresholds, near, topUp} = DEFAULT_SHIPPING;
    await ask(shippingSweepSql({fee: defaultSweepFee(rule), near, topUp, thresholds: parseThresholds(thresholds), excludeKinds}), WARM);
    if (rule.threshold != null) await ask(currentThresholdBinsSql(rule.threshold, {excludeKinds}), WARM);
  },
  repurchase: async ({manifest, ask}: DefaultViewContext) => {
    const options = {groupBy: DEFAULT_INTERVALS.groupBy, excludeSubscriptions: DEFAULT_INTERVALS.excludeSubscriptions};
    await ask(productNamesSql());
    await ask(intervalHistogramSql({...options, binDays: DEFAULT_INTERVALS.binDays}), WARM);
    await ask(intervalSummarySql(options), WARM);
    await ask(secondOrderSurvivalSql({asOf: manifest.as_of}));
  },
  routes: async ({manifest, ask}: DefaultViewContext) => {
    const asOf = manifest.as_of;
    const options = {asOf, windowDays: DEFAULT_ROUTES.windowDays, depth: DEFAULT_ROUTES.depth, ltvMonths: DEFAULT_ROUTES.ltvMonths};
    await ask(routeTreeSql(options), WARM);
    await ask(firstProductSql(options), WARM);
    await ask(productNamesSql());
    await ask(crossSellSql({asOf}));
  },
  subscriptions: async ({manifest, ask, computed}: DefaultViewContext) => {
    const asOf = manifest.as_of;
    await ask(productNamesSql());
    await ask(retentionSql({asOf, by: DEFAULT_RETENTION.by, maxDelivery: DEFAULT_RETENTION.maxDelivery}), WARM);
    const lifetimes = await ask(subscriptionLifetimesSql({asOf}));
    await computed(subscriptionFitKey(asOf), async () => fitSubscriptions(lifetimes as unknown as Lifetime[]));
    await ask(churnWatchSql({asOf}));
  },
  "ltv-curve": async ({manifest, ask}: DefaultViewContext) => {
    await ask(productNamesSql());
    await ask(ltvCurveSql({asOf: manifest.as_of, months: DEFAULT_LTV_MONTHS, by: DEFAULT_LTV_GROUPING}), WARM);
  },
  clv: async ({manifest, ask, computed}: DefaultViewContext) => {
    // the fit and the figures come with the first view; the histories they are computed from (314,000 rows at 5M
    // orders) come later, when a new horizon or discount rate needs them: fetched in a fraction of the seconds and
    // of the hundreds of MB their query takes in DuckDB-WASM
    const settings = defaultClvSettings(manifest.as_of);
    const engine = {rows: (sql: string) => ask(sql, LATER), computed};
    const load = historiesLoader(engine, settings);
    const {fit} = await clvFit(engine, settings, load);
    if (!fit) return;
    await clvCheck(engine, settings, fit, load);
    await clvValue(engine, settings, fit, load);
    // not warmed: only a new calibration end or unit changes these, and that change takes seconds anyway (the
    // histories' query and the fit); warming the churn-risk list took the renderer to 0.9 GiB at 5M as the page opened
    if (holdoutDays(settings) >= 7) await ask(repeatPurchaseDaysSql(settings));
    await ask(churnRiskSql({...settings, bgnbd: fit.bgnbd}));
  },
  quality: async ({ask}: DefaultViewContext) => {
    await ask(rejectedSampleSql({limit: REJECTED_SAMPLE_ROWS}));
    await ask(dailyOrdersSql());
    await ask(orderGapsSql());
    await ask(weeklyJumpsSql(WEEKLY_JUMPS));
  }
};

export type PageWithDefaultView = keyof typeof DEFAULT_VIEWS;
