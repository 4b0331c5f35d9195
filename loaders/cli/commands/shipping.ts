import {bunchingBinsSql, estimateBunching} from "../../../src/components/bunching.js";
import {DEFAULT_EXCLUDED_KINDS, parseThresholds, shippingSweepSql} from "../../../src/components/shippingThreshold.js";
import type {Manifest} from "../../../src/components/schema.js";
import {UsageError, type AnalysisCommand, type OptionValues} from "../analysisCommand.js";
import {fraction, positiveInteger} from "../optionValues.js";

function fee(values: OptionValues, manifest: Manifest): number {
  if (values.fee !== undefined) return positiveInteger(values.fee, "--fee");
  if (manifest.shipping) return manifest.shipping.fee;
  throw new UsageError("--fee is required: this snapshot records no shipping rule");
}

function excludeKinds(values: OptionValues): string[] {
  const list = String(values["exclude-kinds"] ?? DEFAULT_EXCLUDED_KINDS.join(","));
  return list.split(",").map((s) => s.trim()).filter(Boolean);
}

function threshold(manifest: Manifest): number {
  if (!manifest.shipping) throw new UsageError("--bunching needs the shop's threshold: this snapshot records no shipping rule");
  return manifest.shipping.free_threshold;
}

export const shippingCommand: AnalysisCommand = {
  name: "shipping",
  summary: "Free-shipping threshold sweep: orders below, near, fee at stake and net effect of top-ups per threshold.",
  options: {
    thresholds: {type: "string", default: "2000:10000:500"},
    fee: {type: "string"},
    near: {type: "string", default: "0.2"},
    "top-up": {type: "string", default: "0.3"},
    "exclude-kinds": {type: "string"},
    bunching: {type: "boolean"},
    "bin-yen": {type: "string", default: "250"}
  },
  usage: [
    "--thresholds FROM:TO:STEP|A,B,…   candidate thresholds in yen (default 2000:10000:500)",
    "--fee YEN            shipping fee below the threshold (default: the snapshot's rule)",
    "--near F             orders within this fraction below a threshold are top-up candidates (default 0.2)",
    "--top-up F           assumed share of near orders that top up to the threshold (default 0.3)",
    "--exclude-kinds K,…  order kinds that ship free anyway (default trial,subscription; '' for none)",
    "--bunching           instead: the bunching estimate at the shop's current threshold",
    "--bin-yen N          with --bunching: bin width in yen (default 250)"
  ],
  sql(values, manifest) {
    if (values.bunching) {
      const t = threshold(manifest);
      const binYen = positiveInteger(values["bin-yen"], "--bin-yen");
      return bunchingBinsSql({threshold: t, binYen, rangeYen: t / 2, excludeKinds: excludeKinds(values)});
    }
    try {
      return shippingSweepSql({
        thresholds: parseThresholds(String(values.thresholds)),
        fee: fee(values, manifest),
        near: fraction(values.near, "--near"),
        topUp: fraction(values["top-up"], "--top-up"),
        excludeKinds: excludeKinds(values)
      });
    } catch (error) {
      throw error instanceof RangeError ? new UsageError(`--${error.message}`) : error;
    }
  },
  present(rows, values, manifest) {
    if (!values.bunching) return rows;
    const t = threshold(manifest);
    const near = fraction(values.near, "--near");
    const {bins, ...estimate} = estimateBunching(rows as {bin_start: number; orders: number}[], {
      threshold: t,
      belowYen: t * near,
      aboveYen: t * near
    });
    return {threshold: t, bin_yen: Number(values["bin-yen"]), window: {below_yen: t * near, above_yen: t * near}, ...estimate, bins};
  }
};
