import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import type {CustomerListRow} from "./customerList.js";
import {CsvDownload} from "./csvDownload.js";
import {formatCount, formatYen} from "./format.js";
import {currentLang, t} from "./i18n.js";

const text = {
  id: {ja: "顧客ID(仮名)", en: "Customer (pseudonym)"},
  last: {ja: "最終注文日", en: "Last order"},
  orders: {ja: "注文数", en: "Orders"},
  revenue: {ja: "売上", en: "Revenue"},
  first: {ja: "初回商品", en: "First product"},
  customers: {ja: "人", en: "customers"},
  empty: {ja: "この区分の顧客はいません。", en: "No customers here."}
};

/** A customer list with a CSV download of all of it. */
export function CustomerTable(rows: CustomerListRow[], {filename}: {filename: string}): HTMLElement {
  if (rows.length === 0) return html`<p class="ltv-note">${t(text.empty)}</p>`;
  const en = currentLang() === "en";
  const shown = rows.map((r) => ({...r, product: en ? r.first_product_en : r.first_product}));
  const link = CsvDownload(rows, ["customer_id", "last_order_date", "orders", "revenue", "first_product_id", "first_product"], filename);
  return html`<div>
    <p>${formatCount(rows.length)} ${t(text.customers)} · ${link}</p>
    ${Inputs.table(shown, {
      columns: ["customer_id", "last_order_date", "orders", "revenue", "product"],
      header: {customer_id: t(text.id), last_order_date: t(text.last), orders: t(text.orders), revenue: t(text.revenue), product: t(text.first)},
      format: {revenue: formatYen, orders: formatCount},
      select: false,
      rows: 12
    })}
  </div>`;
}
