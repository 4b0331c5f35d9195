import {customerListSql} from "../../../src/components/customerList.js";
import {DEFAULT_RFM, rfmCellIdsSql, rfmGridSql, type RfmOptions} from "../../../src/components/rfm.js";
import {UsageError, type AnalysisCommand, type OptionValues} from "../analysisCommand.js";
import {increasingList, positiveInteger} from "../optionValues.js";

function rfmOptions(values: OptionValues): RfmOptions {
  if (values.quantiles !== undefined) {
    const quantiles = positiveInteger(values.quantiles, "--quantiles");
    if (quantiles < 2) throw new UsageError("--quantiles takes a whole number ≥ 2");
    return {quantiles};
  }
  return {
    recencyDays: increasingList(values["recency-days"], "--recency-days"),
    frequency: increasingList(values.frequency, "--frequency")
  };
}

export const rfmCommand: AnalysisCommand = {
  name: "rfm",
  summary: "The recency × frequency grid: customers, revenue and average monetary per cell, empty cells as zeros.",
  options: {
    "recency-days": {type: "string", default: DEFAULT_RFM.recencyDays.join(",")},
    frequency: {type: "string", default: DEFAULT_RFM.frequency.join(",")},
    quantiles: {type: "string"},
    cell: {type: "string"}
  },
  usage: [
    "--recency-days A,B,…  inclusive upper edges in days (default 30,60,90,180,365: 0–30, 31–60, … >365)",
    "--frequency A,B,…     inclusive upper edges in orders (default 1,2,3,5,10: 1, 2, 3, 4–5, 6–10, >10)",
    "--quantiles N         instead: cut both axes at N quantiles (5 for quintiles)",
    "--cell R,F            instead: the customers of cell (r_bin, f_bin)"
  ],
  sql(values) {
    const options = rfmOptions(values);
    if (values.cell === undefined) return rfmGridSql(options);
    const [r_bin, f_bin] = String(values.cell).split(",").map((s) => positiveInteger(s.trim(), "--cell"));
    if (f_bin === undefined) throw new UsageError("--cell takes R,F (the r_bin and f_bin of a grid row)");
    return customerListSql(rfmCellIdsSql({...options, r_bin, f_bin}));
  }
};
