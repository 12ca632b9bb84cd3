/**
 * The L-BFGS(-B) minimiser: textbook problems, a bounded quadratic with a hand-computed KKT point,
 * the robust-loss helpers, failure modes, and a cross-check against scipy's L-BFGS-B on the
 * problems in test/fixtures/scipy/lbfgs_reference.json (made by lbfgs_reference.py there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  huber,
  huberDerivative,
  logSumExp,
  minimizeLbfgs,
  type LbfgsResult,
  type SmoothObjective,
} from '../../src/fit/lbfgs.js';
import { createRandom } from '../../src/core/random.js';
import { projectRoot } from '../helpers/paths.js';

// ------------------------------------------------------------------------------------- objectives

/** Chained Rosenbrock Σᵢ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
function rosenbrock(n: number, bounds: Pick<SmoothObjective, 'lower' | 'upper'> = {}): SmoothObjective {
  return {
    nParams: n,
    ...bounds,
    evaluate(x, g) {
      g.fill(0);
      let f = 0;
      for (let i = 0; i < n - 1; i++) {
        const a = x[i + 1]! - x[i]! * x[i]!;
        const b = 1 - x[i]!;
        f += 100 * a * a + b * b;
        g[i] += -400 * x[i]! * a - 2 * b;
        g[i + 1] += 200 * a;
      }
      return f;
    },
  };
}

/** Standard Rosenbrock start (−1.2, 1, −1.2, 1, …). */
function rosenbrockStart(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
}

/**
 * Σᵢ huber_δ(LSE(zᵢ₁, …, zᵢₖ) − log yᵢ) where zᵢⱼ = cⱼ − pⱼ·log xᵢⱼ (a power-law term, c = log of
 * its coefficient) or zᵢⱼ = e (the constant term). Gradient via the softmax weights of the LSE.
 */
function huberLogSpace(
  logX: number[][], // per term j (except the constant): log xᵢⱼ for every point i
  logY: number[],
  delta: number,
  paramOf: { coef: number[]; power: number[]; constant: number },
  nParams: number,
  bounds: Pick<SmoothObjective, 'lower' | 'upper'> = {},
): SmoothObjective {
  const terms = logX.length;
  const z = new Float64Array(terms + 1);
  const w = new Float64Array(terms + 1);
  return {
    nParams,
    ...bounds,
    evaluate(p, g) {
      g.fill(0);
      let f = 0;
      for (let i = 0; i < logY.length; i++) {
        for (let j = 0; j < terms; j++) z[j] = p[paramOf.coef[j]!]! - p[paramOf.power[j]!]! * logX[j]![i]!;
        z[terms] = p[paramOf.constant]!;
        const lse = logSumExp(z);
        const r = lse - logY[i]!;
        f += huber(r, delta);
        const h = huberDerivative(r, delta);
        for (let j = 0; j <= terms; j++) w[j] = Math.exp(z[j]! - lse);
        for (let j = 0; j < terms; j++) {
          g[paramOf.coef[j]!] += h * w[j]!;
          g[paramOf.power[j]!] -= h * w[j]! * logX[j]![i]!;
        }
        g[paramOf.constant] += h * w[terms]!;
      }
      return f;
    },
  };
}

/** Largest |central difference − gradient| at p, relative to ‖gradient‖∞. */
function maxGradientError(objective: SmoothObjective, p: number[]): number {
  const n = objective.nParams;
  const g = new Float64Array(n);
  const scratch = new Float64Array(n);
  objective.evaluate(Float64Array.from(p), g);
  let worst = 0;
  const scale = Math.max(...g.map(Math.abs));
  for (let i = 0; i < n; i++) {
    const h = 1e-7 * Math.max(1, Math.abs(p[i]!));
    const plus = Float64Array.from(p);
    const minus = Float64Array.from(p);
    plus[i] += h;
    minus[i] -= h;
    const fd = (objective.evaluate(plus, scratch) - objective.evaluate(minus, scratch)) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - g[i]!) / scale);
  }
  return worst;
}

// ------------------------------------------------------------------------------------- fixture

interface ScipyRun {
  x: number[];
  fun: number;
  jac: number[];
  nit: number;
  nfev: number;
  success: boolean;
  message: string;
}
interface ScipyProblem {
  name: string;
  description: string;
  kind: 'rosenbrock' | 'power-law' | 'chinchilla';
  data: { x?: number[]; y?: number[]; n?: number[]; d?: number[]; loss?: number[]; delta?: number };
  start: number[];
  lower: (number | null)[] | null;
  upper: (number | null)[] | null;
  default: ScipyRun;
  tight: ScipyRun;
}
interface ScipyFixture {
  scipy: string;
  numpy: string;
  problems: ScipyProblem[];
  /** scipy (default options) from a 3⁵ subgrid of Epoch's starting points on chinchilla-huber-5p. */
  chinchillaGrid: {
    runs: { start: number[]; fun: number; nit: number; success: boolean }[];
    best: { start: number[]; fun: number; x: number[] };
  };
}

const fixture = JSON.parse(
  readFileSync(`${projectRoot}/test/fixtures/scipy/lbfgs_reference.json`, 'utf8'),
) as ScipyFixture;

function objectiveOf(problem: ScipyProblem): SmoothObjective {
  const bounds = {
    lower: problem.lower?.map((v) => v ?? -Infinity),
    upper: problem.upper?.map((v) => v ?? Infinity),
  };
  const { data } = problem;
  switch (problem.kind) {
    case 'rosenbrock':
      return rosenbrock(problem.start.length, bounds);
    case 'power-law': // params (a, α, e)
      return huberLogSpace([data.x!.map(Math.log)], data.y!.map(Math.log), data.delta!, { coef: [0], power: [1], constant: 2 }, 3, bounds);
    case 'chinchilla': // params (a, b, e, α, β)
      return huberLogSpace(
        [data.n!.map(Math.log), data.d!.map(Math.log)],
        data.loss!.map(Math.log),
        data.delta!,
        { coef: [0, 1], power: [3, 4], constant: 2 },
        5,
        bounds,
      );
  }
}

const chinchilla = fixture.problems.find((p) => p.kind === 'chinchilla')!;

// ------------------------------------------------------------------------------------- tests

describe('minimizeLbfgs on unconstrained problems', () => {
  for (const n of [2, 10]) {
    it(`reaches the minimum (1, …, 1) of the ${n}-dimensional Rosenbrock function from the standard start to 1e-6`, () => {
      const result = minimizeLbfgs(rosenbrock(n), rosenbrockStart(n), { ftol: 0 });
      expect(result.converged).toBe(true);
      for (const v of result.params) expect(Math.abs(v - 1)).toBeLessThan(1e-6);
      expect(result.value).toBeLessThan(1e-12);
    });
  }

  it('reaches the 2-dimensional Rosenbrock minimum to 1e-4 with the default (scipy-like) tolerances', () => {
    const result = minimizeLbfgs(rosenbrock(2), [-1.2, 1]);
    expect(result.converged).toBe(true);
    for (const v of result.params) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    expect(result.iterations).toBeLessThan(100);
  });

  it('minimises a convex quadratic exactly and reports the gradient at the solution', () => {
    // f = ½ xᵀQx − bᵀx with Q = [[4, 1], [1, 3]], b = (1, 2): x* = Q⁻¹b = (1/11, 7/11)
    const result = minimizeLbfgs(
      {
        nParams: 2,
        evaluate(x, g) {
          g[0] = 4 * x[0]! + x[1]! - 1;
          g[1] = x[0]! + 3 * x[1]! - 2;
          return 0.5 * (4 * x[0]! ** 2 + 2 * x[0]! * x[1]! + 3 * x[1]! ** 2) - x[0]! - 2 * x[1]!;
        },
      },
      [5, -5],
      { ftol: 0 },
    );
    expect(result.reason).toBe('gtol');
    expect(result.params[0]).toBeCloseTo(1 / 11, 10);
    expect(result.params[1]).toBeCloseTo(7 / 11, 10);
    expect(Math.max(...result.gradient.map(Math.abs))).toBeLessThanOrEqual(1e-10);
  });

  it('is deterministic: two runs give bit-identical results', () => {
    const a = minimizeLbfgs(rosenbrock(10), rosenbrockStart(10));
    const b = minimizeLbfgs(rosenbrock(10), rosenbrockStart(10));
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(a.evaluations).toBe(b.evaluations);
  });
});

describe('minimizeLbfgs with box bounds', () => {
  // f = (x − 3)² + 2(y + 1)² + (x − 3)(y + 1) + (z − 0.5)²: unconstrained minimum (3, −1, 0.5),
  // outside the box x ∈ [0, 1], y ∈ [0, 2], z ∈ [−1, 1].
  const quadratic: SmoothObjective = {
    nParams: 3,
    lower: [0, 0, -1],
    upper: [1, 2, 1],
    evaluate(p, g) {
      const a = p[0]! - 3;
      const b = p[1]! + 1;
      const c = p[2]! - 0.5;
      g[0] = 2 * a + b;
      g[1] = 4 * b + a;
      g[2] = 2 * c;
      return a * a + 2 * b * b + a * b + c * c;
    },
  };

  it('puts a quadratic whose unconstrained minimum lies outside the box at the hand-computed KKT point', () => {
    // KKT at x* = (1, 0, 0.5): ∂f/∂x = 2(−2) + 1 = −3 < 0 at the upper bound x = 1 (pushes out);
    // ∂f/∂y = 4·1 + (−2) = 2 > 0 at the lower bound y = 0 (pushes out); ∂f/∂z = 0 inside.
    for (const start of [
      [0.5, 1, 0],
      [0, 2, -1],
      [1, 0, 1],
      [-10, 10, 10], // clipped into the box first
    ]) {
      const result = minimizeLbfgs(quadratic, start);
      expect(result.converged).toBe(true);
      expect(result.params[0]).toBe(1);
      expect(result.params[1]).toBe(0);
      expect(result.params[2]).toBeCloseTo(0.5, 10);
      expect(result.gradient[0]).toBeCloseTo(-3, 8);
      expect(result.gradient[1]).toBeCloseTo(2, 8);
      expect(result.value).toBeCloseTo(4 + 2 - 2, 10);
    }
  });

  it('keeps every trial point inside the box', () => {
    let outside = 0;
    const watched: SmoothObjective = {
      ...quadratic,
      evaluate(p, g) {
        if (p[0]! < 0 || p[0]! > 1 || p[1]! < 0 || p[1]! > 2 || p[2]! < -1 || p[2]! > 1) outside++;
        return quadratic.evaluate(p, g);
      },
    };
    minimizeLbfgs(watched, [0.2, 1.5, -0.9]);
    expect(outside).toBe(0);
  });

  it('matches the unconstrained solution when the bounds are inactive or infinite', () => {
    const free = minimizeLbfgs(rosenbrock(4), rosenbrockStart(4), { ftol: 0 });
    const loose = minimizeLbfgs(rosenbrock(4, { lower: [-5, -Infinity, -5, -5], upper: [5, 5, Infinity, 5] }), rosenbrockStart(4), { ftol: 0 });
    for (let i = 0; i < 4; i++) {
      expect(free.params[i]).toBeCloseTo(1, 7);
      expect(loose.params[i]).toBeCloseTo(1, 7);
    }
  });

  it('satisfies the KKT conditions on 300 random convex quadratics with random (partly infinite) boxes', () => {
    // f = ½xᵀQx − bᵀx, Q = RᵀR + 0.1I. At a solution: ∂f/∂xᵢ ≈ 0 strictly inside, ≥ 0 at a lower
    // bound and ≤ 0 at an upper bound.
    const rng = createRandom(7);
    let activeBounds = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.int(8);
      const R = Array.from({ length: n * n }, () => rng.normal());
      const Q = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let sum = i === j ? 0.1 : 0;
          for (let q = 0; q < n; q++) sum += R[q * n + i]! * R[q * n + j]!;
          Q[i * n + j] = sum;
        }
      const b = Array.from({ length: n }, () => 5 * rng.normal());
      const lower = Array.from({ length: n }, () => (rng.next() < 0.2 ? -Infinity : rng.uniform(-2, 0)));
      const upper = Array.from({ length: n }, () => (rng.next() < 0.2 ? Infinity : rng.uniform(0, 2)));
      const objective: SmoothObjective = {
        nParams: n,
        lower,
        upper,
        evaluate(x, g) {
          let f = 0;
          for (let i = 0; i < n; i++) {
            let qx = 0;
            for (let j = 0; j < n; j++) qx += Q[i * n + j]! * x[j]!;
            g[i] = qx - b[i]!;
            f += 0.5 * x[i]! * qx - b[i]! * x[i]!;
          }
          return f;
        },
      };
      const start = Array.from({ length: n }, () => rng.uniform(-3, 3));
      const result = minimizeLbfgs(objective, start, { memory: 1 + rng.int(6), ftol: 0, gtol: 1e-9 });
      expect(result.converged, `trial ${trial}: ${result.reason}`).toBe(true);
      const scale = Math.max(1, ...b.map(Math.abs));
      for (let i = 0; i < n; i++) {
        const x = result.params[i]!;
        const g = result.gradient[i]!;
        expect(x).toBeGreaterThanOrEqual(lower[i]!);
        expect(x).toBeLessThanOrEqual(upper[i]!);
        if (x === lower[i]) {
          activeBounds++;
          expect(g).toBeGreaterThanOrEqual(-1e-7 * scale);
        } else if (x === upper[i]) {
          activeBounds++;
          expect(g).toBeLessThanOrEqual(1e-7 * scale);
        } else {
          expect(Math.abs(g)).toBeLessThanOrEqual(1e-7 * scale);
        }
      }
    }
    expect(activeBounds).toBeGreaterThan(300); // the boxes really constrain the solutions
  });

  it('treats a variable with equal lower and upper bounds as a constant', () => {
    const result = minimizeLbfgs(rosenbrock(3, { lower: [-Infinity, 0.5, -Infinity], upper: [Infinity, 0.5, Infinity] }), [0, 0, 0], { ftol: 0 });
    expect(result.converged).toBe(true);
    expect(result.params[1]).toBe(0.5);
    // With x₂ = 0.5 fixed: x₁ minimises 100(0.5 − x₁²)² + (1 − x₁)², x₃ = x₂² = 0.25.
    expect(result.params[2]).toBeCloseTo(0.25, 7);
    const x1 = result.params[0]!;
    expect(-400 * x1 * (0.5 - x1 * x1) - 2 * (1 - x1)).toBeCloseTo(0, 6);
  });
});

describe('robust-loss helpers', () => {
  it('huber is ½r² inside ±δ and δ(|r| − δ/2) outside, like scipy.special.huber', () => {
    expect(huber(0, 1)).toBe(0);
    expect(huber(0.5, 1)).toBe(0.125);
    expect(huber(-0.5, 1)).toBe(0.125);
    expect(huber(1, 1)).toBe(0.5); // both branches agree at |r| = δ
    expect(huber(3, 1)).toBe(2.5);
    expect(huber(-3, 1)).toBe(2.5);
    expect(huber(0.002, 1e-3)).toBeCloseTo(1e-3 * (0.002 - 0.0005), 18); // 1.5e-6
    expect(huber(5e-4, 1e-3)).toBeCloseTo(1.25e-7, 20);
    expect(huber(2, 0)).toBe(0); // scipy: huber(0, r) = 0
    expect(huber(2, -1)).toBe(Infinity); // scipy: δ < 0 gives inf
    expect(huber(NaN, 1)).toBeNaN();
  });

  it('huberDerivative is r clipped to [−δ, δ] and matches finite differences of huber', () => {
    expect(huberDerivative(0.5, 1)).toBe(0.5);
    expect(huberDerivative(-0.25, 1)).toBe(-0.25);
    expect(huberDerivative(3, 1)).toBe(1);
    expect(huberDerivative(-3, 1)).toBe(-1);
    expect(huberDerivative(0.01, 1e-3)).toBe(1e-3);
    expect(huberDerivative(1, -1)).toBeNaN();
    for (const r of [-2, -0.7, 0.3, 1.5]) {
      const h = 1e-6;
      expect(huberDerivative(r, 1)).toBeCloseTo((huber(r + h, 1) - huber(r - h, 1)) / (2 * h), 8);
    }
  });

  it('logSumExp is log Σ exp without overflow or underflow', () => {
    expect(logSumExp([0, 0])).toBeCloseTo(Math.LN2, 15);
    expect(logSumExp([Math.log(1), Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(6), 15);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([1e308, 1e308])).toBe(1e308); // + ln 2 is below the spacing of doubles there
    expect(logSumExp([-1000, -1000, -1000])).toBeCloseTo(-1000 + Math.log(3), 12);
    expect(logSumExp([710, 0])).toBeCloseTo(710, 12); // exp(710) overflows
    expect(logSumExp([5])).toBe(5);
    expect(logSumExp([0, -Infinity])).toBe(0);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([Infinity, 0])).toBe(Infinity);
    expect(logSumExp([1, NaN])).toBeNaN();
    expect(logSumExp(Float64Array.of(1, 2))).toBeCloseTo(2 + Math.log1p(Math.exp(-1)), 15);
  });
});

describe('minimizeLbfgs failure modes', () => {
  it('returns a non-converged result, without throwing, when the objective is NaN everywhere except the start', () => {
    const start = [0.3, -0.2];
    let result: LbfgsResult | undefined;
    expect(() => {
      result = minimizeLbfgs(
        {
          nParams: 2,
          evaluate(p, g) {
            const atStart = p[0] === start[0] && p[1] === start[1];
            g[0] = atStart ? 1 : NaN;
            g[1] = atStart ? -1 : NaN;
            return atStart ? 1 : NaN;
          },
        },
        start,
      );
    }).not.toThrow();
    expect(result!.converged).toBe(false);
    expect(result!.reason).toBe('line-search-failed');
    expect(Array.from(result!.params)).toEqual(start);
    expect(result!.value).toBe(1);
    expect(result!.iterations).toBe(0);
    expect(result!.evaluations).toBeLessThanOrEqual(21);
  });

  it("reports 'non-finite' when the start itself is not finite", () => {
    const nanAtStart = minimizeLbfgs({ nParams: 1, evaluate: (_, g) => ((g[0] = 0), Infinity) }, [1]);
    expect(nanAtStart.reason).toBe('non-finite');
    expect(nanAtStart.converged).toBe(false);
    expect(nanAtStart.iterations).toBe(0);
    const nanParameter = minimizeLbfgs(rosenbrock(2), [NaN, 1]);
    expect(nanParameter.reason).toBe('non-finite');
    expect(nanParameter.evaluations).toBe(0);
  });

  it('shrinks the step when a trial point is not finite and still converges', () => {
    // f = x − log x (minimum at x = 1) is NaN for x ≤ 0; the first steps overshoot into x < 0.
    const result = minimizeLbfgs(
      {
        nParams: 1,
        evaluate(p, g) {
          const x = p[0]!;
          g[0] = 1 - 1 / x;
          return x - Math.log(x);
        },
      },
      [8],
      { ftol: 0 },
    );
    expect(result.converged).toBe(true);
    expect(result.params[0]).toBeCloseTo(1, 8);
  });

  it('stops at the iteration and evaluation budgets with the best point so far', () => {
    const byIterations = minimizeLbfgs(rosenbrock(2), [-1.2, 1], { maxIterations: 3 });
    expect(byIterations.reason).toBe('max-iterations');
    expect(byIterations.iterations).toBe(3);
    expect(byIterations.converged).toBe(false);
    expect(byIterations.value).toBeLessThan(24.2); // f(−1.2, 1) = 24.2
    const byEvaluations = minimizeLbfgs(rosenbrock(2), [-1.2, 1], { maxEvaluations: 5 });
    expect(byEvaluations.reason).toBe('max-evaluations');
    expect(byEvaluations.evaluations).toBe(5);
    expect(byEvaluations.value).toBeLessThan(24.2);
  });

  it('rejects malformed arguments with a RangeError', () => {
    expect(() => minimizeLbfgs(rosenbrock(2), [1])).toThrow(RangeError);
    expect(() => minimizeLbfgs(rosenbrock(2, { lower: [0, 2], upper: [1, 1] }), [0, 0])).toThrow(RangeError);
    expect(() => minimizeLbfgs(rosenbrock(2, { lower: [0] }), [0, 0])).toThrow(RangeError);
    expect(() => minimizeLbfgs(rosenbrock(2), [0, 0], { memory: 0 })).toThrow(RangeError);
    expect(() => minimizeLbfgs(rosenbrock(2), [0, 0], { gtol: -1 })).toThrow(RangeError);
  });
});

describe(`cross-check with scipy ${fixture.scipy} L-BFGS-B (test/fixtures/scipy/lbfgs_reference.json)`, () => {
  it('the TypeScript objectives agree with their finite differences (so the comparison is like for like)', () => {
    for (const problem of fixture.problems) {
      const objective = objectiveOf(problem);
      expect(maxGradientError(objective, problem.start), problem.name).toBeLessThan(1e-5);
      const between = problem.start.map((v, i) => 0.5 * (v + problem.tight.x[i]!));
      expect(maxGradientError(objective, between), problem.name).toBeLessThan(1e-5);
    }
  });

  for (const problem of fixture.problems) {
    it(`${problem.name}: reaches scipy's optimum (value within 1e-9 relative, same parameters)`, () => {
      const objective = objectiveOf(problem);
      const slack = (f: number) => Math.abs(f) * 1e-9 + 1e-15; // 1e-15 for optima at exactly 0

      // scipy's value recomputed by our objective (summation order differs by rounding only)
      const scratch = new Float64Array(objective.nParams);
      const scipyTight = objective.evaluate(Float64Array.from(problem.tight.x), scratch);
      expect(scipyTight).toBeCloseTo(problem.tight.fun, 12);

      // Tight tolerances: the same optimum as scipy run to convergence.
      const tight = minimizeLbfgs(objective, problem.start, { ftol: 1e-15, gtol: 1e-12, maxIterations: 10_000 });
      expect(tight.value).toBeLessThanOrEqual(problem.tight.fun + slack(problem.tight.fun));
      for (let i = 0; i < objective.nParams; i++) {
        expect(Math.abs(tight.params[i]! - problem.tight.x[i]!), `${problem.name} param ${i}`).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(problem.tight.x[i]!)),
        );
      }

      // Default options: at least as good as scipy with its defaults.
      const byDefault = minimizeLbfgs(objective, problem.start);
      expect(byDefault.converged).toBe(true);
      expect(byDefault.value).toBeLessThanOrEqual(problem.default.fun + slack(problem.default.fun));
    });
  }

  it('reproduces the active bounds of the bounded scipy solutions exactly', () => {
    for (const problem of fixture.problems.filter((p) => p.lower !== null)) {
      const result = minimizeLbfgs(objectiveOf(problem), problem.start, { ftol: 1e-15, gtol: 1e-12 });
      problem.tight.x.forEach((v, i) => {
        if (v === problem.lower![i] || v === problem.upper![i]) expect(result.params[i], `${problem.name} param ${i}`).toBe(v);
      });
    }
  });

  it("finds the same best fit as scipy over 243 of Epoch's grid starts, converging from every one", () => {
    // Epoch's procedure: L-BFGS from a grid of starts with default options, keep the best. From a
    // given start the two paths can part on rounding (a Huber loss with δ = 1e-3 is nearly L1, and
    // some starts sit on plateaus where a power term vanishes), so only the best fit must agree.
    const objective = objectiveOf(chinchilla);
    const grid = fixture.chinchillaGrid;
    const results = grid.runs.map((run) => minimizeLbfgs(objective, run.start));
    expect(results.every((r) => r.converged && Number.isFinite(r.value))).toBe(true);
    const values = results.map((r) => r.value);
    const best = Math.min(...values);
    expect(best).toBeLessThanOrEqual(grid.best.fun * (1 + 1e-9));
    const bestParams = results[values.indexOf(best)]!.params;
    grid.best.x.forEach((v, i) => expect(Math.abs(bestParams[i]! - v)).toBeLessThan(1e-4));
    // As many starts reach the best fit as with scipy (48 against scipy's 44 when written).
    const reaching = (fs: number[]) => fs.filter((f) => f <= grid.best.fun * (1 + 1e-6)).length;
    expect(reaching(values)).toBeGreaterThanOrEqual(reaching(grid.runs.map((r) => r.fun)));
  });

  it('fits the 5-parameter Chinchilla objective on 245 points in well under 50 ms', () => {
    const objective = objectiveOf(chinchilla);
    minimizeLbfgs(objective, chinchilla.start); // warm-up
    const t0 = performance.now();
    const result = minimizeLbfgs(objective, chinchilla.start, { ftol: 1e-15, gtol: 1e-12 });
    const elapsed = performance.now() - t0;
    expect(result.converged).toBe(true);
    expect(elapsed).toBeLessThan(50);
  });
});
