import { describe, expect, it } from 'vitest';
import {
  solveLeastSquares,
  type LeastSquaresProblem,
  type LeastSquaresResult,
} from '../../src/fit/leastSquares.js';

/** Log relative error: the number of significant digits to which `value` agrees with `truth`. */
function lre(value: number, truth: number): number {
  if (value === truth) return 16;
  return -Math.log10(Math.abs(value - truth) / Math.abs(truth));
}

function sumSquares(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
}

// ---------------------------------------------------------------------------------------------
// NIST StRD nonlinear regression datasets (https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml):
// data, the two official starting points and the certified values (11 significant digits). The
// first test below checks that the typed-in data reproduce the certified residual sum of squares
// at the certified parameters, so a typo in the data cannot pass unnoticed.
// ---------------------------------------------------------------------------------------------

interface NistProblem {
  name: string;
  difficulty: 'lower' | 'average' | 'higher';
  x: number[];
  y: number[];
  /** The model f(x; b). */
  f: (b: ArrayLike<number>, x: number) => number;
  starts: [number[], number[]];
  certified: number[];
  certifiedRss: number;
}

const misraX = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
const misraY = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.4, 75.47, 81.78];

const thurberXY: [number, number][] = [
  [-3.067, 80.574], [-2.981, 84.248], [-2.921, 87.264], [-2.912, 87.195], [-2.84, 89.076],
  [-2.797, 89.608], [-2.702, 89.868], [-2.699, 90.101], [-2.633, 92.405], [-2.481, 95.854],
  [-2.363, 100.696], [-2.322, 101.06], [-1.501, 401.672], [-1.46, 390.724], [-1.274, 567.534],
  [-1.212, 635.316], [-1.1, 733.054], [-1.046, 759.087], [-0.915, 894.206], [-0.714, 990.785],
  [-0.566, 1090.109], [-0.545, 1080.914], [-0.4, 1122.643], [-0.309, 1178.351], [-0.109, 1260.531],
  [-0.103, 1273.514], [0.01, 1288.339], [0.119, 1327.543], [0.377, 1353.863], [0.79, 1414.509],
  [0.963, 1425.208], [1.006, 1421.384], [1.115, 1442.962], [1.572, 1464.35], [1.841, 1468.705],
  [2.047, 1447.894], [2.2, 1457.628],
];

const eckerle4X = [
  400, 405, 410, 415, 420, 425, 430, 435, 436.5, 438, 439.5, 441, 442.5, 444, 445.5, 447, 448.5, 450,
  451.5, 453, 454.5, 456, 457.5, 459, 460.5, 462, 463.5, 465, 470, 475, 480, 485, 490, 495, 500,
];
const eckerle4Y = [
  0.0001575, 0.0001699, 0.000235, 0.0003102, 0.0004917, 0.000871, 0.0017418, 0.00464, 0.0065895,
  0.0097302, 0.0149002, 0.023731, 0.0401683, 0.0712559, 0.1264458, 0.2073413, 0.2902366, 0.3445623,
  0.3698049, 0.3668534, 0.3106727, 0.2078154, 0.1164354, 0.0616764, 0.03372, 0.0194023, 0.0117831,
  0.0074357, 0.0022732, 0.00088, 0.0004579, 0.0002345, 0.0001586, 0.0001143, 0.000071,
];

const rat43F = (b: ArrayLike<number>, x: number): number => b[0]! / (1 + Math.exp(b[1]! - b[2]! * x)) ** (1 / b[3]!);
const misra1aF = (b: ArrayLike<number>, x: number): number => b[0]! * (1 - Math.exp(-b[1]! * x));

const NIST: NistProblem[] = [
  {
    name: 'Misra1a',
    difficulty: 'lower',
    x: misraX,
    y: misraY,
    f: misra1aF,
    starts: [[500, 1e-4], [250, 5e-4]],
    certified: [2.3894212918e2, 5.5015643181e-4],
    certifiedRss: 1.2455138894e-1,
  },
  {
    name: 'Misra1b',
    difficulty: 'lower',
    x: misraX,
    y: misraY,
    f: (b, x) => b[0]! * (1 - (1 + (b[1]! * x) / 2) ** -2),
    starts: [[500, 1e-4], [300, 2e-4]],
    certified: [3.3799746163e2, 3.9039091287e-4],
    certifiedRss: 7.5464681533e-2,
  },
  {
    name: 'DanWood',
    difficulty: 'lower',
    x: [1.309, 1.471, 1.49, 1.565, 1.611, 1.68],
    y: [2.138, 3.421, 3.597, 4.34, 4.882, 5.66],
    f: (b, x) => b[0]! * x ** b[1]!,
    starts: [[1, 5], [0.7, 4]],
    certified: [7.6886226176e-1, 3.8604055871],
    certifiedRss: 4.3173084083e-3,
  },
  {
    name: 'Rat42',
    difficulty: 'higher',
    x: [9, 14, 21, 28, 42, 57, 63, 70, 79],
    y: [8.93, 10.8, 18.59, 22.33, 39.35, 56.11, 61.73, 64.62, 67.08],
    f: (b, x) => b[0]! / (1 + Math.exp(b[1]! - b[2]! * x)),
    starts: [[100, 1, 0.1], [75, 2.5, 0.07]],
    certified: [7.2462237576e1, 2.6180768402, 6.7359200066e-2],
    certifiedRss: 8.0565229338,
  },
  {
    name: 'Rat43',
    difficulty: 'higher',
    x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    y: [16.08, 33.83, 65.8, 97.2, 191.55, 326.2, 386.87, 520.53, 590.03, 651.92, 724.93, 699.56, 689.96, 637.56, 717.41],
    f: rat43F,
    starts: [[100, 10, 1, 1], [700, 5, 0.75, 1.3]],
    certified: [6.996415127e2, 5.2771253025, 7.5962938329e-1, 1.2792483859],
    certifiedRss: 8.786404908e3,
  },
  {
    name: 'Thurber',
    difficulty: 'higher',
    x: thurberXY.map((p) => p[0]),
    y: thurberXY.map((p) => p[1]),
    f: (b, x) =>
      (b[0]! + b[1]! * x + b[2]! * x * x + b[3]! * x * x * x) / (1 + b[4]! * x + b[5]! * x * x + b[6]! * x * x * x),
    starts: [
      [1000, 1000, 400, 40, 0.7, 0.3, 0.03],
      [1300, 1500, 500, 75, 1, 0.4, 0.05],
    ],
    certified: [
      1.28813968e3, 1.4910792535e3, 5.8323836877e2, 7.5416644291e1, 9.6629502864e-1, 3.9797285797e-1,
      4.9727297349e-2,
    ],
    certifiedRss: 5.6427082397e3,
  },
  {
    name: 'MGH09',
    difficulty: 'higher',
    x: [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625],
    y: [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246],
    f: (b, x) => (b[0]! * (x * x + x * b[1]!)) / (x * x + x * b[2]! + b[3]!),
    starts: [[25, 39, 41.5, 39], [0.25, 0.39, 0.415, 0.39]],
    certified: [1.9280693458e-1, 1.9128232873e-1, 1.2305650693e-1, 1.3606233068e-1],
    certifiedRss: 3.0750560385e-4,
  },
  {
    name: 'Eckerle4',
    difficulty: 'higher',
    x: eckerle4X,
    y: eckerle4Y,
    f: (b, x) => (b[0]! / b[1]!) * Math.exp(-0.5 * ((x - b[2]!) / b[1]!) ** 2),
    starts: [[1, 10, 500], [1.5, 5, 450]],
    certified: [1.5543827178, 4.0888321754, 4.5154121844e2],
    certifiedRss: 1.4635887487e-3,
  },
  {
    name: 'BoxBOD',
    difficulty: 'higher',
    x: [1, 2, 3, 5, 7, 10],
    y: [109, 149, 149, 191, 213, 224],
    f: (b, x) => b[0]! * (1 - Math.exp(-b[1]! * x)),
    starts: [[1, 1], [100, 0.75]],
    certified: [2.1380940889e2, 5.4723748542e-1],
    certifiedRss: 1.1680088766e3,
  },
];

/** MGH10 (higher difficulty) is checked from start 2 only: start 1 (2, 4e5, 2.5e4) is not reached. */
const MGH10: NistProblem = {
  name: 'MGH10',
  difficulty: 'higher',
  x: [50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 105, 110, 115, 120, 125],
  y: [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872],
  f: (b, x) => b[0]! * Math.exp(b[1]! / (x + b[2]!)),
  starts: [[2, 400000, 25000], [0.02, 4000, 250]],
  certified: [5.609636471e-3, 6.1813463463e3, 3.4522363462e2],
  certifiedRss: 8.7945855171e1,
};

/** The least-squares problem of a NIST dataset: r_i = y_i − f(x_i; b), Jacobian by differences. */
function nistProblem(p: NistProblem): LeastSquaresProblem {
  const { x, y, f } = p;
  return {
    nParams: p.certified.length,
    nResiduals: x.length,
    residuals(b, out) {
      for (let i = 0; i < x.length; i++) out[i] = y[i]! - f(b, x[i]!);
    },
  };
}

function expectCertified(p: NistProblem, res: LeastSquaresResult): void {
  expect(res.converged).toBe(true);
  for (let j = 0; j < p.certified.length; j++) {
    expect(lre(res.params[j]!, p.certified[j]!), `${p.name} b${j + 1} = ${res.params[j]}`).toBeGreaterThanOrEqual(6);
  }
  expect(lre(res.sse, p.certifiedRss), `${p.name} RSS = ${res.sse}`).toBeGreaterThanOrEqual(9);
}

describe('solveLeastSquares on NIST StRD nonlinear regression problems', () => {
  it('uses typed-in data that reproduce every certified residual sum of squares at the certified parameters', () => {
    for (const p of [...NIST, MGH10]) {
      const r = new Float64Array(p.x.length);
      nistProblem(p).residuals(Float64Array.from(p.certified), r);
      // The certified values have 11 significant digits; a wrong data digit would show at ≤ 6.
      expect(lre(sumSquares(r), p.certifiedRss), p.name).toBeGreaterThanOrEqual(10);
    }
  });

  for (const p of NIST) {
    for (const s of [0, 1] as const) {
      it(`reaches the certified ${p.name} solution (${p.difficulty} difficulty) from NIST start ${s + 1}`, () => {
        const res = solveLeastSquares(nistProblem(p), p.starts[s]);
        expectCertified(p, res);
        expect(res.atBounds).toEqual([]);
      });
    }
  }

  it('reaches the certified MGH10 solution from NIST start 2', () => {
    expectCertified(MGH10, solveLeastSquares(nistProblem(MGH10), MGH10.starts[1]));
  });

  it('reaches at least 7 certified digits on every problem when the tolerances are tightened', () => {
    for (const p of NIST) {
      for (const start of p.starts) {
        const res = solveLeastSquares(nistProblem(p), start, {
          ftol: 1e-15,
          xtol: 1e-15,
          gtol: 1e-15,
          // Jacobian by differences: parameters that start below 1 (Misra's 5e-4…) get their
          // start's magnitude as scale instead of 1.
          parameterScale: start.map((v) => Math.min(Math.abs(v), 1)),
        });
        for (let j = 0; j < p.certified.length; j++) {
          expect(lre(res.params[j]!, p.certified[j]!), `${p.name} b${j + 1}`).toBeGreaterThanOrEqual(7);
        }
      }
    }
  });
});

describe('solveLeastSquares on synthetic scaling laws', () => {
  // y = E + A·x^(−α) with E = 1.7, A = 400, α = 0.3 on x = 1e6 … 1e10 (9 points, log-spaced).
  const xs = Array.from({ length: 9 }, (_, i) => 10 ** (6 + i / 2));
  const ys = xs.map((x) => 1.7 + 400 * x ** -0.3);
  const powerLaw: LeastSquaresProblem = {
    nParams: 3,
    nResiduals: xs.length,
    residuals(p, out) {
      for (let i = 0; i < xs.length; i++) out[i] = p[0]! + p[1]! * xs[i]! ** -p[2]! - ys[i]!;
    },
  };

  it('recovers E = 1.7, A = 400, α = 0.3 from exact data starting far away', () => {
    for (const start of [
      [0, 1, 1],
      [0, 1e4, 1],
      [10, 1, 0.5],
      [-5, 10, 0.1],
    ]) {
      const res = solveLeastSquares(powerLaw, start);
      expect(res.converged, `from ${start}: ${res.reason}`).toBe(true);
      expect(res.params[0]).toBeCloseTo(1.7, 9);
      expect(res.params[1]! / 400).toBeCloseTo(1, 9);
      expect(res.params[2]).toBeCloseTo(0.3, 11);
      expect(res.sse).toBeLessThan(1e-20);
    }
  });

  it('reports a zero residual when the data are fitted exactly', () => {
    // y = 2 + 3x on small integers.
    const line: LeastSquaresProblem = {
      nParams: 2,
      nResiduals: 4,
      residuals: (p, out) => {
        for (let i = 0; i < 4; i++) out[i] = p[0]! + p[1]! * i - (2 + 3 * i);
      },
    };
    const atSolution = solveLeastSquares(line, [2, 3]);
    expect(atSolution.reason).toBe('zero-residual');
    expect(atSolution.converged).toBe(true);
    expect(atSolution.iterations).toBe(0);
    expect(atSolution.sse).toBe(0);
    // From elsewhere the solver gets there to rounding (SSE ≈ 1e-27 counts as a tiny step, 'xtol').
    const fromAfar = solveLeastSquares(line, [0, 0]);
    expect(fromAfar.converged).toBe(true);
    expect(fromAfar.sse).toBeLessThan(1e-24);
    expect(fromAfar.params[0]).toBeCloseTo(2, 12);
    expect(fromAfar.params[1]).toBeCloseTo(3, 12);
  });

  it('fits y = g + (1 − g)·exp(−a·x^(−b) − c) on 8 noisy points from 20 starts to one best solution', () => {
    const x = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
    const noise = [0.004, -0.006, 0.003, 0.008, -0.005, 0.002, -0.007, 0.004];
    const model = (p: ArrayLike<number>, t: number): number => p[0]! + (1 - p[0]!) * Math.exp(-p[1]! * t ** -p[2]! - p[3]!);
    const y = x.map((t, i) => model([0.25, 1.5, 0.35, 0.05], t) + noise[i]!);
    const lx = x.map(Math.log);
    const problem: LeastSquaresProblem = {
      nParams: 4,
      nResiduals: 8,
      lower: [0, 0, 0, 0],
      upper: [1, Infinity, 5, Infinity],
      residuals(p, out) {
        for (let i = 0; i < 8; i++) out[i] = model(p, x[i]!) - y[i]!;
      },
      jacobian(p, out) {
        const [g, a, b, c] = [p[0]!, p[1]!, p[2]!, p[3]!];
        for (let i = 0; i < 8; i++) {
          const xb = Math.exp(-b * lx[i]!);
          const e = Math.exp(-a * xb - c);
          out[i * 4] = 1 - e;
          out[i * 4 + 1] = -(1 - g) * e * xb;
          out[i * 4 + 2] = (1 - g) * e * a * xb * lx[i]!;
          out[i * 4 + 3] = -(1 - g) * e;
        }
      },
    };
    let seed = 12345;
    const uniform = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const starts = Array.from({ length: 20 }, () => [uniform() * 0.6, 10 ** (uniform() * 3 - 1), 0.05 + 1.5 * uniform(), uniform()]);

    const run = (withJacobian: boolean): LeastSquaresResult[] => {
      const p = withJacobian ? problem : { ...problem, jacobian: undefined };
      return starts.map((s) => solveLeastSquares(p, s));
    };
    for (const withJacobian of [true, false]) {
      const results = run(withJacobian);
      const best = results.reduce((a, b) => (b.sse < a.sse ? b : a));
      expect(results.every((r) => r.converged)).toBe(true);
      // The noise pushes c below 0: the best fit sits on the bound c = 0.
      expect(best.atBounds).toEqual([3]);
      expect(best.params[3]).toBeLessThanOrEqual(1e-12);
      const reachedBest = results.filter((r) => Math.abs(r.sse - best.sse) <= 1e-9 * best.sse);
      expect(reachedBest.length).toBeGreaterThanOrEqual(15);
      expect(best.params[0]).toBeCloseTo(0.2495, 3);
    }

    if (process.env.SCALECAST_TIMING) {
      for (const withJacobian of [true, false]) {
        const times: number[] = [];
        for (let rep = 0; rep < 50; rep++) {
          const t0 = performance.now();
          run(withJacobian);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        console.log(
          `20 starts, ${withJacobian ? 'analytic' : 'finite-difference'} Jacobian: first ${times.length} runs — ` +
            `min ${times[0]!.toFixed(3)} ms, median ${times[25]!.toFixed(3)} ms, max ${times.at(-1)!.toFixed(3)} ms`,
        );
      }
    }
  });
});

describe('solveLeastSquares with bounds', () => {
  // y ≈ 1 + 2x: the unconstrained slope is about 2.
  const x = [0, 1, 2, 3, 4, 5];
  const y = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0];
  const line = (lower?: number[], upper?: number[]): LeastSquaresProblem => ({
    nParams: 2,
    nResiduals: x.length,
    residuals(p, out) {
      for (let i = 0; i < x.length; i++) out[i] = p[0]! + p[1]! * x[i]! - y[i]!;
    },
    jacobian(_p, out) {
      for (let i = 0; i < x.length; i++) {
        out[2 * i] = 1;
        out[2 * i + 1] = x[i]!;
      }
    },
    lower,
    upper,
  });
  const mean = (v: number[]): number => v.reduce((s, t) => s + t, 0) / v.length;

  it('stops on an upper bound at the hand-derived constrained optimum and names it in atBounds', () => {
    // With b ≤ 1 the slope sits on the bound and a minimises Σ(y − a − x)²: a = ȳ − x̄.
    const res = solveLeastSquares(line([-Infinity, -Infinity], [Infinity, 1]), [0, 0]);
    expect(res.converged).toBe(true);
    expect(res.params[1]).toBe(1);
    expect(res.params[0]).toBeCloseTo(mean(y) - mean(x), 10);
    expect(res.atBounds).toEqual([1]);
    // KKT: the gradient of ½Σr² along b is negative (it would increase b), along a zero.
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      ga += res.residuals[i]!;
      gb += res.residuals[i]! * x[i]!;
    }
    expect(Math.abs(ga)).toBeLessThan(1e-9);
    expect(gb).toBeLessThan(0);
    expect(res.sse).toBeCloseTo(sumSquares(res.residuals), 14);
  });

  it('projects a start outside the bounds into them first', () => {
    const res = solveLeastSquares(line([-Infinity, -Infinity], [Infinity, 1]), [100, 50]);
    expect(res.params[1]).toBe(1);
    expect(res.params[0]).toBeCloseTo(mean(y) - mean(x), 10);
  });

  it('stops on a lower bound with the other parameter at its conditional optimum', () => {
    // a ≥ 1.5 (the unconstrained intercept is ≈ 1.05): b then minimises Σ(y − 1.5 − b·x)².
    const res = solveLeastSquares(line([1.5, -Infinity]), [3, 0]);
    const sxy = x.reduce((s, t, i) => s + t * (y[i]! - 1.5), 0);
    const sxx = x.reduce((s, t) => s + t * t, 0);
    expect(res.converged).toBe(true);
    expect(res.params[0]).toBe(1.5);
    expect(res.params[1]).toBeCloseTo(sxy / sxx, 10);
    expect(res.atBounds).toEqual([0]);
  });

  it('stops at a vertex when both gradients push outward', () => {
    const res = solveLeastSquares(line([-Infinity, -Infinity], [0, 1]), [-3, -3]);
    expect(res.reason).toBe('gtol');
    expect(Array.from(res.params)).toEqual([0, 1]);
    expect(res.atBounds).toEqual([0, 1]);
  });

  it('leaves a bound that the gradient points away from', () => {
    // Starting on a ≥ 0 with the optimum inside: the solver must move off the bound.
    const res = solveLeastSquares(line([0, 0]), [0, 0]);
    expect(res.converged).toBe(true);
    expect(res.atBounds).toEqual([]);
    expect(res.params[1]).toBeGreaterThan(1.9);
  });

  it('finds a nonlinear constrained optimum: Misra1a with b1 ≤ 200', () => {
    const p = NIST[0]!;
    const res = solveLeastSquares({ ...nistProblem(p), upper: [200, Infinity] }, p.starts[0]);
    expect(res.converged).toBe(true);
    expect(res.params[0]).toBe(200);
    expect(res.atBounds).toEqual([0]);
    // Independent check: golden-section search on b2 with b1 = 200.
    const sse = (b2: number): number => p.x.reduce((s, t, i) => s + (p.y[i]! - misra1aF([200, b2], t)) ** 2, 0);
    let lo = 1e-4;
    let hi = 2e-3;
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 200 && hi - lo > 1e-16; k++) {
      const c = hi - phi * (hi - lo);
      const d = lo + phi * (hi - lo);
      if (sse(c) < sse(d)) hi = d;
      else lo = c;
    }
    const b2 = (lo + hi) / 2;
    expect(lre(res.params[1]!, b2)).toBeGreaterThanOrEqual(6);
    expect(lre(res.sse, sse(b2))).toBeGreaterThanOrEqual(10);
  });
});

describe('solveLeastSquares with finite differences', () => {
  const rat = NIST.find((p) => p.name === 'Rat42')!;
  const misra = NIST[0]!;
  const rat42Jacobian = (b: Float64Array, out: Float64Array): void => {
    // r = y − b1/(1 + e), e = exp(b2 − b3·x).
    for (let i = 0; i < rat.x.length; i++) {
      const x = rat.x[i]!;
      const e = Math.exp(b[1]! - b[2]! * x);
      const k = i * 3;
      out[k] = -1 / (1 + e);
      out[k + 1] = (b[0]! * e) / (1 + e) ** 2;
      out[k + 2] = -(b[0]! * x * e) / (1 + e) ** 2;
    }
  };
  const misraJacobian = (b: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < misra.x.length; i++) {
      const e = Math.exp(-b[1]! * misra.x[i]!);
      out[2 * i] = -(1 - e);
      out[2 * i + 1] = -b[0]! * misra.x[i]! * e;
    }
  };
  const tight = { ftol: 1e-15, xtol: 1e-15, gtol: 1e-15 };

  it('gives the same solution as the analytic Jacobian to 1e-8 (Rat42)', () => {
    for (const start of rat.starts) {
      const analytic = solveLeastSquares({ ...nistProblem(rat), jacobian: rat42Jacobian }, start, tight);
      const fd = solveLeastSquares(nistProblem(rat), start, tight);
      expect(analytic.converged && fd.converged).toBe(true);
      for (let j = 0; j < 3; j++) {
        expect(Math.abs(fd.params[j]! - analytic.params[j]!) / Math.abs(analytic.params[j]!)).toBeLessThan(1e-8);
      }
      // Analytic and difference Jacobians at the solution agree too.
      for (let k = 0; k < analytic.jacobian.length; k++) {
        expect(Math.abs(fd.jacobian[k]! - analytic.jacobian[k]!)).toBeLessThan(1e-6 * (1 + Math.abs(analytic.jacobian[k]!)));
      }
    }
  });

  it('gives the same solution as the analytic Jacobian to 1e-8 for small parameters given their scale (Misra1a)', () => {
    for (const start of misra.starts) {
      const analytic = solveLeastSquares({ ...nistProblem(misra), jacobian: misraJacobian }, start, tight);
      const fd = solveLeastSquares(nistProblem(misra), start, { ...tight, parameterScale: [100, 1e-4] });
      for (let j = 0; j < 2; j++) {
        expect(Math.abs(fd.params[j]! - analytic.params[j]!) / Math.abs(analytic.params[j]!)).toBeLessThan(1e-8);
      }
      expect(lre(analytic.params[0]!, misra.certified[0]!)).toBeGreaterThanOrEqual(8);
    }
  });

  it('differences one-sidedly at a bound without evaluating outside it', () => {
    const seen: number[] = [];
    const res = solveLeastSquares(
      {
        nParams: 1,
        nResiduals: 2,
        residuals(p, out) {
          seen.push(p[0]!);
          out[0] = Math.sqrt(p[0]!) - 1; // NaN below 0
          out[1] = p[0]! - 2;
        },
        lower: [0],
      },
      [0],
    );
    expect(seen.every((v) => v >= 0)).toBe(true);
    expect(res.converged).toBe(true);
    // Minimise (√t − 1)² + (t − 2)²: 1 − 1/√t + 2(t − 2) = 0.
    const t = res.params[0]!;
    expect(1 - 1 / Math.sqrt(t) + 2 * (t - 2)).toBeCloseTo(0, 7);
  });
});

describe('solveLeastSquares on trouble', () => {
  // y = ln(θ0) + θ1·x with θ0 = 50, θ1 = 0.5; undefined for θ0 ≤ 0.
  const x = [0, 1, 2, 3, 4];
  const y = x.map((t) => Math.log(50) + 0.5 * t);
  const logProblem = (calls: number[]): LeastSquaresProblem => ({
    nParams: 2,
    nResiduals: x.length,
    residuals(p, out) {
      calls.push(p[0]!);
      for (let i = 0; i < x.length; i++) out[i] = Math.log(p[0]!) + p[1]! * x[i]! - y[i]!;
    },
    jacobian(p, out) {
      for (let i = 0; i < x.length; i++) {
        out[2 * i] = 1 / p[0]!;
        out[2 * i + 1] = x[i]!;
      }
    },
  });

  it('survives non-finite residuals at trial points (log of a negative parameter)', () => {
    // The Gauss–Newton step in θ0 is −θ0·ln(θ0/50): from 1e4 (plain steps) or 1e8 (where even
    // the acceleration probe at a tenth of the step is negative) the first trials are NaN.
    for (const [start, geodesicAcceleration] of [
      [1e4, false],
      [1e8, true],
      [1e8, false],
    ] as const) {
      const calls: number[] = [];
      const res = solveLeastSquares(logProblem(calls), [start, 0], { geodesicAcceleration });
      expect(calls.some((v) => v <= 0)).toBe(true);
      expect(res.converged).toBe(true);
      expect(res.params[0]).toBeCloseTo(50, 8);
      expect(res.params[1]).toBeCloseTo(0.5, 10);
      expect(Number.isFinite(res.sse)).toBe(true);
      expect(Array.from(res.jacobian).every(Number.isFinite)).toBe(true);
    }
  });

  it('returns non-finite, not converged, when the start itself gives non-finite residuals', () => {
    const res = solveLeastSquares(logProblem([]), [-1, 0]);
    expect(res.reason).toBe('non-finite');
    expect(res.converged).toBe(false);
    expect(Array.from(res.params)).toEqual([-1, 0]);
    expect(res.iterations).toBe(0);
  });

  it('falls back to differences when the analytic Jacobian is not finite', () => {
    const problem: LeastSquaresProblem = {
      ...logProblem([]),
      jacobian(_p, out) {
        out.fill(Number.NaN);
      },
    };
    const res = solveLeastSquares(problem, [10, 0]);
    expect(res.converged).toBe(true);
    expect(res.params[0]).toBeCloseTo(50, 6);
  });

  it('reports max-iterations, not converged, when the budget runs out', () => {
    const mgh09 = NIST.find((p) => p.name === 'MGH09')!;
    const problem = nistProblem(mgh09);
    const r0 = new Float64Array(mgh09.x.length);
    problem.residuals(Float64Array.from(mgh09.starts[0]), r0);
    const res = solveLeastSquares(problem, mgh09.starts[0], { maxIterations: 5 });
    expect(res.reason).toBe('max-iterations');
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(5);
    expect(res.sse).toBeLessThan(sumSquares(r0));
    // The result is self-consistent: residuals and Jacobian belong to the returned parameters.
    const r = new Float64Array(mgh09.x.length);
    problem.residuals(res.params, r);
    expect(Array.from(res.residuals)).toEqual(Array.from(r));
    expect(res.sse).toBe(sumSquares(r));

    const none = solveLeastSquares(problem, mgh09.starts[0], { maxIterations: 0 });
    expect(none.reason).toBe('max-iterations');
    expect(none.iterations).toBe(0);
    expect(Array.from(none.params)).toEqual(mgh09.starts[0]);
  });

  it('is deterministic', () => {
    const p = NIST.find((q) => q.name === 'Thurber')!;
    const a = solveLeastSquares(nistProblem(p), p.starts[0]);
    const b = solveLeastSquares(nistProblem(p), p.starts[0]);
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(a.evaluations).toBe(b.evaluations);
  });

  it('rejects malformed input', () => {
    const p = nistProblem(NIST[0]!);
    expect(() => solveLeastSquares(p, [1])).toThrow(RangeError);
    expect(() => solveLeastSquares(p, [1, Number.NaN])).toThrow(RangeError);
    expect(() => solveLeastSquares({ ...p, lower: [1, 1], upper: [0, 2] }, [1, 1])).toThrow(RangeError);
    expect(() => solveLeastSquares(p, [1, 1], { parameterScale: [1, 0] })).toThrow(RangeError);
  });
});
