import type {Label} from "./i18n.js";

/** The named segment schemes laid over the customers; each puts every customer in exactly one class. */
export const SEGMENT_SCHEMES = ["lifecycle", "value_activity", "cpm", "ltv_rank"] as const;
export type SegmentScheme = (typeof SEGMENT_SCHEMES)[number];
export const DEFAULT_SCHEME: SegmentScheme = "lifecycle";

/** Editable thresholds of every scheme; days are recency or tenure in whole days, money in yen. */
export interface SchemeThresholds {
  lifecycle: {activeDays: number; sleepingDays: number; halfDormantDays: number; regularOrders: number};
  value_activity: {newDays: number; activeDays: number; highValueYen: number};
  cpm: {lapsedDays: number; youngTenureDays: number; matureTenureDays: number; highValueYen: number};
  ltv_rank: {maturityDays: number; topShare: number; stepDays: number};
}

export const DEFAULT_THRESHOLDS: SchemeThresholds = {
  lifecycle: {activeDays: 90, sleepingDays: 180, halfDormantDays: 365, regularOrders: 3},
  value_activity: {newDays: 90, activeDays: 180, highValueYen: 20_000},
  cpm: {lapsedDays: 240, youngTenureDays: 90, matureTenureDays: 210, highValueYen: 70_000},
  ltv_rank: {maturityDays: 365, topShare: 0.2, stepDays: 30}
};

export const SCHEME_NAMES: Record<SegmentScheme, Label> = {
  lifecycle: {ja: "ライフサイクル(6分類)", en: "Lifecycle (6 classes)"},
  value_activity: {ja: "価値 × 活動(6分類)", en: "Value × activity (6 classes)"},
  cpm: {ja: "CPM(10分類)", en: "CPM, customer portfolio management (10 classes)"},
  ltv_rank: {ja: "LTVランク(3分類)", en: "LTV rank (3 classes)"}
};

/** Each scheme's classes in display order, with their names. */
export const SEGMENTS: Record<SegmentScheme, [string, Label][]> = {
  lifecycle: [
    ["new", {ja: "新規顧客", en: "New"}],
    ["becoming_regular", {ja: "固定化候補", en: "Becoming regular"}],
    ["regular", {ja: "固定客", en: "Regular"}],
    ["sleeping", {ja: "スリープ顧客", en: "Sleeping"}],
    ["half_dormant", {ja: "半休眠顧客", en: "Half-dormant"}],
    ["dormant", {ja: "休眠顧客", en: "Dormant"}]
  ],
  value_activity: [
    ["loyal", {ja: "ロイヤル(高価値・活動中)", en: "Loyal (high value, active)"}],
    ["frequent_low", {ja: "頻度は高いが低単価", en: "Frequent, low value"}],
    ["at_risk", {ja: "離反リスク(高価値・非活動)", en: "At risk (high value, inactive)"}],
    ["not_target", {ja: "対象外(低価値・非活動)", en: "Not a target (low value, inactive)"}],
    ["new", {ja: "新規", en: "New"}],
    ["one_time", {ja: "1回のみ", en: "One-time"}]
  ],
  cpm: (["first", "toddler", "steady", "trendy", "excellent"] as const).flatMap((stage) =>
    (["active", "lapsed"] as const).map((state): [string, Label] => {
      const names = {first: ["初回", "First"], toddler: ["よちよち", "Toddler"], steady: ["コツコツ", "Steady"], trendy: ["流行", "Trendy"], excellent: ["優良", "Excellent"]};
      const states = {active: ["現役", "active"], lapsed: ["離脱", "lapsed"]};
      return [`${stage}_${state}`, {ja: `${names[stage][0]}${states[state][0]}`, en: `${names[stage][1]}, ${states[state][1]}`}];
    })
  ),
  ltv_rank: [
    ["high_ltv", {ja: "高LTV", en: "High LTV"}],
    ["potential_ltv", {ja: "潜在LTV", en: "Potential LTV"}],
    ["general", {ja: "一般", en: "General"}]
  ]
};

/** The name of a segment code within a scheme. */
export function segmentName(scheme: SegmentScheme, code: string): Label {
  return SEGMENTS[scheme].find(([c]) => c === code)?.[1] ?? {ja: code, en: code};
}

/** Names of the thresholds, for the inputs that edit them. */
export const THRESHOLD_NAMES: Record<string, Label> = {
  activeDays: {ja: "活動中とみなす日数(最終購入から)", en: "Active: days since last order"},
  sleepingDays: {ja: "スリープの上限日数", en: "Sleeping up to (days)"},
  halfDormantDays: {ja: "半休眠の上限日数", en: "Half-dormant up to (days)"},
  regularOrders: {ja: "固定客とみなす購入回数", en: "Regular from (orders)"},
  newDays: {ja: "新規とみなす日数", en: "New: days since the only order"},
  highValueYen: {ja: "高価値とみなす累計売上(円)", en: "High value from (¥ revenue)"},
  lapsedDays: {ja: "離脱とみなす日数", en: "Lapsed after (days)"},
  youngTenureDays: {ja: "よちよちの在籍日数(未満)", en: "Toddler: tenure under (days)"},
  matureTenureDays: {ja: "優良の在籍日数(以上)", en: "Excellent: tenure from (days)"},
  maturityDays: {ja: "成熟とみなす日数(初回から)", en: "Mature after (days since first order)"},
  topShare: {ja: "高LTVの上位割合", en: "High LTV: top share"},
  stepDays: {ja: "比較の刻み(日)", en: "Comparison step (days)"}
};
