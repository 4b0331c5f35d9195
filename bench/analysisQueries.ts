import {clvHistoriesSql} from "../src/components/clvInputs.js";
import {clvFitKey, clvValueKey, defaultClvSettings} from "../src/components/clvView.js";
import {ltvCurveSql} from "../src/components/cohortLtv.js";
import {parseThresholds, shippingSweepSql} from "../src/components/shippingThreshold.js";
import {intervalHistogramSql} from "../src/components/repurchaseIntervals.js";
import {rfmGridSql} from "../src/components/rfm.js";
import {routeTreeSql} from "../src/components/routeTree.js";
import {segmentsSql} from "../src/components/segments.js";
import {retentionSql} from "../src/components/subscriptionRetention.js";
import type {Interaction} from "./browser.js";

/**
 * Each analysis's default view: its page, the SQL of its main query (timed natively and in DuckDB-WASM's Node build),
 * and `first`, what the page's first answer is recorded under when that is not the SQL itself: the CLV page's first
 * answer is its fitted models (clvView.ts), computed from that query's rows.
 */
export interface AnalysisQuery {
  page: string;
  name: string;
  sql: string;
  first?: string;
}

export function analysisQueries(asOf: string): AnalysisQuery[] {
  const clv = defaultClvSettings(asOf);
  return [
    {page: "/rfm", name: "RFM grid", sql: rfmGridSql()},
    {page: "/segments", name: "segment LTV share", sql: segmentsSql({scheme: "lifecycle", asOf})},
    {page: "/ltv-curve", name: "X-month LTV", sql: ltvCurveSql({asOf})},
    {page: "/routes", name: "route tree", sql: routeTreeSql({asOf})},
    {page: "/subscriptions", name: "subscription retention", sql: retentionSql({asOf})},
    {page: "/repurchase", name: "repurchase histogram", sql: intervalHistogramSql({excludeSubscriptions: true})},
    {page: "/shipping", name: "free-shipping sweep", sql: shippingSweepSql({thresholds: parseThresholds("2000:10000:500"), fee: 550, near: 0.2, topUp: 0.3})},
    {page: "/clv", name: "CLV fit", sql: clvHistoriesSql(clv), first: clvFitKey(clv)}
  ];
}

/**
 * The typical interactions the benchmark times: an input changed to a value the page has not had before (five, for
 * up to five runs), and what each value has the page compute: the SQL it runs, or the key of its computation (the
 * CLV page's predicted value for another horizon: its histories' query the first time, then the model over every
 * history). Going back to a value is answered from the page's QueryCache without running anything; the benchmark
 * times the computation.
 */
export function analysisInteractions(asOf: string): Interaction[] {
  return [
    {page: "/rfm", name: "RFM: change the recency breakpoints", input: "input[type=text]", values: ["30,90,180,365", "14,30,60,120,365", "60,120,240,365", "30,60,180,365", "7,30,90,365"],
      answer: (v) => rfmGridSql({recencyDays: v.split(",").map(Number), frequency: [1, 2, 3, 5, 10]})},
    {page: "/shipping", name: "shipping: change the candidate thresholds", input: "input[type=text]", values: ["3000:8000:250", "2500:9000:500", "2000:6000:200", "4000:12000:1000", "1500:7500:300"],
      answer: (v) => shippingSweepSql({thresholds: parseThresholds(v), fee: 550, near: 0.2, topUp: 0.3, excludeKinds: ["trial", "subscription"]})},
    {page: "/routes", name: "routes: change the window", input: "input[type=number]", values: ["60", "120", "45", "75", "30"],
      answer: (v) => routeTreeSql({asOf, windowDays: Number(v), depth: 3, ltvMonths: 12})},
    {page: "/clv", name: "CLV: change the horizon", input: "input[type=number]", values: ["26", "78", "40", "104", "13"],
      answer: (v) => clvValueKey({...defaultClvSettings(asOf), horizon: Number(v)})}
  ];
}
