import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {formatCount, formatPercent, formatYen, formatYenShort} from "./format.js";
import {t, type Label} from "./i18n.js";
import type {RfmCell} from "./rfm.js";

export const RFM_METRICS: Record<"customers" | "revenue" | "revenue_share" | "avg_monetary", Label> = {
  customers: {ja: "顧客数", en: "Customers"},
  revenue: {ja: "売上", en: "Revenue"},
  revenue_share: {ja: "売上構成比", en: "Share of revenue"},
  avg_monetary: {ja: "平均購入金額(累計)", en: "Average monetary"}
};
export type RfmMetric = keyof typeof RFM_METRICS;

const FORMATS: Record<RfmMetric, (value: number) => string> = {
  customers: formatCount,
  revenue: formatYen,
  revenue_share: formatPercent,
  avg_monetary: formatYen
};

/**
 * The grid as a heat map, coloured by the chosen metric, each cell labelled with it and its customers.
 * Its `value` is the clicked cell (an input view), null until one is clicked.
 */
export function RfmGrid(cells: RfmCell[], {width, metric}: {width: number; metric: RfmMetric}): HTMLElement & {value: RfmCell | null} {
  const total = cells.reduce((sum, c) => sum + c.revenue, 0);
  const data = cells.map((c) => ({...c, revenue_share: total ? c.revenue / total : 0}));
  const rLabels = [...new Map(data.map((c) => [c.r_bin, c.r_label])).values()];
  const fLabels = [...new Map(data.map((c) => [c.f_bin, c.f_label])).values()];
  const days = t({ja: "日", en: " d"});
  const format = FORMATS[metric];
  const plot = Plot.plot({
    width,
    height: Math.max(220, 46 * rLabels.length + 60),
    marginLeft: 90,
    marginTop: 40,
    padding: 0.04,
    x: {domain: fLabels, axis: "top", label: t({ja: "購入回数(F)", en: "Orders (F)"}), tickFormat: (d: string) => `${d}${t({ja: "回", en: ""})}`},
    y: {domain: rLabels, label: t({ja: "最終購入からの日数(R)", en: "Days since last order (R)"}), tickFormat: (d: string) => `${d}${days}`},
    color: {type: "sqrt", scheme: "blues", legend: true, label: t(RFM_METRICS[metric]), ticks: 4, tickFormat: metric === "customers" ? formatCount : metric === "revenue_share" ? formatPercent : formatYenShort},
    marks: [
      Plot.cell(data, {x: "f_label", y: "r_label", fill: metric, inset: 0.5}),
      Plot.text(data, {
        x: "f_label",
        y: "r_label",
        text: (d: (typeof data)[number]) => `${format(d[metric])}\n${formatCount(d.customers)}${t({ja: "人", en: ""})}`,
        fill: (d: (typeof data)[number]) => (d[metric] > 0.6 * Math.max(...data.map((c) => c[metric])) ? "white" : "black"),
        fontSize: 11
      }),
      Plot.tip(data, Plot.pointer({x: "f_label", y: "r_label", title: (d: (typeof data)[number]) => cellTip(d)}))
    ]
  }) as HTMLElement & {value?: (typeof data)[number]};
  const root = html`<div class="ltv-rfm-grid" style="cursor: pointer">${plot}</div>` as HTMLElement & {value: RfmCell | null};
  root.value = null;
  let pointed: RfmCell | null = null;
  // Plot reports the pointed cell on every move; the page only hears about clicks
  plot.addEventListener("input", (event) => {
    pointed = plot.value ?? null;
    event.stopPropagation();
  });
  plot.addEventListener("click", () => {
    if (!pointed) return;
    root.value = pointed;
    plot.querySelectorAll<SVGRectElement>('g[aria-label="cell"] rect').forEach((rect, i) => {
      rect.setAttribute("stroke", data[i].r_bin === pointed!.r_bin && data[i].f_bin === pointed!.f_bin ? "#e15759" : "none");
      rect.setAttribute("stroke-width", "3");
    });
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  return root;
}

function cellTip(d: RfmCell & {revenue_share: number}): string {
  return [
    `R ${d.r_label}${t({ja: "日", en: " days"})} × F ${d.f_label}${t({ja: "回", en: " orders"})}`,
    `${t(RFM_METRICS.customers)}: ${formatCount(d.customers)}`,
    `${t(RFM_METRICS.revenue)}: ${formatYen(d.revenue)} (${formatPercent(d.revenue_share)})`,
    `${t(RFM_METRICS.avg_monetary)}: ${formatYen(d.avg_monetary)}`,
    t({ja: "クリックで顧客一覧", en: "Click for its customers"})
  ].join("\n");
}
