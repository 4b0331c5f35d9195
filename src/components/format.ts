import {currentLang} from "./i18n.js";

const yen = {
  ja: new Intl.NumberFormat("ja-JP", {style: "currency", currency: "JPY", currencyDisplay: "symbol"}),
  en: new Intl.NumberFormat("en-US", {style: "currency", currency: "JPY", currencyDisplay: "symbol"})
};
const count = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2, minimumFractionDigits: 2});
const percent = new Intl.NumberFormat("en-US", {style: "percent", maximumFractionDigits: 1, minimumFractionDigits: 1});

/**
 * Yen as yen: ¥1,234 (money is whole yen in the snapshot). Takes one argument only: charts and inputs pass
 * it as a formatter and call it with an index too.
 */
export function formatYen(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? "—" : yen[currentLang()].format(Math.round(value));
}

/** Yen for an axis or legend tick: millions as ¥12M, the rest as formatYen. */
export function formatYenShort(value: number): string {
  return Math.abs(value) >= 1e6 ? `¥${+(value / 1e6).toFixed(1)}M` : formatYen(value);
}

/** A whole count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? "—" : count.format(value);
}

/** A ratio as a percentage with one decimal. */
export function formatPercent(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? "—" : percent.format(value);
}

/** A number with two decimals (orders per customer and the like). */
export function formatDecimal(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? "—" : decimal.format(value);
}

/** Bytes as a short size for progress messages. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
