/** Small helpers shared by the law files. */
import type { FitData } from '../law.js';

/** Smallest and largest of an array. */
export function extent(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/** Median of an array (a copy is sorted). */
export function median(v: ArrayLike<number>): number {
  const s = Float64Array.from(v).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Ordinary least squares of y on x: [intercept, slope]. */
export function lineFit(x: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [my - slope * mx, slope];
}

/** Whether y tends to rise with the first input (by the sign of a line fit on log x). */
export function rises(data: FitData): boolean {
  const lx = Array.from(data.x[0]!, (v) => Math.log(Math.max(v, 1e-300)));
  return lineFit(lx, data.y)[1] >= 0;
}

/** "x must be > 0" when any of the given inputs is not positive. */
export function positiveInputs(names: string[]): (x: ArrayLike<number>) => string | undefined {
  return (x) => {
    for (let k = 0; k < names.length; k++) if (!(x[k]! > 0)) return `${names[k]} must be > 0 (a power of it is taken)`;
    return undefined;
  };
}
