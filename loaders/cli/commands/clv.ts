import {CLV_UNITS, clvInputsSql, type ClvInput, type ClvUnit} from "../../../src/components/clvInputs.js";
import {customerSpend, fitClv, predictCustomers} from "../../../src/components/clvModel.js";
import {UsageError, type AnalysisCommand} from "../analysisCommand.js";
import {fraction, isoDate, positiveInteger} from "../optionValues.js";

function unit(value: unknown): ClvUnit {
  if (typeof value !== "string" || !(value in CLV_UNITS)) throw new UsageError(`--unit takes week, day or month, got ${String(value)}`);
  return value as ClvUnit;
}

export const clvCommand: AnalysisCommand = {
  name: "clv",
  summary: "BG/NBD and Gamma-Gamma fitted to a calibration period: parameters, and per customer P(alive) and predicted value.",
  options: {
    "calibration-end": {type: "string"},
    unit: {type: "string", default: "week"},
    horizon: {type: "string", default: "52"},
    "discount-rate": {type: "string", default: "0"},
    "per-customer": {type: "boolean"}
  },
  usage: [
    "--calibration-end YYYY-MM-DD   last day of the calibration period (required)",
    "--unit week|day|month          unit of t_x, T and the horizon (default week)",
    "--horizon N                    prediction horizon in units (default 52)",
    "--discount-rate R              yearly discount rate for predicted value (default 0)",
    "--per-customer                 instead: one row per customer"
  ],
  sql(values) {
    return clvInputsSql({calibrationEnd: isoDate(values["calibration-end"], "--calibration-end"), unit: unit(values.unit)});
  },
  async present(rows, values) {
    const inputs = rows as unknown as ClvInput[];
    const {fit, unfit} = await fitClv(inputs, inputs.map(customerSpend));
    if (!fit) return {bgnbd: null, gamma_gamma: null, customers: inputs.length, unfit: unfit!.en};
    if (values["per-customer"]) {
      return predictCustomers(fit, inputs, {
        horizon: positiveInteger(values.horizon, "--horizon"),
        unit: unit(values.unit),
        discountRate: fraction(values["discount-rate"], "--discount-rate")
      });
    }
    const {r, alpha, a, b, logLikelihood} = fit.bgnbd;
    const {p, q, v} = fit.gammaGamma;
    return {bgnbd: {r, alpha, a, b, log_likelihood: logLikelihood}, gamma_gamma: {p, q, v}, customers: fit.customers};
  }
};
