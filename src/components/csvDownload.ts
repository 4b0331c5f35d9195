import {csvFormat} from "d3";
import {html} from "htl";
import {t} from "./i18n.js";

/** A link that downloads rows as CSV: UTF-8 with a BOM, so spreadsheet programs read Japanese. */
export function CsvDownload<T extends object>(rows: T[], columns: (keyof T & string)[], filename: string): HTMLElement {
  const csv = "\ufeff" + csvFormat(rows as unknown as {[key: string]: unknown}[], columns);
  const href = URL.createObjectURL(new Blob([csv], {type: "text/csv;charset=utf-8"}));
  return html`<a download=${filename} href=${href}>${t({ja: "CSVをダウンロード", en: "Download CSV"})} (${filename})</a>`;
}
