import * as Plot from "@observablehq/plot";
import type {BunchingEstimate} from "./bunching.js";
import {formatCount, formatPercent, formatYen, formatYenShort} from "./format.js";
import {t} from "./i18n.js";
import type {ShippingSweepRow} from "./shippingThreshold.js";

const labels = {
  amount: {ja: "注文金額(値引後・送料別、円)", en: "Order value (after discounts, before shipping, ¥)"},
  orders: {ja: "注文数", en: "Orders"},
  threshold: {ja: "送料無料ライン(円)", en: "Free-shipping threshold (¥)"},
  current: {ja: "現在のライン", en: "current threshold"},
  fee: {ja: "送料", en: "fee"},
  netEffect: {ja: "上乗せによる純増(円)", en: "Net effect of top-ups (¥)"},
  shareBelow: {ja: "ライン未満の注文の割合", en: "Share of orders below the threshold"},
  actual: {ja: "実際", en: "Actual"},
  counterfactual: {ja: "ラインがなかった場合の推定", en: "Estimated without the threshold"}
};


/** Order values as a histogram, the current threshold and fee marked. */
export function OrderValueHistogram(
  rows: {bin_start: number; bin_end: number; orders: number}[],
  {width, threshold, fee, maxYen}: {width: number; threshold: number | null; fee: number | null; maxYen: number}
): SVGSVGElement | HTMLElement {
  const shown = rows.filter((r) => r.bin_start < maxYen);
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 60,
    x: {label: t(labels.amount), tickFormat: formatYenShort, domain: [0, maxYen]},
    y: {label: t(labels.orders), grid: true, tickFormat: formatCount},
    marks: [
      Plot.rectY(shown, {x1: "bin_start", x2: "bin_end", y: "orders", fill: "#4e79a7", inset: 0.5, tip: {format: {x1: formatYen, x2: formatYen, y: formatCount}}}),
      threshold === null
        ? null
        : [
            Plot.ruleX([threshold], {stroke: "#e15759", strokeWidth: 2}),
            Plot.text([threshold], {
              x: (d: number) => d,
              frameAnchor: "top",
              dx: 6,
              textAnchor: "start",
              fill: "#e15759",
              stroke: "white",
              strokeWidth: 4,
              paintOrder: "stroke",
              text: () => `${t(labels.current)} ${formatYen(threshold)}${fee === null ? "" : ` · ${t(labels.fee)} ${formatYen(fee)}`}`
            })
          ],
      Plot.ruleY([0])
    ]
  });
}

/** Net effect of the assumed top-ups, and the share of orders below, for each candidate threshold. */
export function SweepCharts(rows: ShippingSweepRow[], {width, current}: {width: number; current: number | null}): HTMLElement {
  const mark = current === null ? null : Plot.ruleX([current], {stroke: "#e15759", strokeDasharray: "4,3"});
  const common = {width: Math.max(280, width / 2 - 16), height: 240, marginLeft: 70, x: {label: t(labels.threshold), tickFormat: formatYenShort}};
  const net = Plot.plot({
    ...common,
    y: {label: t(labels.netEffect), grid: true, tickFormat: formatYenShort},
    marks: [
      Plot.barY(rows, {x: "threshold", y: "net_effect", fill: (d: ShippingSweepRow) => (d.net_effect >= 0 ? "#59a14f" : "#e15759"), tip: {format: {y: formatYen, x: formatYen, fill: false}}}),
      Plot.ruleY([0]),
      mark
    ],
    // a band scale labels every bar; label every fourth so the yen amounts do not collide
    x: {...common.x, type: "band", tickFormat: (d: number, i: number) => (i % 4 === 0 ? formatYenShort(d) : "")}
  });
  const share = Plot.plot({
    ...common,
    y: {label: t(labels.shareBelow), grid: true, domain: [0, 1], tickFormat: formatPercent},
    marks: [Plot.lineY(rows, {x: "threshold", y: "share_below", marker: true, tip: {format: {y: formatPercent, x: formatYen}}}), mark]
  });
  const figure = document.createElement("div");
  figure.className = "grid grid-cols-2";
  figure.append(net, share);
  return figure;
}

/** Orders per bin around the threshold against the fitted counterfactual, the window shaded. */
export function BunchingChart(estimate: BunchingEstimate, {width, threshold, binYen}: {width: number; threshold: number; binYen: number}): SVGSVGElement | HTMLElement {
  const windowBins = estimate.bins.filter((b) => b.in_window);
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: {label: t(labels.amount), tickFormat: formatYenShort},
    y: {label: t(labels.orders), grid: true, tickFormat: formatCount},
    color: {legend: true, domain: [t(labels.actual), t(labels.counterfactual)], range: ["#4e79a7", "#f28e2c"]},
    marks: [
      Plot.rectY(windowBins.length ? [windowBins] : [], {
        x1: (d: typeof windowBins) => d[0].bin_start,
        x2: (d: typeof windowBins) => d[d.length - 1].bin_start + binYen,
        y: () => Math.max(...estimate.bins.map((b) => b.orders)),
        fill: "#eee"
      }),
      Plot.rectY(estimate.bins, {x1: "bin_start", x2: (d: {bin_start: number}) => d.bin_start + binYen, y: "orders", fill: () => t(labels.actual), inset: 0.5}),
      Plot.lineY(estimate.bins, {x: (d: {bin_start: number}) => d.bin_start + binYen / 2, y: "counterfactual", stroke: () => t(labels.counterfactual), strokeWidth: 2}),
      Plot.ruleX([threshold], {stroke: "#e15759", strokeWidth: 2}),
      Plot.ruleY([0])
    ]
  });
}
