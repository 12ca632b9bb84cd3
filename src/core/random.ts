/**
 * A small seeded pseudo-random number generator whose streams are identical on every machine.
 *
 * The core is **xoshiro128\*\*** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021; reference code at https://prng.di.unimi.it/xoshiro128starstar.c), a 128-bit
 * state generator with 32-bit output. Its four state words are filled by **splitmix32** (a Weyl
 * sequence with increment 0x9e3779b9 passed through a 32-bit integer hash; Steele, Lea & Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014, adapted to 32 bits). Both use only
 * 32-bit integer operations (`Math.imul`, shifts, xor), so a seed gives the same stream everywhere.
 *
 * Derived variates:
 * - {@link Random.next}: uniform on [0, 1) with 53 random bits (two 32-bit outputs).
 * - {@link Random.normal}: Marsaglia's polar method (only `Math.log` and `Math.sqrt`).
 * - {@link Random.binomial}: exact. Sum of Bernoullis for n ≤ 64; otherwise inversion when
 *   n·min(p, 1−p) < 30 and BTPE (Kachitvichyanukul & Schmeiser, "Binomial random variate
 *   generation", CACM 31(2), 1988) above — the same split NumPy uses.
 *
 * @example
 * const rng = createRandom(42);
 * rng.next();          // => a number in [0, 1)
 * rng.binomial(100, 0.3); // => an integer in [0, 100], mean 30
 */

/** A seeded stream of random numbers. Every method advances the stream. */
export interface Random {
  /** A uniform 32-bit unsigned integer in [0, 2³²). */
  uint32(): number;
  /**
   * A uniform number in [0, 1) with 53 random bits: (hi·2²⁶ + lo) / 2⁵³ from two 32-bit outputs.
   *
   * @example createRandom(1).next() // => 0.… (always the same for seed 1)
   */
  next(): number;
  /**
   * A uniform integer in [0, n), without modulo bias (rejection sampling). `n` must be an integer
   * in [1, 2³²].
   *
   * @example createRandom(1).int(6) // => 0…5
   */
  int(n: number): number;
  /**
   * A uniform number in [min, max): min + (max − min)·next().
   *
   * @example createRandom(1).uniform(0.15, 0.6) // => a number in [0.15, 0.6)
   */
  uniform(min: number, max: number): number;
  /**
   * A normal variate with the given mean and standard deviation (Marsaglia polar method:
   * draw (u, v) uniform in the unit disc, s = u² + v², return mean + sd·u·√(−2 ln s / s)).
   *
   * @example createRandom(1).normal(0, 1) // => e.g. −0.37
   */
  normal(mean?: number, sd?: number): number;
  /**
   * The number of successes in `n` independent trials of probability `p`: P(X = k) = C(n,k)·pᵏ·(1−p)ⁿ⁻ᵏ,
   * mean n·p, variance n·p·(1−p). `n` must be a non-negative safe integer and `p` in [0, 1].
   *
   * @example createRandom(1).binomial(100, 0.25) // => e.g. 27
   */
  binomial(n: number, p: number): number;
  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it; every permutation is equally likely.
   *
   * @example createRandom(1).shuffle([1, 2, 3]) // => e.g. [3, 1, 2]
   */
  shuffle<T>(array: T[]): T[];
  /**
   * A new, independent generator seeded from this stream's next output (advances this stream by
   * one 32-bit draw). Use it to give each part of a simulation its own stream.
   *
   * @example const child = createRandom(1).fork();
   */
  fork(): Random;
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/** One step of splitmix32: returns [new state, output]. */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let t = s ^ (s >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return [s, t >>> 0];
}

/** Folds a safe-integer seed (possibly negative or above 2³²) into one 32-bit word. */
function foldSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

/**
 * Creates a seeded generator: splitmix32(seed) fills the four xoshiro128** state words.
 * `seed` is any safe integer; the same seed gives the same stream on every machine.
 *
 * @example
 * const a = createRandom(7), b = createRandom(7);
 * a.next() === b.next(); // => true
 */
export function createRandom(seed: number): Random {
  let sm = foldSeed(seed);
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [state, out] = splitmix32(sm);
    sm = state;
    s[i] = out;
  }
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1; // the all-zero state is a fixed point
  return fromState(s);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function fromState(s: Uint32Array): Random {
  const uint32 = (): number => {
    const s1 = s[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s1;
    s[1] = s1 ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const next = (): number => {
    const hi = uint32() >>> 5; // 27 bits
    const lo = uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_53;
  };
  const rng: Random = {
    uint32,
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
        throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${String(n)}`);
      }
      const limit = TWO_32 - (TWO_32 % n); // largest multiple of n not above 2^32
      for (;;) {
        const u = uint32();
        if (u < limit) return u % n;
      }
    },
    uniform(min: number, max: number): number {
      return min + (max - min) * next();
    },
    normal(mean = 0, sd = 1): number {
      for (;;) {
        const u = 2 * next() - 1;
        const v = 2 * next() - 1;
        const q = u * u + v * v;
        if (q > 0 && q < 1) return mean + sd * u * Math.sqrt((-2 * Math.log(q)) / q);
      }
    },
    binomial(n: number, p: number): number {
      return binomial(next, n, p);
    },
    shuffle<T>(array: T[]): T[] {
      for (let i = array.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = array[i]!;
        array[i] = array[j]!;
        array[j] = tmp;
      }
      return array;
    },
    fork(): Random {
      return createRandom(uint32());
    },
  };
  return rng;
}

/** Exact binomial variate; `next` is a uniform [0, 1) source. */
function binomial(next: () => number, n: number, p: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomial(n, p) needs a non-negative integer n, got ${String(n)}`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial(n, p) needs p in [0, 1], got ${String(p)}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (next() < p) k++;
    return k;
  }
  const r = Math.min(p, 1 - p);
  const y = n * r < 30 ? binomialInversion(next, n, r) : binomialBtpe(next, n, r);
  return p > 0.5 ? n - y : y;
}

/**
 * Sequential inversion (BINV) for p ≤ 0.5 and n·p < 30: walk the CDF from 0 using
 * P(k) = P(k−1)·(n−k+1)·p / (k·q). Restarts past a 10-sd bound, as NumPy does, so that rounding in
 * the CDF can never loop forever; the truncated tail has probability below 1e-20.
 */
function binomialInversion(next: () => number, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log(q));
  const np = n * p;
  const bound = Math.min(n, Math.floor(np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = next();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = next();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/**
 * BTPE (Kachitvichyanukul & Schmeiser 1988) for p ≤ 0.5 and n·p ≥ 30: a triangle/parallelogram/
 * exponential-tails hat over the pmf with an exact acceptance test (explicit pmf ratio near the mode,
 * Stirling-series squeeze far from it). Transcribed from NumPy's `random_binomial_btpe`.
 */
function binomialBtpe(next: () => number, n: number, p: number): number {
  const r = p;
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;

  for (;;) {
    const u = next() * p4;
    let v = next();
    let y: number;
    if (u <= p1) {
      // Triangular region: always accepted.
      return Math.floor(xm - p1 * v + u);
    }
    if (u <= p2) {
      // Parallelograms.
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Left exponential tail.
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Right exponential tail.
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }

    const k = Math.abs(y - m);
    if (!(k > 20 && k < nrq / 2 - 1)) {
      // Explicit evaluation of f(y)/f(m) by the pmf recursion.
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) {
        for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      } else if (m > y) {
        for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      }
      if (v > f) continue;
      return y;
    }

    // Squeeze using bounds on log f(y)/f(m).
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = Math.log(v);
    if (A < t - rho) return y;
    if (A > t + rho) continue;

    // Final acceptance test with Stirling's series.
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * r) / (x1 * q)) +
      stirlingTail(f1) +
      stirlingTail(z) +
      stirlingTail(x1) +
      stirlingTail(w);
    if (A > bound) continue;
    return y;
  }
}

/** The Stirling-series correction term used by BTPE's final test. */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}
