import {html} from "htl";
import type {Currency} from "./schema.js";
import {errorMessage} from "./errorMessage.js";
import {formatBytes, formatCount} from "./format.js";
import {t} from "./i18n.js";

const text = {
  starting: {ja: "DuckDB を起動しています…", en: "Starting DuckDB…"},
  loading: {ja: "スナップショットを読み込み中", en: "Loading the snapshot"},
  ready: {ja: "読み込み完了", en: "Loaded"},
  failed: {ja: "スナップショットを読み込めませんでした", en: "The snapshot could not be loaded"},
  shipped: {
    ja: "最初の表示はサイトのビルド時に同じ DuckDB で計算した既定の集計です。設定を変えた集計は、読み込みが終わりしだい計算します。",
    en: "The first view is the default one, computed by the same DuckDB when the site was built; changed settings are computed as soon as loading is done."
  },
  fetching: {ja: "取得中", en: "fetching"},
  rows: {ja: "行", en: "rows"},
  seconds: {ja: "秒", en: "s"},
  hint: {
    ja: "サイトを再ビルドするか(npm run build)、開発サーバーのログを確認してください。",
    en: "Rebuild the site (npm run build) or check the dev server's log."
  }
};

/**
 * The element a page shows while its snapshot tables load: progress per table, then a one-line summary,
 * or a readable error. `data-state` is loading | ready | error (the end-to-end tests read it).
 */
export class LoadStatus {
  readonly element: HTMLElement;
  readonly #lines = new Map<string, HTMLElement>();
  readonly #warnings: HTMLElement[] = [];

  constructor(tables: readonly string[]) {
    this.element = html`<div class="ltv-status" data-state="loading" role="status">
      <strong>${t(text.loading)}</strong> <span class="ltv-status-step">${t(text.starting)}</span>
      <ul>${tables.map((name) => this.#line(name))}</ul>
    </div>`;
  }

  #line(name: string): HTMLElement {
    const li = html`<li><code>${name}</code> <span>…</span></li>`;
    this.#lines.set(name, li);
    return li;
  }

  /** A table's file is downloading (its size, when the server announced it). */
  fetching(table: string, total: number | null): void {
    this.#say(table, total ? `${t(text.fetching)} ${formatBytes(total)}…` : `${t(text.fetching)}…`);
  }

  /** A table's file is in: its size. */
  fetched(table: string, bytes: number): void {
    this.#say(table, formatBytes(bytes));
  }

  #say(table: string, message: string): void {
    const span = this.#lines.get(table)?.querySelector("span");
    if (span) span.textContent = message;
  }

  step(message: string): void {
    const span = this.element.querySelector(".ltv-status-step");
    if (span) span.textContent = message;
  }

  /** Said while DuckDB-WASM loads, once the page has drawn its default view from the answers it shipped with. */
  answersShipped(): void {
    if (this.element.dataset.state !== "loading") return;
    this.element.append(html`<p class="ltv-note">${t(text.shipped)}</p>`);
  }

  /** A problem the page works around: shown now and kept in the summary. */
  warn(step: string, error: unknown): void {
    const warning = html`<p class="ltv-warning">⚠ ${step}: ${errorMessage(error)}</p>`;
    this.#warnings.push(warning);
    this.element.append(warning);
  }

  loaded(table: string, rows: number): void {
    const span = this.#lines.get(table)?.querySelector("span");
    if (span) span.textContent = `${formatCount(rows)} ${t(text.rows)} ✓`;
  }

  /** The summary line; a snapshot not in yen says so, since the report's labels and formats are in yen. */
  ready(rows: Record<string, number>, milliseconds: number, currency: Currency): void {
    if (this.element.dataset.state === "error") return;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    this.element.dataset.state = "ready";
    this.element.replaceChildren(
      html`<span>${t(text.ready)}: ${Object.keys(rows).join(", ")} · ${formatCount(total)} ${t(text.rows)} ·
        ${(milliseconds / 1000).toFixed(1)} ${t(text.seconds)}</span>`,
      ...(currency === "JPY"
        ? []
        : [html`<p class="ltv-warning">⚠ ${t({
            ja: `このスナップショットの金額は ${currency} の最小単位(1/100)です。レポートの「¥」「円」はその単位として読んでください(¥2,933 = ${currency} 29.33)。`,
            en: `This snapshot's money is in ${currency} minor units (1/100). Read the report's ¥ as that unit (¥2,933 = ${currency} 29.33).`
          })}</p>`]),
      ...this.#warnings
    );
  }

  fail(step: string, error: unknown): void {
    this.element.dataset.state = "error";
    this.element.setAttribute("role", "alert");
    this.element.replaceChildren(
      html`<strong>${t(text.failed)}</strong>
        <p>${step}: ${errorMessage(error)}</p>
        <p>${t(text.hint)}</p>`
    );
  }
}
