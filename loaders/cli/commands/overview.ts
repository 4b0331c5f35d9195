import {overviewSql} from "../../../src/components/overview.js";
import type {AnalysisCommand} from "../analysisCommand.js";
import {positiveInteger} from "../optionValues.js";

export const overviewCommand: AnalysisCommand = {
  name: "overview",
  summary: "The home page's headline figures: customers, orders, revenue, repeat rate, AOV, 2nd-purchase rate.",
  options: {"second-purchase-days": {type: "string", default: "90"}},
  usage: ["--second-purchase-days N   window for the 2nd-purchase rate (default 90)"],
  sql: (values, manifest) =>
    overviewSql({
      asOf: manifest.as_of,
      secondPurchaseDays: positiveInteger(values["second-purchase-days"], "--second-purchase-days")
    })
};
