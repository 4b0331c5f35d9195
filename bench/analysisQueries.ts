import {clvInputsSql} from "../src/components/clvInputs.js";
import {ltvCurveSql} from "../src/components/cohortLtv.js";
import {parseThresholds, shippingSweepSql} from "../src/components/shippingThreshold.js";
import {intervalHistogramSql} from "../src/components/repurchaseIntervals.js";
import {rfmGridSql} from "../src/components/rfm.js";
import {routeTreeSql} from "../src/components/routeTree.js";
import {segmentsSql} from "../src/components/segments.js";
import {retentionSql} from "../src/components/subscriptionRetention.js";

/** Each analysis's default view: its page and the SQL the page runs first, as the benchmark times it. */
export function analysisQueries(asOf: string): {page: string; name: string; sql: string}[] {
  const calibrationEnd = new Date(Date.parse(asOf) - 183 * 86_400_000).toISOString().slice(0, 10);
  return [
    {page: "/rfm", name: "RFM grid", sql: rfmGridSql()},
    {page: "/segments", name: "segment LTV share", sql: segmentsSql({scheme: "lifecycle", asOf})},
    {page: "/ltv-curve", name: "X-month LTV", sql: ltvCurveSql({asOf})},
    {page: "/routes", name: "route tree", sql: routeTreeSql({asOf})},
    {page: "/subscriptions", name: "subscription retention", sql: retentionSql({asOf})},
    {page: "/repurchase", name: "repurchase histogram", sql: intervalHistogramSql({excludeSubscriptions: true})},
    {page: "/shipping", name: "free-shipping sweep", sql: shippingSweepSql({thresholds: parseThresholds("2000:10000:500"), fee: 550, near: 0.2, topUp: 0.3})},
    {page: "/clv", name: "CLV inputs", sql: clvInputsSql({calibrationEnd})}
  ];
}
