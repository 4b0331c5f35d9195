import {randomGamma, randomLcg, randomNormal} from "d3";

/** The demo shop's one seeded random stream (d3-random's LCG) and the draws it needs. */
export interface DemoRandom {
  /** Uniform in [0, 1). */
  uniform(): number;
  chance(p: number): boolean;
  /** Gamma with this shape and mean. */
  gamma(shape: number, mean: number): number;
  normal(mean: number, deviation: number): number;
  /** One of the keys, with probability proportional to its weight. */
  pick<K extends string | number>(weights: Record<K, number>): K;
}

export function demoRandom(seed: number): DemoRandom {
  const uniform = randomLcg(seed);
  const gamma = randomGamma.source(uniform);
  const normal = randomNormal.source(uniform);
  return {
    uniform,
    chance: (p) => uniform() < p,
    gamma: (shape, mean) => gamma(shape, mean / shape)(),
    normal: (mean, deviation) => normal(mean, deviation)(),
    pick<K extends string | number>(weights: Record<K, number>): K {
      const entries = Object.entries(weights) as [K, number][];
      let u = uniform() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) if ((u -= weight) < 0) return key;
      return entries[entries.length - 1][0];
    }
  };
}
