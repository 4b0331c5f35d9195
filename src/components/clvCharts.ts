import * as Plot from "@observablehq/plot";
import {ALIVE_STEP, type ClvCheck} from "./clvSummary.js";
import {formatCount, formatDecimal, formatPercent} from "./format.js";
import {t} from "./i18n.js";

const predicted = {ja: "予測", en: "Predicted"};
const actual = {ja: "実績", en: "Actual"};

/** Mean repeat purchases in the holdout period, predicted against actual, by purchases in the calibration period. */
export function HoldoutByFrequency(groups: ClvCheck["holdout"], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const data = groups.flatMap(({x, customers, actual: a, predicted: p}) => [
    {x, kind: t(actual), value: a, customers},
    {x, kind: t(predicted), value: p, customers}
  ]);
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 60,
    x: {domain: [t(actual), t(predicted)], axis: null},
    y: {label: t({ja: "検証期間の平均リピート購入日数", en: "Mean repeat purchase days in the holdout"}), grid: true},
    fx: {domain: ["0", "1", "2", "3", "4", "5", "6", "7+"], label: t({ja: "較正期間のリピート購入日数", en: "Repeat purchase days in calibration"}), axis: "bottom"},
    color: {domain: [t(actual), t(predicted)], range: ["#4e79a7", "#f28e2c"], legend: true},
    marks: [
      Plot.barY(data, {fx: "x", x: "kind", y: "value", fill: "kind", tip: {format: {y: formatDecimal, x: false}, channels: {customers: {value: "customers", label: t({ja: "顧客", en: "Customers"})}}}}),
      Plot.ruleY([0])
    ]
  });
}

/** Cumulative repeat purchase days over time: actual, and what the model expects (the paper's tracking plot). */
export function TrackingChart(
  {repeats, expectedRepeats, calibrationEndDay}: {repeats: {day: number; repeats: number}[]; expectedRepeats: ClvCheck["expectedRepeats"]; calibrationEndDay: number},
  {width}: {width: number}
): SVGSVGElement | HTMLElement {
  const points: {date: Date; kind: string; value: number}[] = [];
  let running = 0;
  let i = 0;
  for (const [day, expected] of expectedRepeats) {
    while (i < repeats.length && repeats[i].day <= day) running += repeats[i++].repeats;
    const date = new Date(day * 86_400_000);
    points.push({date, kind: t(actual), value: running}, {date, kind: t(predicted), value: expected});
  }
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 70,
    x: {label: t({ja: "週", en: "Week"})},
    y: {label: t({ja: "累計リピート購入日数", en: "Cumulative repeat purchase days"}), grid: true, tickFormat: formatCount},
    color: {domain: [t(actual), t(predicted)], range: ["#4e79a7", "#f28e2c"], legend: true},
    marks: [
      Plot.ruleX([new Date(calibrationEndDay * 86_400_000)], {stroke: "#999", strokeDasharray: "4,3"}),
      Plot.text([new Date(calibrationEndDay * 86_400_000)], {x: (d: Date) => d, frameAnchor: "top", dx: 4, textAnchor: "start", text: () => t({ja: "較正期間の終わり", en: "calibration end"})}),
      Plot.line(points, {x: "date", y: "value", stroke: "kind", strokeWidth: 2, tip: {format: {y: formatCount}}})
    ]
  });
}

/** Mean P(alive) by repeat purchase days and by time since the last purchase. */
export function PAliveHeatmap(cells: ClvCheck["alive"], {width, unitLabel}: {width: number; unitLabel: string}): SVGSVGElement | HTMLElement {
  const xs = [...Array(10).keys()].map(String).concat("10+");
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 60,
    x: {label: `${t({ja: "最後の購入からの時間", en: "Time since the last purchase"})} (${unitLabel})`},
    y: {domain: xs, label: t({ja: "リピート購入日数", en: "Repeat purchase days"}), reverse: true},
    // a sequential reading from 0 to 100%, not a scale diverging around 0
    color: {type: "linear", scheme: "rdylgn", domain: [0, 1], legend: true, label: "P(alive)", tickFormat: formatPercent},
    marks: [Plot.rect(cells, {x1: "since", x2: (d: {since: number}) => d.since + ALIVE_STEP, y: "x", fill: "p", tip: {format: {fill: formatPercent}}, channels: {customers: "customers"}})]
  });
}
