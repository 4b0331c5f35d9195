import type {Label} from "./i18n.js";
import type {SchemeThresholds, SegmentScheme} from "./segmentSchemes.js";

const yen = (v: number) => `¥${v.toLocaleString("en-US")}`;

/** Each scheme's rules in plain words, with its current thresholds, for the page. */
export function schemeRules<S extends SegmentScheme>(scheme: S, thresholds: SchemeThresholds[S]): Label[] {
  if (scheme === "lifecycle") {
    const {activeDays: a, sleepingDays: s, halfDormantDays: h, regularOrders: r} = thresholds as SchemeThresholds["lifecycle"];
    return [
      {ja: `最終購入から${a}日以内: 購入1回 = 新規顧客、2〜${r - 1}回 = 固定化候補、${r}回以上 = 固定客`, en: `Last order within ${a} days: 1 order = new, 2–${r - 1} = becoming regular, ${r}+ = regular`},
      {ja: `${a + 1}〜${s}日 = スリープ顧客、${s + 1}〜${h}日 = 半休眠顧客、${h}日超 = 休眠顧客`, en: `${a + 1}–${s} days = sleeping, ${s + 1}–${h} = half-dormant, over ${h} = dormant`}
    ];
  }
  if (scheme === "value_activity") {
    const {newDays: n, activeDays: a, highValueYen: v} = thresholds as SchemeThresholds["value_activity"];
    return [
      {ja: `購入1回: 最終購入から${n}日以内 = 新規、それより前 = 1回のみ`, en: `One order: within ${n} days = new, earlier = one-time`},
      {ja: `購入2回以上: 累計売上${yen(v)}以上 = 高価値、最終購入から${a}日以内 = 活動中`, en: `Two or more orders: revenue ${yen(v)}+ = high value; last order within ${a} days = active`}
    ];
  }
  if (scheme === "cpm") {
    const {lapsedDays: l, youngTenureDays: y, matureTenureDays: m, highValueYen: v} = thresholds as SchemeThresholds["cpm"];
    return [
      {ja: `最終購入から${l}日超 = 離脱、それ以内 = 現役`, en: `Last order over ${l} days ago = lapsed, otherwise active`},
      {ja: `購入1回 = 初回。2回以上で在籍(初回〜最終購入)${y}日未満 = よちよち`, en: `One order = first. Two or more within a tenure (first to last order) under ${y} days = toddler`},
      {ja: `在籍${y}日以上: 累計売上${yen(v)}以下 = コツコツ、超で在籍${m}日未満 = 流行、${m}日以上 = 優良`, en: `Tenure ${y}+ days: revenue up to ${yen(v)} = steady; above it, tenure under ${m} days = trendy, ${m}+ = excellent`}
    ];
  }
  const {maturityDays: d, topShare: s, stepDays: p} = thresholds as SchemeThresholds["ltv_rank"];
  return [
    {ja: `高LTV: 初回から${d}日以上の顧客のうち売上上位${Math.round(s * 100)}%の水準以上`, en: `High LTV: revenue at or above the top ${Math.round(s * 100)}% of customers first seen ${d}+ days ago`},
    {ja: `潜在LTV: 初回から${d}日未満で、高LTV顧客が同じ時期(${p}日単位)に購入していた売上の中央値以上`, en: `Potential LTV: first seen under ${d} days ago, with revenue at least the median high-LTV customer had at the same age (in ${p}-day steps)`},
    {ja: "一般: それ以外", en: "General: everyone else"}
  ];
}
