import {html} from "htl";
import {formatCount} from "./format.js";
import {t} from "./i18n.js";
import {SCHEMA, SNAPSHOT_TABLES} from "./schema.js";

const text = {
  column: {ja: "列", en: "Column"},
  type: {ja: "型", en: "Type"},
  meaning: {ja: "意味", en: "Meaning"},
  rows: {ja: "行", en: "rows"},
  nullable: {ja: "空欄あり", en: "nullable"}
};

/** The snapshot's tables as documentation: each table's purpose, row count and columns. */
export function TableDocs(rowCounts: Record<string, number>): HTMLElement {
  return html`<div>${SNAPSHOT_TABLES.map((name) => {
    const table = SCHEMA[name];
    return html`<section class="card">
      <h2><code>${name}</code> — ${t(table)} · ${formatCount(rowCounts[name])} ${t(text.rows)}</h2>
      <table>
        <thead><tr><th>${t(text.column)}</th><th>${t(text.type)}</th><th>${t(text.meaning)}</th></tr></thead>
        <tbody>${table.columns.map(
          (c) => html`<tr>
            <td><code>${c.name}</code></td>
            <td>${c.type}${c.nullable ? html` <span class="ltv-note">(${t(text.nullable)})</span>` : ""}</td>
            <td>${t(c)}</td>
          </tr>`
        )}</tbody>
      </table>
    </section>`;
  })}</div>`;
}
