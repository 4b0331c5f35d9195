import * as Plot from "@observablehq/plot";
import {formatPercent} from "./format.js";
import {t} from "./i18n.js";
import {segmentName, type SegmentScheme} from "./segmentSchemes.js";
import type {SegmentRow} from "./segments.js";

const measures = {
  customer_share: {ja: "顧客数の構成比", en: "Share of customers"},
  revenue_share: {ja: "売上の構成比", en: "Share of revenue"}
};

/** Each segment's share of customers beside its share of revenue: who carries the business. */
export function ShareComparison(rows: SegmentRow[], {width, scheme}: {width: number; scheme: SegmentScheme}): SVGSVGElement | HTMLElement {
  const names = rows.map((r) => t(segmentName(scheme, r.segment)));
  const data = rows.flatMap((r, i) =>
    (["customer_share", "revenue_share"] as const).map((measure) => ({segment: names[i], measure: t(measures[measure]), share: r[measure]}))
  );
  const measureNames = [t(measures.customer_share), t(measures.revenue_share)];
  return Plot.plot({
    width,
    height: 40 + rows.length * 48,
    marginLeft: 210,
    x: {label: t({ja: "構成比", en: "Share"}), tickFormat: formatPercent, grid: true, domain: [0, Math.max(0.05, ...data.map((d) => d.share)) * 1.1]},
    y: {domain: measureNames, axis: null},
    fy: {domain: names, label: null, axis: "left", padding: 0.2},
    color: {domain: measureNames, range: ["#bab0ac", "#4e79a7"], legend: true},
    marks: [
      Plot.barX(data, {x: "share", y: "measure", fy: "segment", fill: "measure"}),
      Plot.text(data, {x: "share", y: "measure", fy: "segment", text: (d: {share: number}) => formatPercent(d.share), dx: 4, textAnchor: "start", fontSize: 10}),
      Plot.ruleX([0])
    ]
  });
}
