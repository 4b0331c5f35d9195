import * as Plot from "@observablehq/plot";
import {formatCount, formatPercent} from "./format.js";
import {t} from "./i18n.js";
import type {RetentionRow} from "./subscriptionRetention.js";

/** Observed retention by delivery number per group, with the model's projection dashed. */
export function RetentionChart(
  rows: RetentionRow[],
  {width, projection, label}: {width: number; projection: {delivery: number; retained_share: number}[]; label: (g: string) => string}
): SVGSVGElement | HTMLElement {
  const observed = rows.filter((r) => r.retained_share !== null);
  const model = t({ja: "sBGモデルの予測", en: "sBG model projection"});
  return Plot.plot({
    width,
    height: 340,
    marginLeft: 60,
    marginRight: 120,
    x: {label: t({ja: "配送回数", en: "Delivery number"}), grid: true, domain: [1, Math.max(...rows.map((r) => r.delivery), ...projection.map((p) => p.delivery))]},
    y: {label: t({ja: "その回まで継続した割合", en: "Share still subscribed"}), domain: [0, 1], grid: true, tickFormat: formatPercent},
    color: {legend: true, tickFormat: label},
    marks: [
      Plot.line(projection, {x: "delivery", y: "retained_share", stroke: "#333", strokeDasharray: "5,4"}),
      Plot.text(projection.slice(-1), {x: "delivery", y: "retained_share", text: () => model, dx: 6, textAnchor: "start", fill: "#333"}),
      Plot.line(observed, {x: "delivery", y: "retained_share", stroke: "group", marker: true,
        tip: {format: {y: formatPercent, stroke: label}, channels: {active: {value: "active", label: t({ja: "継続数", en: "Active"})}}}}),
      Plot.text(observed, Plot.selectLast({x: "delivery", y: "retained_share", z: "group", text: (r: RetentionRow) => `${label(r.group)} (${formatCount(r.active)})`, dx: 6, textAnchor: "start", fill: "group"}))
    ]
  });
}
