import {csvFormat} from "d3";
import {html} from "htl";
import {t} from "./i18n.js";

/**
 * A link that downloads rows as CSV: UTF-8 with a BOM, so spreadsheet programs read Japanese. The CSV is written
 * when the link is first clicked (the link's address is set before the browser follows it), so a list of a few
 * hundred thousand customers is not held a second time, as text, by a page whose reader never downloads it.
 */
export function CsvDownload<T extends object>(rows: T[], columns: (keyof T & string)[], filename: string): HTMLElement {
  const link = html`<a download=${filename} href="#">${t({ja: "CSVをダウンロード", en: "Download CSV"})} (${filename})</a>` as HTMLAnchorElement;
  link.addEventListener("click", () => {
    if (link.href.startsWith("blob:")) return;
    const csv = "\ufeff" + csvFormat(rows as unknown as {[key: string]: unknown}[], columns);
    link.href = URL.createObjectURL(new Blob([csv], {type: "text/csv;charset=utf-8"}));
  });
  return link;
}
