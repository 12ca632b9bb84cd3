/**
 * The two orders scalecast sorts names in: plain code-unit order (benchmarks, files), and natural
 * order for model names, in which numbers compare as numbers, decimals included, so that a ladder
 * reads small to large: `pythia-1b` < `pythia-1.4b` < `pythia-2.8b` < `pythia-12b`.
 *
 * Both are implemented here without `Intl`, so that the order does not depend on the ICU data
 * Node was built with.
 */

/**
 * Code-unit order, as `Array.prototype.sort` uses by default, as a comparator.
 *
 * @example ['b', 'B', 'a'].sort(compareText) // => ['B', 'a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A run of digits with an optional decimal part, e.g. `1`, `1.4`, `0.5`. */
const NUMBER = /\d+(?:\.\d+)?/g;

/** Splits a name into alternating text and number pieces: `Qwen1.5-0.5B` → `Qwen`, 1.5, `-`, 0.5, `B`. */
export function naturalTokens(name: string): (string | number)[] {
  const out: (string | number)[] = [];
  let last = 0;
  for (const m of name.matchAll(NUMBER)) {
    if (m.index > last) out.push(name.slice(last, m.index));
    out.push(Number(m[0]));
    last = m.index + m[0].length;
  }
  if (last < name.length) out.push(name.slice(last));
  return out;
}

/**
 * Natural order: pieces of text compare case-insensitively, numbers (with their decimals) by value,
 * and a number sorts before text at the same place. Ties are broken by {@link compareText}, so the
 * order is total.
 *
 * @example ['pythia-2.8b', 'pythia-12b', 'pythia-1b', 'pythia-1.4b'].sort(compareNatural)
 * // => ['pythia-1b', 'pythia-1.4b', 'pythia-2.8b', 'pythia-12b']
 */
export function compareNatural(a: string, b: string): number {
  const ta = naturalTokens(a);
  const tb = naturalTokens(b);
  const n = Math.min(ta.length, tb.length);
  for (let k = 0; k < n; k++) {
    const x = ta[k]!;
    const y = tb[k]!;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') {
      return -1;
    } else if (typeof y === 'number') {
      return 1;
    } else {
      const d = compareText(x.toLowerCase(), y.toLowerCase());
      if (d !== 0) return d;
    }
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  return compareText(a, b);
}
