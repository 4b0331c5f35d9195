import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import type {LtvCurveRow} from "./cohortLtv.js";
import {formatCount, formatYen, formatYenShort} from "./format.js";
import {t} from "./i18n.js";

const monthsLabel = {ja: "初回からの月数(X)", en: "Months since first order (X)"};

/** Group × X as a heat map of LTV, each cell labelled when there is room. */
export function LtvHeatmap(rows: LtvCurveRow[], {width, label}: {width: number; label: (group: string) => string}): SVGSVGElement | HTMLElement {
  const groups = [...new Set(rows.map((r) => r.cohort))];
  const months = [...new Set(rows.map((r) => r.months))].sort((a, b) => a - b);
  // white text on the darkest cells
  const dark = 0.6 * d3.max(rows, (r) => r.ltv)!;
  return Plot.plot({
    width,
    height: 60 + groups.length * 18,
    marginLeft: 150,
    marginTop: 40,
    x: {domain: months, axis: "top", label: t(monthsLabel), tickFormat: (m: number) => `${m}${t({ja: "ヶ月", en: " mo"})}`},
    y: {domain: groups, label: null, tickFormat: label},
    color: {scheme: "blues", legend: true, label: "LTV", tickFormat: formatYenShort},
    marks: [
      Plot.cell(rows, {x: "months", y: "cohort", fill: "ltv", inset: 0.5, tip: {format: {fill: formatYen, x: true, y: true}}}),
      Plot.text(rows, {x: "months", y: "cohort", text: (d: LtvCurveRow) => formatYen(d.ltv), fontSize: 9, fill: (d: LtvCurveRow) => (d.ltv > dark ? "white" : "black")})
    ]
  });
}

/**
 * LTV by months since the first order. Monthly cohorts are many: each is a thin line coloured by its year,
 * with the customer-weighted average over cohorts drawn bold; other groupings get one labelled line each.
 */
export function LtvCurves(rows: LtvCurveRow[], {width, cohorts, label}: {width: number; cohorts: boolean; label: (group: string) => string}): SVGSVGElement | HTMLElement {
  const average = d3.rollups(rows, (v) => d3.sum(v, (r) => r.ltv * r.customers) / d3.sum(v, (r) => r.customers), (r) => r.months)
    .map(([months, ltv]) => ({months, ltv}))
    .sort((a, b) => a.months - b.months);
  const series = cohorts ? (r: LtvCurveRow) => r.cohort.slice(0, 4) : (r: LtvCurveRow) => label(r.cohort);
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 70,
    marginRight: cohorts ? 20 : 140,
    x: {label: t(monthsLabel), grid: true},
    y: {label: t({ja: "LTV(円)", en: "LTV (¥)"}), grid: true, tickFormat: formatYenShort},
    // years are categories here, not quantities
    color: {type: "ordinal", legend: cohorts, label: cohorts ? t({ja: "獲得年", en: "Acquired in"}) : undefined},
    marks: [
      Plot.line(rows, {x: "months", y: "ltv", z: "cohort", stroke: series, strokeWidth: cohorts ? 1 : 2, strokeOpacity: cohorts ? 0.5 : 1, marker: !cohorts, tip: {format: {y: formatYen, stroke: true, z: true}}}),
      cohorts
        ? Plot.line(average, {x: "months", y: "ltv", stroke: "black", strokeWidth: 3})
        : Plot.text(rows, Plot.selectLast({x: "months", y: "ltv", z: "cohort", text: (r: LtvCurveRow) => `${label(r.cohort)} (${formatCount(r.customers)})`, dx: 6, textAnchor: "start", fill: series})),
      cohorts ? Plot.text(average, Plot.selectLast({x: "months", y: "ltv", text: () => t({ja: "全コホート平均", en: "all cohorts"}), dx: -6, dy: -10, textAnchor: "end", fontWeight: "bold"})) : null,
      Plot.ruleY([0])
    ]
  });
}
