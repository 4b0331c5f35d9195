import * as Plot from "@observablehq/plot";
import {formatYen, formatYenShort} from "./format.js";
import {t} from "./i18n.js";
import type {MonthlyRow} from "./overview.js";
import {nameOf} from "./vocabulary.js";

export interface MonthlyChartOptions {
  width: number;
}

/** Monthly revenue as stacked bars, first orders apart from repeat orders. */
export function MonthlyChart(rows: MonthlyRow[], {width}: MonthlyChartOptions): SVGSVGElement | HTMLElement {
  const data = rows.map((row) => ({...row, date: new Date(`${row.month}-01T00:00:00Z`), buyerName: nameOf(row.buyer)}));
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    x: {type: "band", label: t({ja: "月", en: "Month"}), tickFormat: (d: Date) => (d.getUTCMonth() === 0 ? `${d.getUTCFullYear()}` : "")},
    y: {grid: true, label: t({ja: "売上(円)", en: "Revenue (¥)"}), tickFormat: formatYenShort},
    color: {legend: true, domain: [nameOf("new"), nameOf("repeat")], range: ["#f28e2c", "#4e79a7"]},
    marks: [
      Plot.barY(data, {
        x: "date",
        y: "revenue",
        fill: "buyerName",
        tip: {format: {x: (d: Date) => d.toISOString().slice(0, 7), y: (v: number) => formatYen(v), fill: true}}
      }),
      Plot.ruleY([0])
    ]
  });
}
