import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {formatCount, formatPercent} from "./format.js";
import {t} from "./i18n.js";
import type {SurvivalRow} from "./repurchaseIntervals.js";

const daysLabel = {ja: "日数(前回の注文から)", en: "Days since the previous order"};

type Bin = {group: string; bin_start: number; bin_end: number; intervals: number};
type Summary = {group: string; intervals: number; median: number; p25: number; p75: number};

/** Completed intervals per bin, one row of bars per group, the median marked. */
export function IntervalHistogram(bins: Bin[], summary: Summary[], {width, label, maxDays}: {width: number; label: (g: string) => string; maxDays: number}): SVGSVGElement | HTMLElement {
  const groups = summary.map((s) => s.group);
  const shown = bins.filter((b) => b.bin_start < maxDays);
  return Plot.plot({
    width,
    height: 40 + groups.length * 110,
    marginLeft: 60,
    marginRight: 120,
    x: {label: t(daysLabel), domain: [0, maxDays]},
    y: {label: t({ja: "件数", en: "Intervals"}), grid: true, tickFormat: formatCount},
    fy: {domain: groups, label: null, tickFormat: label},
    marks: [
      Plot.rectY(shown, {x1: "bin_start", x2: "bin_end", y: "intervals", fy: "group", fill: "#4e79a7", inset: 0.5, tip: true}),
      Plot.ruleX(summary, {x: "median", fy: "group", stroke: "#e15759", strokeWidth: 2}),
      Plot.text(summary, {x: "median", fy: "group", frameAnchor: "top", dx: 4, textAnchor: "start", fill: "#e15759",
        text: (s: Summary) => `${t({ja: "中央値", en: "median"})} ${s.median}${t({ja: "日", en: " d"})}`}),
      Plot.ruleY([0])
    ]
  });
}

/** Share of eventual repeaters back by day N, per group: where the curve crosses 50% is the median. */
export function CumulativeShare(bins: Bin[], {width, label, maxDays}: {width: number; label: (g: string) => string; maxDays: number}): SVGSVGElement | HTMLElement {
  const points = d3.groups(bins, (b) => b.group).flatMap(([group, list]) => {
    const total = d3.sum(list, (b) => b.intervals);
    let running = 0;
    return [{group, day: 0, share: 0}, ...list.map((b) => ({group, day: b.bin_end, share: (running += b.intervals) / total}))];
  }).filter((p) => p.day <= maxDays);
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 60,
    marginRight: 90,
    x: {label: t(daysLabel), domain: [0, maxDays], grid: true},
    y: {label: t({ja: "戻ってきた割合(リピーターのうち)", en: "Share of repeaters back"}), domain: [0, 1], grid: true, tickFormat: formatPercent},
    color: {legend: true, tickFormat: label},
    marks: [
      Plot.ruleY([0.5], {stroke: "#999", strokeDasharray: "4,3"}),
      Plot.line(points, {x: "day", y: "share", stroke: "group", marker: false, tip: {format: {y: formatPercent, stroke: label}}})
    ]
  });
}

/** The Kaplan–Meier curve: share of customers not yet back for a second order, by days since the first. */
export function SurvivalCurve(rows: SurvivalRow[], {width, maxDays}: {width: number; maxDays: number}): SVGSVGElement | HTMLElement {
  const shown = [{day: 0, survival: 1, at_risk: rows[0]?.at_risk ?? 0}, ...rows.filter((r) => r.day <= maxDays)];
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: {label: t({ja: "初回注文からの日数", en: "Days since the first order"}), domain: [0, maxDays], grid: true},
    y: {label: t({ja: "まだ2回目を購入していない割合", en: "Share not yet back for a 2nd order"}), domain: [0, 1], grid: true, tickFormat: formatPercent},
    marks: [
      Plot.line(shown, {x: "day", y: "survival", curve: "step-after", stroke: "#59a14f", strokeWidth: 2}),
      Plot.tip(shown, Plot.pointerX({x: "day", y: "survival", title: (r: {day: number; survival: number; at_risk: number}) =>
        `${r.day}${t({ja: "日", en: " days"})}: ${formatPercent(r.survival)} · ${t({ja: "対象", en: "at risk"})} ${formatCount(r.at_risk)}`}))
    ]
  });
}
