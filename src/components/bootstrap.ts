import {randomInt, randomLcg} from "d3";

export interface BootstrapOptions {
  /** Resamples drawn; more gives steadier bounds. */
  resamples?: number;
  /** Seed of the resampling, so a report built twice shows the same interval. */
  seed?: number;
  /** Coverage of the interval. */
  level?: number;
}

/**
 * A percentile bootstrap interval for the mean of `values` (resampling customers with replacement), so a
 * small segment's LTV is shown with its uncertainty. Null for no values.
 */
export function bootstrapMeanInterval(
  values: number[],
  {resamples = 2000, seed = 1, level = 0.95}: BootstrapOptions = {}
): {low: number; high: number} | null {
  const n = values.length;
  if (n === 0) return null;
  const pick = randomInt.source(randomLcg(seed))(n);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[pick()];
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return {low: at(tail), high: at(1 - tail)};
}
