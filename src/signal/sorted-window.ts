/**
 * A sliding window of numbers kept in order, for running quantiles: one insert and one removal a
 * frame cost a binary search and a shift, where sorting the window every frame cost n log n.
 * Pure and isomorphic.
 */
export class SortedWindow {
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  /** NaN is not kept (it has no place in the order, and could never be removed again). */
  insert(x: number): void {
    if (!Number.isNaN(x)) this.values.splice(this.indexOf(x), 0, x);
  }

  /** Remove one value equal to `x` (a value inserted earlier). */
  remove(x: number): void {
    const i = this.indexOf(x);
    if (this.values[i] === x) this.values.splice(i, 1);
  }

  /** The value at quantile `q` (0..1): the lower one for q < 0.5, the upper one above, so 3 % of 8 values is the least. */
  quantile(q: number): number {
    const n = this.values.length;
    if (n === 0) return NaN;
    const at = q < 0.5 ? Math.floor(q * (n - 1)) : Math.ceil(q * (n - 1));
    return this.values[at];
  }

  /** Index of the first value not below `x`. */
  private indexOf(x: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
