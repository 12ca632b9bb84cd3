/**
 * Turns a law, data and fitting options into what the optimisers minimise.
 *
 * The optimisers work in internal coordinates u: u_j = ln θ_j for parameters on a log scale
 * (`LawParam.scale === 'log'`), u_j = θ_j otherwise, and only over the parameters that are not
 * fixed. Residuals are r_i = w_i·(f(x_i; θ) − y_i) in linear space, or w_i·(ln f − ln y) in log space.
 */
import type { FitData, Law } from './law.js';
import type { LeastSquaresProblem } from './leastSquares.js';
import type { SmoothObjective } from './lbfgs.js';
import { huber, huberDerivative } from './robustLoss.js';

/** How residuals are measured. */
export type ResidualSpace = 'linear' | 'log';

/** The parts of a fit that define the objective. */
export interface ProblemSpec {
  law: Law;
  data: FitData;
  space: ResidualSpace;
  /** Per-point weights (default 1). */
  weights?: Float64Array;
  /** Values of fixed parameters by index; NaN = free. */
  fixed: Float64Array;
  /** Bounds in natural units, one per parameter. */
  lower: Float64Array;
  upper: Float64Array;
}

/** Maps between natural parameters θ (all of them) and internal free coordinates u. */
export class Coordinates {
  /** Indices of the free parameters. */
  readonly free: number[];
  private readonly log: boolean[];

  constructor(private readonly spec: ProblemSpec) {
    this.free = [];
    spec.law.params.forEach((_, j) => {
      if (Number.isNaN(spec.fixed[j]!)) this.free.push(j);
    });
    this.log = spec.law.params.map((p) => p.scale === 'log');
  }

  get nFree(): number {
    return this.free.length;
  }

  /** θ from u. */
  theta(u: ArrayLike<number>, out: Float64Array = new Float64Array(this.spec.law.params.length)): Float64Array {
    out.set(this.spec.fixed);
    this.free.forEach((j, k) => {
      out[j] = this.log[j] ? Math.exp(u[k]!) : u[k]!;
    });
    return out;
  }

  /** u from θ (θ first clamped into the bounds). */
  internal(theta: ArrayLike<number>): Float64Array {
    const u = new Float64Array(this.free.length);
    this.free.forEach((j, k) => {
      const lo = this.spec.lower[j]!;
      const hi = this.spec.upper[j]!;
      let v = Math.min(Math.max(theta[j]!, lo), hi);
      if (this.log[j]) {
        if (!(v > 0)) v = lo > 0 ? lo : Math.min(1e-12, hi);
        u[k] = Math.log(v);
      } else {
        u[k] = v;
      }
    });
    return u;
  }

  /** Bounds of u. */
  bounds(): { lower: Float64Array; upper: Float64Array } {
    const lower = new Float64Array(this.free.length);
    const upper = new Float64Array(this.free.length);
    this.free.forEach((j, k) => {
      const lo = this.spec.lower[j]!;
      const hi = this.spec.upper[j]!;
      lower[k] = this.log[j] ? (lo > 0 ? Math.log(lo) : -Infinity) : lo;
      upper[k] = this.log[j] ? (hi > 0 ? Math.log(hi) : -Infinity) : hi;
    });
    return { lower, upper };
  }

  /** dθ_j/du_k for free parameter k. */
  scaleOf(k: number, theta: ArrayLike<number>): number {
    const j = this.free[k]!;
    return this.log[j] ? theta[j]! : 1;
  }
}

/**
 * ∂f/∂θ at one point for all parameters: the law's analytic gradient, or central differences
 * with step ε^(1/3)·max(|θ_j|, 1e-8).
 */
export function lawGradient(law: Law, theta: Float64Array, x: ArrayLike<number>, out: Float64Array, work: Float64Array): void {
  if (law.gradient) {
    law.gradient(theta, x, out);
    return;
  }
  work.set(theta);
  for (let j = 0; j < theta.length; j++) {
    const h = 6.055454452393343e-6 * Math.max(Math.abs(theta[j]!), 1e-8);
    work[j] = theta[j]! + h;
    const fp = law.evaluate(work, x);
    work[j] = theta[j]! - h;
    const fm = law.evaluate(work, x);
    work[j] = theta[j]!;
    out[j] = (fp - fm) / (2 * h);
  }
}

/** Evaluation state shared by the least-squares and Huber objectives. */
export class ResidualModel {
  readonly coords: Coordinates;
  readonly n: number;
  private readonly theta: Float64Array;
  private readonly point: Float64Array;
  private readonly grad: Float64Array;
  private readonly work: Float64Array;
  private readonly logY: Float64Array | null;
  private readonly scales: Float64Array;
  private readonly scratchResiduals: Float64Array;

  constructor(readonly spec: ProblemSpec) {
    this.coords = new Coordinates(spec);
    this.n = spec.data.y.length;
    const p = spec.law.params.length;
    this.theta = new Float64Array(p);
    this.point = new Float64Array(spec.data.x.length);
    this.grad = new Float64Array(p);
    this.work = new Float64Array(p);
    this.logY = spec.space === 'log' ? spec.data.y.map(Math.log) : null;
    this.scales = new Float64Array(this.coords.nFree);
    this.scratchResiduals = new Float64Array(this.n);
  }

  private loadPoint(i: number): Float64Array {
    const xs = this.spec.data.x;
    for (let k = 0; k < xs.length; k++) this.point[k] = xs[k]![i]!;
    return this.point;
  }

  /** Residuals at u. */
  residuals(u: ArrayLike<number>, out: Float64Array): void {
    const theta = this.coords.theta(u, this.theta);
    const { law, data, weights } = this.spec;
    for (let i = 0; i < this.n; i++) {
      const f = law.evaluate(theta, this.loadPoint(i));
      const r = this.logY === null ? f - data.y[i]! : Math.log(f) - this.logY[i]!;
      out[i] = weights ? weights[i]! * r : r;
    }
  }

  /** Jacobian of the residuals with respect to u, row-major n × nFree. */
  jacobian(u: ArrayLike<number>, out: Float64Array): void {
    this.residualsAndJacobian(u, this.scratchResiduals, out);
  }

  /**
   * Residuals and their Jacobian at u in one pass over the points, evaluating the law once per
   * point (with `evaluateWithGradient` when the law has it).
   */
  residualsAndJacobian(u: ArrayLike<number>, r: Float64Array, out: Float64Array): void {
    const theta = this.coords.theta(u, this.theta);
    const { law, data, weights } = this.spec;
    const free = this.coords.free;
    const m = free.length;
    for (let k = 0; k < m; k++) this.scales[k] = this.coords.scaleOf(k, theta);
    for (let i = 0; i < this.n; i++) {
      const x = this.loadPoint(i);
      let f: number;
      if (law.evaluateWithGradient) {
        f = law.evaluateWithGradient(theta, x, this.grad);
      } else {
        f = law.evaluate(theta, x);
        lawGradient(law, theta, x, this.grad, this.work);
      }
      const w = weights ? weights[i]! : 1;
      let factor = w;
      if (this.logY === null) {
        r[i] = w * (f - data.y[i]!);
      } else {
        r[i] = w * (Math.log(f) - this.logY[i]!);
        factor /= f;
      }
      for (let k = 0; k < m; k++) out[i * m + k] = factor * this.grad[free[k]!]! * this.scales[k]!;
    }
  }

  /** The least-squares problem ½Σr² over u. */
  leastSquares(): LeastSquaresProblem {
    const b = this.coords.bounds();
    return {
      nParams: this.coords.nFree,
      nResiduals: this.n,
      residuals: (u, out) => this.residuals(u, out),
      jacobian: (u, out) => this.jacobian(u, out),
      lower: b.lower,
      upper: b.upper,
    };
  }

  /** The robust objective Σ huber_δ(r_i) over u, with its gradient. */
  huberObjective(delta: number): SmoothObjective {
    const b = this.coords.bounds();
    const m = this.coords.nFree;
    const r = new Float64Array(this.n);
    const J = new Float64Array(this.n * m);
    return {
      nParams: m,
      lower: b.lower,
      upper: b.upper,
      evaluate: (u, gradient) => {
        this.residualsAndJacobian(u, r, J);
        let value = 0;
        for (let i = 0; i < this.n; i++) value += huber(r[i]!, delta);
        if (!Number.isFinite(value)) {
          gradient.fill(Number.NaN);
          return Number.NaN;
        }
        gradient.fill(0);
        for (let i = 0; i < this.n; i++) {
          const psi = huberDerivative(r[i]!, delta);
          if (psi === 0) continue;
          for (let k = 0; k < m; k++) gradient[k]! += psi * J[i * m + k]!;
        }
        return value;
      },
    };
  }
}
