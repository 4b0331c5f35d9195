import * as Inputs from "@observablehq/inputs";
import {csvFormat} from "d3";
import {html} from "htl";
import type {CustomerListRow} from "./customerList.js";
import {formatCount, formatYen} from "./format.js";
import {currentLang, t} from "./i18n.js";

const text = {
  id: {ja: "顧客ID(仮名)", en: "Customer (pseudonym)"},
  last: {ja: "最終注文日", en: "Last order"},
  orders: {ja: "注文数", en: "Orders"},
  revenue: {ja: "売上", en: "Revenue"},
  first: {ja: "初回商品", en: "First product"},
  download: {ja: "CSVをダウンロード", en: "Download CSV"},
  customers: {ja: "人", en: "customers"},
  empty: {ja: "この区分の顧客はいません。", en: "No customers here."}
};

/** A customer list with a CSV download of all of it (UTF-8 with a BOM, so spreadsheet programs read Japanese). */
export function CustomerTable(rows: CustomerListRow[], {filename}: {filename: string}): HTMLElement {
  if (rows.length === 0) return html`<p class="ltv-note">${t(text.empty)}</p>`;
  const en = currentLang() === "en";
  const shown = rows.map((r) => ({...r, product: en ? r.first_product_en : r.first_product}));
  const csv = "\ufeff" + csvFormat(rows, ["customer_id", "last_order_date", "orders", "revenue", "first_product_id", "first_product"]);
  const href = URL.createObjectURL(new Blob([csv], {type: "text/csv;charset=utf-8"}));
  return html`<div>
    <p>${formatCount(rows.length)} ${t(text.customers)} · <a download=${filename} href=${href}>${t(text.download)} (${filename})</a></p>
    ${Inputs.table(shown, {
      columns: ["customer_id", "last_order_date", "orders", "revenue", "product"],
      header: {customer_id: t(text.id), last_order_date: t(text.last), orders: t(text.orders), revenue: t(text.revenue), product: t(text.first)},
      format: {revenue: formatYen, orders: formatCount},
      select: false,
      rows: 12
    })}
  </div>`;
}
