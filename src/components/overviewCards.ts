import {html} from "htl";
import {formatCount, formatDecimal, formatPercent, formatYen} from "./format.js";
import {t} from "./i18n.js";
import type {OverviewRow} from "./overview.js";
import type {Manifest} from "./schema.js";

const text = {
  period: {ja: "期間", en: "Period"},
  asOf: {ja: "基準日", en: "As of"},
  customers: {ja: "顧客数", en: "Customers"},
  orders: {ja: "有効注文数", en: "Counted orders"},
  revenue: {ja: "売上(値引後・送料別)", en: "Revenue (net of discounts, excl. shipping)"},
  repeatRate: {ja: "リピート率", en: "Repeat rate"},
  repeatNote: {ja: "2回以上購入した顧客の割合", en: "share of customers with 2+ orders"},
  aov: {ja: "平均注文単価", en: "Average order value"},
  secondRate: {ja: "2回目購入率", en: "2nd-purchase rate"},
  secondNote: {ja: "日以内、対象", en: "days, eligible"},
  excluded: {ja: "集計外: キャンセル", en: "Not counted: cancelled"},
  refunded: {ja: "返品・返金", en: "refunded"},
  perCustomer: {ja: "1人あたり注文数", en: "orders per customer"}
};

/** The home page's headline cards. */
export function OverviewCards(row: OverviewRow, manifest: Manifest): HTMLElement {
  const card = (label: string, value: string, note: string) =>
    html`<div class="card"><h2>${label}</h2><div class="ltv-big">${value}</div><div class="ltv-note">${note}</div></div>`;
  const {first_order_date, last_order_date} = manifest.period;
  return html`<div class="grid grid-cols-3">
    ${card(t(text.customers), formatCount(row.customers), `${t(text.period)} ${first_order_date} – ${last_order_date}`)}
    ${card(
      t(text.orders),
      formatCount(row.orders),
      `${t(text.excluded)} ${formatCount(row.cancelled_orders)} · ${t(text.refunded)} ${formatCount(row.refunded_orders)}`
    )}
    ${card(t(text.revenue), formatYen(row.revenue), `${t(text.asOf)} ${manifest.as_of}`)}
    ${card(t(text.repeatRate), formatPercent(row.repeat_rate), `${t(text.repeatNote)} (${formatCount(row.repeat_customers)})`)}
    ${card(t(text.aov), formatYen(row.aov), `${formatDecimal(row.orders / row.customers)} ${t(text.perCustomer)}`)}
    ${card(
      t(text.secondRate),
      formatPercent(row.second_purchase_rate),
      `${row.second_purchase_window} ${t(text.secondNote)} ${formatCount(row.second_purchase_eligible)}`
    )}
  </div>`;
}
