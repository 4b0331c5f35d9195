import {t, type Label, type Lang} from "./i18n.js";

/** Names of the snapshot's codes (product kinds, channels, statuses) in both report languages. */
export const VOCABULARY: Record<string, Label> = {
  trial: {ja: "トライアル", en: "Trial"},
  main: {ja: "本品", en: "Main product"},
  subscription: {ja: "定期", en: "Subscription"},
  cross_sell: {ja: "クロスセル", en: "Cross-sell"},
  search_ads: {ja: "検索広告", en: "Search ads"},
  social_ads: {ja: "SNS広告", en: "Social ads"},
  affiliate: {ja: "アフィリエイト", en: "Affiliate"},
  referral: {ja: "紹介", en: "Referral"},
  organic: {ja: "自然流入", en: "Organic"},
  mypage: {ja: "マイページ", en: "My page"},
  crm_mail: {ja: "CRMメール", en: "CRM mail"},
  completed: {ja: "有効", en: "Completed"},
  cancelled: {ja: "キャンセル", en: "Cancelled"},
  refunded: {ja: "返品・返金", en: "Refunded"},
  none: {ja: "期間内の購入なし", en: "None within the window"},
  too_young: {ja: "観察中(期間未経過)", en: "Too young to tell"},
  new: {ja: "新規", en: "New"},
  repeat: {ja: "リピート", en: "Repeat"}
};

/** A code's name in the page's language; an unknown code is shown as it is. */
export function nameOf(code: string, lang?: Lang): string {
  const label = VOCABULARY[code];
  return label ? t(label, lang) : code;
}
