import {INTERVAL_GROUPINGS, intervalHistogramSql, intervalSummarySql, type IntervalGrouping} from "../../../src/components/repurchaseIntervals.js";
import {UsageError, type AnalysisCommand} from "../analysisCommand.js";
import {positiveInteger} from "../optionValues.js";

export const repurchaseCommand: AnalysisCommand = {
  name: "repurchase",
  summary: "Days between consecutive counted orders: a histogram per group, or with --summary their quartiles.",
  options: {
    "bin-days": {type: "string", default: "7"},
    "group-by": {type: "string", default: "transition"},
    "exclude-subscriptions": {type: "boolean"},
    summary: {type: "boolean"}
  },
  usage: [
    "--bin-days N              histogram bin width in days (default 7)",
    `--group-by G              ${INTERVAL_GROUPINGS.join(" | ")} (default transition: 1→2, 2→3, 3+)`,
    "--exclude-subscriptions   leave out scheduled subscription deliveries (the first delivery stays)",
    "--summary                 instead: {group, intervals, median, p25, p75}"
  ],
  sql(values) {
    const groupBy = values["group-by"] as IntervalGrouping;
    if (!INTERVAL_GROUPINGS.includes(groupBy)) throw new UsageError(`--group-by takes one of ${INTERVAL_GROUPINGS.join(", ")}, got ${String(groupBy)}`);
    const options = {groupBy, excludeSubscriptions: Boolean(values["exclude-subscriptions"])};
    if (values.summary) return intervalSummarySql(options);
    return intervalHistogramSql({...options, binDays: positiveInteger(values["bin-days"], "--bin-days")});
  }
};
