import * as Plot from "@observablehq/plot";
import {max, ticks} from "d3";
import type {DailyOrders, OrderGap, WeeklyJump} from "./dataQuality.js";
import {formatCount} from "./format.js";
import {t} from "./i18n.js";
import {REJECTION_REASONS, type RejectionReason} from "./rejectionReasons.js";

/** A rejection reason in the page's language. */
export function reasonName(reason: string): string {
  const label = REJECTION_REASONS[reason as RejectionReason];
  return label ? t(label) : reason;
}

/** Whole-number ticks from 0 to `max`: counts have no fractions. */
function countTicks(max: number): number[] {
  return ticks(0, Math.max(1, max), 5).filter(Number.isInteger);
}

const isoDay = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

/** Orders per day, with days without orders shaded and sudden weeks marked, so a gap in an export shows. */
export function DailyOrdersChart(daily: DailyOrders[], {gaps, jumps, width}: {gaps: OrderGap[]; jumps: WeeklyJump[]; width: number}) {
  const dayMs = 86_400_000;
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: {type: "utc", label: t({ja: "注文日", en: "Order date"})},
    y: {grid: true, label: t({ja: "注文数(全状態)/日", en: "Orders per day (any status)"}), ticks: countTicks(max(daily, (d) => d.orders) ?? 0), tickFormat: formatCount},
    marks: [
      Plot.rect(gaps, {x1: (g: OrderGap) => new Date(+g.first_day), x2: (g: OrderGap) => new Date(+g.last_day + dayMs), fill: "#e15759", fillOpacity: 0.25}),
      Plot.lineY(daily, {x: "day", y: "orders", stroke: "#4e79a7", strokeWidth: 1, tip: {format: {x: isoDay, y: formatCount}}}),
      Plot.dot(jumps, {x: (j: WeeklyJump) => new Date(+j.week + 3 * dayMs), y: (j: WeeklyJump) => j.orders / 7, r: 5, stroke: "#f28e2c", strokeWidth: 2}),
      Plot.ruleY([0])
    ]
  });
}

/** Rejected rows by reason, most frequent first. */
export function RejectionReasonsChart(rows: {reason: string; rows: number}[], {width}: {width: number}) {
  const data = rows.map((r) => ({...r, name: reasonName(r.reason)}));
  return Plot.plot({
    width,
    height: 40 + 28 * data.length,
    marginLeft: 220,
    x: {grid: true, label: t({ja: "行数", en: "Rows"}), ticks: countTicks(max(data, (r) => r.rows) ?? 0), tickFormat: formatCount},
    y: {label: null, domain: data.sort((a, b) => b.rows - a.rows).map((r) => r.name)},
    marks: [
      Plot.barX(data, {y: "name", x: "rows", fill: "#e15759"}),
      Plot.text(data, {y: "name", x: "rows", text: (r: {rows: number}) => formatCount(r.rows), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
