import {describe, expect, it} from "vitest";
import {
  fitShiftedBetaGeometric,
  lifetimesFromSurvivors,
  sbgChurn,
  sbgExpectedRemaining,
  sbgSurvival
} from "../../src/components/shiftedBetaGeometric.js";

describe("the shifted-beta-geometric model", () => {
  it("reproduces Fader & Hardie (2007)'s fit to the 'regular' cohort: α ≈ 0.668, β ≈ 3.806", () => {
    const fit = fitShiftedBetaGeometric(lifetimesFromSurvivors([1000, 869, 743, 653, 593, 551, 517, 491]));
    expect(fit.alpha).toBeCloseTo(0.668, 2);
    expect(fit.beta).toBeCloseTo(3.806, 2);
    expect(Math.abs(fit.alpha - 0.668)).toBeLessThan(0.005);
    expect(Math.abs(fit.beta - 3.806)).toBeLessThan(0.005);
  });

  it("reproduces the 'high end' cohort: α ≈ 0.704, β ≈ 1.182", () => {
    const fit = fitShiftedBetaGeometric(lifetimesFromSurvivors([1000, 631, 468, 382, 326, 289, 262, 241]));
    expect(Math.abs(fit.alpha - 0.704)).toBeLessThan(0.005);
    expect(Math.abs(fit.beta - 1.182)).toBeLessThan(0.005);
  });

  it("gives the survival and churn probabilities of the closed form, worked by hand for α = 1, β = 1", () => {
    // Beta(1, 1) is uniform: S(t) = B(1, 1 + t) / B(1, 1) = 1 / (t + 1); P(t) = B(2, t) / B(1, 1) = 1 / (t (t + 1))
    for (const t of [1, 2, 5, 10]) {
      expect(sbgSurvival(1, 1, t)).toBeCloseTo(1 / (t + 1), 12);
      expect(sbgChurn(1, 1, t)).toBeCloseTo(1 / (t * (t + 1)), 12);
      expect(sbgSurvival(1, 1, t - 1) - sbgSurvival(1, 1, t)).toBeCloseTo(sbgChurn(1, 1, t), 12);
    }
  });

  it("expects further deliveries as the sum of conditional survival", () => {
    // α = 1, β = 1 after 1 period: Σ_{k=1..3} (1 / (k + 2)) / (1 / 2) = 2 (1/3 + 1/4 + 1/5)
    expect(sbgExpectedRemaining(1, 1, 1, 3)).toBeCloseTo(2 * (1 / 3 + 1 / 4 + 1 / 5), 12);
  });
});
