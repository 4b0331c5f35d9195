import {clvHistoriesSql, type ClvUnit} from "./clvInputs.js";
import type {Frequency} from "./bgnbd.js";
import {fitClv, outlooks, type ClvFit, type HistoryOutlook} from "./clvModel.js";
import {checkClv, splitClvHistories, valueClv, type ClvCheck, type ClvHistory, type ClvValue} from "./clvSummary.js";
import type {SharedSpend} from "./gammaGamma.js";
import type {Label} from "./i18n.js";

/** The CLV page's settings; its inputs open at DEFAULT_CLV. */
export interface ClvSettings {
  asOf: string;
  /** Last day of the calibration period, YYYY-MM-DD. */
  calibrationEnd: string;
  unit: ClvUnit;
  /** Horizon in units. */
  horizon: number;
  /** Yearly discount rate. */
  discountRate: number;
}

/** What the customers' histories depend on. */
export type ClvCalibration = Pick<ClvSettings, "asOf" | "calibrationEnd" | "unit">;

export const DEFAULT_CLV = {calibrationDays: 183, unit: "week", horizon: 52, discountRate: 0.1} as const;

/** The calibration end the page opens with: DEFAULT_CLV.calibrationDays before the as-of date. */
export function defaultCalibrationEnd(asOf: string): Date {
  return new Date(Date.parse(asOf) - DEFAULT_CLV.calibrationDays * 86_400_000);
}

export function defaultClvSettings(asOf: string): ClvSettings {
  const {unit, horizon, discountRate} = DEFAULT_CLV;
  return {asOf, calibrationEnd: defaultCalibrationEnd(asOf).toISOString().slice(0, 10), unit, horizon, discountRate};
}

/**
 * What the page's computations need of a workspace (workspace.ts), or of the site build that ships its default view
 * (defaultViews.ts): rows of a query, and a computation's value, kept under a key that says all it depends on.
 */
export interface ClvEngine {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  computed<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export type ClvHistories = {histories: ClvHistory[]; spends: SharedSpend[]};

/**
 * The customers' histories for one calibration setting, loaded when first asked and then kept: a page whose fit and
 * figures were shipped loads them only for a changed horizon or discount rate.
 */
export function historiesLoader(engine: ClvEngine, calibration: ClvCalibration): () => Promise<ClvHistories> {
  let loaded: Promise<ClvHistories> | undefined;
  type Row = Parameters<typeof splitClvHistories>[0][number];
  return () => (loaded ??= engine.rows(clvHistoriesSql(calibration)).then((rows) => splitClvHistories(rows as unknown as Row[])));
}

export interface ClvFitted {
  fit: ClvFit | null;
  unfit: Label | null;
  /** How long the fit took where it ran (in this page, or in the site build that shipped it), ms. */
  fitMs: number;
}

/** The key of the fit: it depends on the histories' query alone. */
export function clvFitKey(calibration: ClvCalibration): string {
  return `fitClv over ${clvHistoriesSql(calibration)}`;
}

/** BG/NBD and Gamma-Gamma fitted to the calibration period. */
export function clvFit(engine: ClvEngine, calibration: ClvCalibration, load: () => Promise<ClvHistories>): Promise<ClvFitted> {
  return engine.computed(clvFitKey(calibration), async () => {
    const {histories, spends} = await load();
    const started = performance.now();
    const {fit, unfit} = await fitClv(histories, spends);
    return {fit, unfit, fitMs: performance.now() - started};
  });
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export const dayOf = (iso: string) => Date.parse(iso) / 86_400_000;

/** Days after the calibration end up to the last observed day (the day before as-of): the holdout period. */
export function holdoutDays({asOf, calibrationEnd}: ClvCalibration): number {
  return Math.max(dayOf(asOf) - dayOf(calibrationEnd) - 1, 0);
}

/** The key of the check of the fit: like the fit, it depends on the histories' query alone. */
export function clvCheckKey(calibration: ClvCalibration): string {
  return `checkClv over ${clvHistoriesSql(calibration)}`;
}

/** The check of the fit (checkClv): the holdout period is the days after the calibration end. */
export function clvCheck(engine: ClvEngine, calibration: ClvCalibration, fit: ClvFit, load: () => Promise<ClvHistories>): Promise<ClvCheck> {
  const {asOf, calibrationEnd, unit} = calibration;
  const options = {unit, holdoutDays: holdoutDays(calibration), calibrationEndDay: dayOf(calibrationEnd), lastDay: dayOf(asOf) - 1};
  return engine.computed(clvCheckKey(calibration), async () => checkClv(fit, (await load()).histories, options));
}

/** The key of the predicted value: the horizon and discount rate, over the histories' query. */
export function clvValueKey(settings: ClvSettings): string {
  const {horizon, discountRate} = settings;
  return `valueClv ${JSON.stringify({horizon, discountRate})} over ${clvHistoriesSql(settings)}`;
}

/**
 * outlooks() of the fit for a horizon, unit and discount rate: the same function for the same fit and settings (the
 * last ones asked are kept), so that the page's predicted value and its churn-risk list, in cells of their own, compute
 * each history's outlook once for both.
 */
export function horizonOutlooks(fit: ClvFit, {horizon, unit, discountRate}: Pick<ClvSettings, "horizon" | "unit" | "discountRate">): (history: Frequency) => HistoryOutlook {
  const key = JSON.stringify({horizon, unit, discountRate});
  const kept = lastOutlooks.get(fit);
  if (kept?.key === key) return kept.outlook;
  const outlook = outlooks(fit, {horizon, unit, discountRate});
  lastOutlooks.set(fit, {key, outlook});
  return outlook;
}

const lastOutlooks = new WeakMap<ClvFit, {key: string; outlook: (history: Frequency) => HistoryOutlook}>();

/** The predicted value (valueClv) for the horizon and discount rate, with horizonOutlooks of them. */
export function clvValue(engine: ClvEngine, settings: ClvSettings, fit: ClvFit, load: () => Promise<ClvHistories>): Promise<ClvValue> {
  return engine.computed(clvValueKey(settings), async () => valueClv(fit, (await load()).histories, horizonOutlooks(fit, settings)));
}
