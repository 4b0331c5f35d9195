/**
 * Nelder–Mead minimisation, for the few-parameter likelihoods of the models here. Written here because the
 * registry's packaged one (fmin 0.0.4) ships a UMD build under "type": "module" and exports nothing to an
 * ES module import; standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½).
 */
export interface NelderMeadOptions {
  maxIterations?: number;
  tolerance?: number;
  step?: number;
}

/** Minimises f from `start`, to completion. */
export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): {x: number[]; fx: number} {
  const steps = nelderMeadSteps(f, start, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The same, yielding to the page every ~30 ms so a long fit does not freeze it. */
export async function nelderMeadInSlices(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): Promise<{x: number[]; fx: number}> {
  const steps = nelderMeadSteps(f, start, options);
  for (let slice = performance.now(); ; ) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - slice > 30) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = performance.now();
    }
  }
}

/** The iterations, one per `next()`; the result is the generator's return value. */
export function* nelderMeadSteps(
  f: (x: number[]) => number,
  start: number[],
  {maxIterations = 5000, tolerance = 1e-12, step = 0.5}: NelderMeadOptions = {}
): Generator<void, {x: number[]; fx: number}> {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({x, fx: f(x)}));
  const along = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((a, b) => a.fx - b.fx);
    const [best, worst] = [simplex[0], simplex[n]];
    if (Math.abs(worst.fx - best.fx) <= tolerance * (Math.abs(best.fx) + tolerance)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j], 0) / n);
    const point = (t: number) => {
      const x = along(centroid, worst.x, -t);
      return {x, fx: f(x)};
    };
    const reflected = point(1);
    if (reflected.fx < best.fx) {
      const expanded = point(2);
      simplex[n] = expanded.fx < reflected.fx ? expanded : reflected;
    } else if (reflected.fx < simplex[n - 1].fx) {
      simplex[n] = reflected;
    } else {
      const contracted = reflected.fx < worst.fx ? point(0.5) : point(-0.5);
      if (contracted.fx < Math.min(worst.fx, reflected.fx)) simplex[n] = contracted;
      else simplex = simplex.map((p, i) => (i === 0 ? p : {x: along(best.x, p.x, 0.5), fx: f(along(best.x, p.x, 0.5))}));
    }
    yield;
  }
  simplex.sort((a, b) => a.fx - b.fx);
  return simplex[0];
}
