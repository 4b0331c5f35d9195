import {crossSellSql, firstProductSql} from "../../../src/components/repeatProducts.js";
import {routeTreeSql} from "../../../src/components/routeTree.js";
import {UsageError, type AnalysisCommand} from "../analysisCommand.js";
import {positiveInteger} from "../optionValues.js";

export const routesCommand: AnalysisCommand = {
  name: "routes",
  summary: "The second-purchase route tree: customers, share of parent, median days and LTV at every node.",
  options: {
    "window-days": {type: "string", default: "90"},
    depth: {type: "string", default: "3"},
    "ltv-months": {type: "string", default: "12"},
    "first-products": {type: "boolean"},
    "cross-sell": {type: "boolean"}
  },
  usage: [
    "--window-days N   the next order continues a route within N days (default 90)",
    "--depth N         levels, 1 to 4 (default 3)",
    "--ltv-months X    X-month LTV at each node, over customers observed X months (default 12)",
    "--first-products  instead: each first product's 2nd-purchase rate, median days and X-month LTV",
    "--cross-sell      instead: product pairs among loyal customers with support and lift"
  ],
  sql(values, manifest) {
    const depth = positiveInteger(values.depth, "--depth");
    if (depth > 4) throw new UsageError("--depth takes 1 to 4");
    const options = {
      asOf: manifest.as_of,
      windowDays: positiveInteger(values["window-days"], "--window-days"),
      depth,
      ltvMonths: positiveInteger(values["ltv-months"], "--ltv-months")
    };
    if (values["cross-sell"]) return crossSellSql({asOf: manifest.as_of});
    if (values["first-products"]) return firstProductSql(options);
    return routeTreeSql(options);
  }
};
