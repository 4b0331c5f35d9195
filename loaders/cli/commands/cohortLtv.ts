import {DEFAULT_LTV_MONTHS, LTV_GROUPINGS, ltvCurveSql, type LtvGrouping} from "../../../src/components/cohortLtv.js";
import {UsageError, type AnalysisCommand} from "../analysisCommand.js";
import {increasingList} from "../optionValues.js";

export const ltvCurveCommand: AnalysisCommand = {
  name: "ltv-curve",
  summary: "X-month LTV (revenue per customer within X months of the first order) per acquisition cohort or group.",
  options: {months: {type: "string", default: DEFAULT_LTV_MONTHS.join(",")}, by: {type: "string", default: "cohort"}},
  usage: [
    "--months A,B,…  the Xs in months (default 1,3,6,12,24)",
    `--by GROUP      ${LTV_GROUPINGS.join(" | ")} (default cohort: the acquisition month)`
  ],
  sql(values, manifest) {
    const by = values.by as LtvGrouping;
    if (!LTV_GROUPINGS.includes(by)) throw new UsageError(`--by takes one of ${LTV_GROUPINGS.join(", ")}, got ${String(values.by)}`);
    const months = increasingList(values.months, "--months");
    if (months[0] < 1) throw new UsageError("--months takes whole numbers ≥ 1");
    return ltvCurveSql({asOf: manifest.as_of, months, by});
  }
};
