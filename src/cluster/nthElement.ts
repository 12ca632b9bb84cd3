/**
 * A transcription of libstdc++'s `std::nth_element` (introselect: median-of-three Hoare partitions,
 * a heap-select fallback after 2·⌊log₂ n⌋ levels, insertion sort below 4 elements; GCC
 * `bits/stl_algo.h` and `bits/stl_heap.h`), operating on an Int32Array of indices with a strict
 * comparator.
 *
 * scikit-learn builds its k-d tree with exactly this call (`partition_node_indices` in
 * `sklearn/neighbors/_partition_nodes.pyx`), and the order it leaves the indices in is the order in
 * which `radius_neighbors` lists a neighbourhood and hence the order in which `np.mean` adds its
 * points. Reproducing it lets MeanShift modes have scikit-learn's exact bits.
 *
 * @example
 * const a = Int32Array.of(4, 1, 3, 0, 2);
 * nthElement(a, 0, 2, 5, (x, y) => x < y); // a[2] === 2, a[0..2) ≤ 2 ≤ a[3..5)
 */

/** A strict weak order on indices: true when `a` goes before `b`. */
export type IndexLess = (a: number, b: number) => boolean;

/**
 * Rearranges `a[first..last)` so that `a[nth]` is the element that would be there if sorted, with no
 * element after it less than it and none before it greater, in libstdc++'s exact element order.
 *
 * @example nthElement(order, start, start + (count >> 1), start + count, less)
 */
export function nthElement(a: Int32Array, first: number, nth: number, last: number, less: IndexLess): void {
  if (first === last || nth === last) return;
  introselect(a, first, nth, last, 2 * floorLog2(last - first), less);
}

function floorLog2(n: number): number {
  return 31 - Math.clz32(n);
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function introselect(a: Int32Array, first: number, nth: number, last: number, depth: number, less: IndexLess): void {
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(a, first, nth + 1, last, less);
      swap(a, first, nth);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, less);
}

function unguardedPartitionPivot(a: Int32Array, first: number, last: number, less: IndexLess): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  return unguardedPartition(a, first + 1, last, first, less);
}

function moveMedianToFirst(a: Int32Array, result: number, x: number, y: number, z: number, less: IndexLess): void {
  if (less(a[x]!, a[y]!)) {
    if (less(a[y]!, a[z]!)) swap(a, result, y);
    else if (less(a[x]!, a[z]!)) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(a[x]!, a[z]!)) swap(a, result, x);
  else if (less(a[y]!, a[z]!)) swap(a, result, z);
  else swap(a, result, y);
}

function unguardedPartition(a: Int32Array, first: number, last: number, pivot: number, less: IndexLess): number {
  for (;;) {
    while (less(a[first]!, a[pivot]!)) first++;
    last--;
    while (less(a[pivot]!, a[last]!)) last--;
    if (!(first < last)) return first;
    swap(a, first, last);
    first++;
  }
}

function insertionSort(a: Int32Array, first: number, last: number, less: IndexLess): void {
  if (first === last) return;
  for (let i = first + 1; i !== last; i++) {
    const val = a[i]!;
    if (less(val, a[first]!)) {
      a.copyWithin(first + 1, first, i);
      a[first] = val;
    } else {
      let hole = i;
      let next = i - 1;
      while (less(val, a[next]!)) {
        a[hole] = a[next]!;
        hole = next;
        next--;
      }
      a[hole] = val;
    }
  }
}

function heapSelect(a: Int32Array, first: number, middle: number, last: number, less: IndexLess): void {
  makeHeap(a, first, middle, less);
  for (let i = middle; i < last; i++) if (less(a[i]!, a[first]!)) popHeap(a, first, middle, i, less);
}

function makeHeap(a: Int32Array, first: number, last: number, less: IndexLess): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = Math.trunc((len - 2) / 2); ; parent--) {
    adjustHeap(a, first, parent, len, a[first + parent]!, less);
    if (parent === 0) return;
  }
}

function popHeap(a: Int32Array, first: number, last: number, result: number, less: IndexLess): void {
  const value = a[result]!;
  a[result] = a[first]!;
  adjustHeap(a, first, 0, last - first, value, less);
}

function adjustHeap(a: Int32Array, first: number, holeIndex: number, len: number, value: number, less: IndexLess): void {
  const top = holeIndex;
  let second = holeIndex;
  while (second < Math.trunc((len - 1) / 2)) {
    second = 2 * (second + 1);
    if (less(a[first + second]!, a[first + second - 1]!)) second--;
    a[first + holeIndex] = a[first + second]!;
    holeIndex = second;
  }
  if ((len & 1) === 0 && second === Math.trunc((len - 2) / 2)) {
    second = 2 * (second + 1);
    a[first + holeIndex] = a[first + second - 1]!;
    holeIndex = second - 1;
  }
  // push_heap
  let parent = Math.trunc((holeIndex - 1) / 2);
  while (holeIndex > top && less(a[first + parent]!, value)) {
    a[first + holeIndex] = a[first + parent]!;
    holeIndex = parent;
    parent = Math.trunc((holeIndex - 1) / 2);
  }
  a[first + holeIndex] = value;
}
