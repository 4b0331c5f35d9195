import type {Lifetime} from "../../../src/components/shiftedBetaGeometric.js";
import {projectSubscriptions} from "../../../src/components/subscriptionProjection.js";
import {churnWatchSql, retentionSql, subscriptionLifetimesSql, SUBSCRIPTION_GROUPINGS, type RetentionRow, type SubscriptionGrouping} from "../../../src/components/subscriptionRetention.js";
import {UsageError, type AnalysisCommand} from "../analysisCommand.js";
import {positiveInteger} from "../optionValues.js";

type Rows = Record<string, unknown>[];

export const subscriptionsCommand: AnalysisCommand = {
  name: "subscriptions",
  summary: "Subscription retention by delivery number with the shifted-beta-geometric fit and projection.",
  options: {
    by: {type: "string"},
    "max-delivery": {type: "string", default: "12"},
    project: {type: "string", default: "24"},
    watch: {type: "boolean"}
  },
  usage: [
    "--max-delivery N   deliveries in the table (default 12)",
    "--project N        project retention to delivery N with the model (default 24)",
    "--by G             instead: retention rows per group (cohort: start quarter, product)",
    "--watch            instead: the churn-watch list (overdue or skipped active subscriptions)"
  ],
  sql(values, manifest) {
    const options = {asOf: manifest.as_of, maxDelivery: positiveInteger(values["max-delivery"], "--max-delivery")};
    positiveInteger(values.project, "--project");
    if (values.watch) return churnWatchSql(options);
    if (values.by !== undefined) {
      const by = values.by as SubscriptionGrouping;
      if (!SUBSCRIPTION_GROUPINGS.includes(by)) throw new UsageError(`--by takes one of ${SUBSCRIPTION_GROUPINGS.join(", ")}, got ${String(by)}`);
      return retentionSql({...options, by});
    }
    return {deliveries: retentionSql(options), lifetimes: subscriptionLifetimesSql(options)};
  },
  present(rows, values) {
    if (Array.isArray(rows)) return rows;
    const {deliveries, lifetimes} = rows as {deliveries: Rows; lifetimes: Rows};
    const model = projectSubscriptions(lifetimes as unknown as Lifetime[], {project: Number(values.project)});
    return {
      deliveries: (deliveries as unknown as RetentionRow[]).map(({delivery, active, retained_share}) => ({delivery, active, retained_share})),
      sbg: model.sbg && {alpha: model.sbg.alpha, beta: model.sbg.beta},
      projection: model.projection,
      ...(model.unfit ? {unfit: model.unfit.en} : {})
    };
  }
};
