/**
 * A scaling law as data: its formula, parameters with units and bounds, how to evaluate it and its
 * gradient, where to start fitting it, and (for laws of one input) how to invert it.
 *
 * Adding a law is one small file under `laws/` that exports a {@link Law} and one line in
 * `laws/index.ts`. The fitting engine (`fitLaw`) knows nothing about particular laws.
 */

/** One parameter of a law. */
export interface LawParam {
  /** Short name used in tables and JSON (`E`, `A`, `alpha`). */
  name: string;
  /** What it means, with its unit. */
  description: string;
  /** Box bounds; ±Infinity for none. */
  lower: number;
  upper: number;
  /**
   * `log`: the parameter is positive and spans orders of magnitude, so the optimiser works on its
   * logarithm (as Chinchilla's Approach 3 and Epoch fit log A, log B, log E). Needs `lower ≥ 0`.
   * @default 'linear'
   */
  scale?: 'linear' | 'log';
}

/** The observations a law is fitted to: one column per input, and the responses. */
export interface FitData {
  /** `x[k][i]`: input k of point i (e.g. x[0] = params N, x[1] = tokens D). */
  x: Float64Array[];
  y: Float64Array;
}

/** A scaling law. */
export interface Law {
  /** Identifier used on the command line (`cod`, `chinchilla`). */
  id: string;
  /** Human name. */
  name: string;
  /** The formula in plain text, e.g. `y = E + A·x^(−α)`. */
  formula: string;
  /** Names of the inputs, with units (`compute (FLOPs)`), in the order of `FitData.x`. */
  inputs: string[];
  /** What the response is (`accuracy in [0, 1]`, `loss (nats/token)`). */
  response: string;
  params: LawParam[];
  /**
   * Residual space the law is fitted in by default: `linear` (y − f) or `log` (ln y − ln f, for
   * responses that span orders of magnitude and are positive).
   */
  defaultSpace: 'linear' | 'log';
  /** The law's value at the point `x` (one number per input). */
  evaluate(params: ArrayLike<number>, x: ArrayLike<number>): number;
  /** ∂f/∂θ at `x`, written into `out`; finite differences are used when absent. */
  gradient?(params: ArrayLike<number>, x: ArrayLike<number>, out: Float64Array): void;
  /**
   * f and ∂f/∂θ together, for laws where sharing work between them pays (bootstraps refit thousands
   * of times). Optional: `evaluate` + `gradient` are used otherwise.
   */
  evaluateWithGradient?(params: ArrayLike<number>, x: ArrayLike<number>, out: Float64Array): number;
  /** Starting points for multi-start fitting, derived from the data (natural parameter values). */
  starts(data: FitData): number[][];
  /**
   * For one-input laws: the input at which the law reaches `y`, or `undefined` where it never does.
   */
  inverse?(params: ArrayLike<number>, y: number): number | undefined;
  /** Why an input value is outside the law's domain (e.g. "x must be > 0"), or undefined. */
  checkInput?(x: ArrayLike<number>): string | undefined;
}

/** The law's parameters as a name → value record. */
export function namedParams(law: Law, values: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  law.params.forEach((p, j) => {
    out[p.name] = values[j]!;
  });
  return out;
}

/** Cartesian product of value lists: grid([1, 2], [3]) → [[1, 3], [2, 3]]. */
export function grid(...axes: number[][]): number[][] {
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return out;
}

/** Evenly spaced values from `from` to `to` inclusive. */
export function linspace(from: number, to: number, count: number): number[] {
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}
