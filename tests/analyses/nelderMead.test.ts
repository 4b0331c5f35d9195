import {describe, expect, it} from "vitest";
import {nelderMead} from "../../src/components/nelderMead.js";

describe("nelderMead", () => {
  it("finds the minimum of Rosenbrock's valley at (1, 1)", () => {
    const {x, fx} = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1]);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
    expect(fx).toBeLessThan(1e-8);
  });

  it("finds the centre of a shifted bowl in three dimensions", () => {
    const {x} = nelderMead(([a, b, c]) => (a - 3) ** 2 + 2 * (b + 1) ** 2 + 0.5 * (c - 0.25) ** 2, [0, 0, 0]);
    [3, -1, 0.25].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 5));
  });
});
