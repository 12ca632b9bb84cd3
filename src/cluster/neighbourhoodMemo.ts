/**
 * A table of the neighbourhood sets met by MeanShift seeds, keyed by (size, 64-bit set hash), with
 * each set's mean and the set found around that mean.
 *
 * The flat-kernel MeanShift step is m ← mean(N(m)), so from the moment two seeds reach the same set
 * N(m) they share the rest of their trajectory. Storing each set once (a) makes that shared tail
 * cost O(d) per step, and (b) gives identical sets bit-identical means, so that converged modes that
 * scikit-learn would dedupe as equal tuples are equal here too.
 *
 * A set is identified by its size and the XOR of two independent 32-bit pseudo-random keys of its
 * members (see `pointKeyA`/`pointKeyB` in kdTree.ts). Two different sets of the same size match
 * with probability 2⁻⁶⁴ per pair; with a million distinct sets the chance of any false match in a
 * run is below 10⁻⁷. Lookups compare all 64 bits and the size (a hash-table collision on the
 * shorter numeric key falls back to a string key).
 *
 * @example
 * const memo = new NeighbourhoodMemo(2);
 * const id = memo.intern(3, 0x1234, 0x5678, Float64Array.of(3, 6)); // mean (1, 2)
 * memo.mean(id, 0); // => 1
 */
export class NeighbourhoodMemo {
  /** Dimension. */
  readonly d: number;
  /** Number of stored sets. */
  size = 0;
  private counts: Int32Array = new Int32Array(1024);
  private hashA: Int32Array = new Int32Array(1024);
  private hashB: Int32Array = new Int32Array(1024);
  private nexts: Int32Array = new Int32Array(1024);
  private means: Float64Array;
  private readonly byKey = new Map<number, number>();
  private readonly overflow = new Map<string, number>();

  /**
   * @param d - the dimension of the means.
   * @example new NeighbourhoodMemo(9)
   */
  constructor(d: number) {
    this.d = d;
    this.means = new Float64Array(1024 * Math.max(1, d));
  }

  /**
   * The id of the set (count, hashA, hashB), storing it with mean `sum / count` if new. An empty set
   * (count 0) is stored too, with mean NaN; its id is returned like any other.
   *
   * @example memo.intern(acc.count, acc.hashA, acc.hashB, acc.sum)
   */
  intern(count: number, hashA: number, hashB: number, sum: Float64Array): number {
    const key = (hashA >>> 0) * 2097152 + ((hashB >>> 11) & 0x1fffff);
    const found = this.byKey.get(key);
    if (found !== undefined) {
      if (this.counts[found] === count && this.hashB[found] === hashB) return found;
      const skey = `${hashA}:${hashB}:${count}`;
      const again = this.overflow.get(skey);
      if (again !== undefined) return again;
      const id = this.add(count, hashA, hashB, sum);
      this.overflow.set(skey, id);
      return id;
    }
    const id = this.add(count, hashA, hashB, sum);
    this.byKey.set(key, id);
    return id;
  }

  /** Number of points in set `id`. */
  count(id: number): number {
    return this.counts[id]!;
  }

  /** Coordinate `j` of the mean of set `id`. */
  mean(id: number, j: number): number {
    return this.means[id * this.d + j]!;
  }

  /** The stored means (row `id` is set `id`'s mean); valid until the next {@link intern}. */
  meanRows(): Float64Array {
    return this.means;
  }

  /** The set found around set `id`'s mean, or −1 if not yet known. */
  next(id: number): number {
    return this.nexts[id]!;
  }

  /** Records that the set found around set `id`'s mean is `next`. */
  setNext(id: number, next: number): void {
    this.nexts[id] = next;
  }

  private add(count: number, hashA: number, hashB: number, sum: Float64Array): number {
    if (this.size === this.counts.length) this.grow();
    const id = this.size++;
    this.counts[id] = count;
    this.hashA[id] = hashA;
    this.hashB[id] = hashB;
    this.nexts[id] = -1;
    const o = id * this.d;
    for (let j = 0; j < this.d; j++) this.means[o + j] = count > 0 ? sum[j]! / count : Number.NaN;
    return id;
  }

  private grow(): void {
    const cap = this.counts.length * 2;
    const widen = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.counts = widen(this.counts);
    this.hashA = widen(this.hashA);
    this.hashB = widen(this.hashB);
    this.nexts = widen(this.nexts);
    const m = new Float64Array(cap * Math.max(1, this.d));
    m.set(this.means);
    this.means = m;
  }
}
