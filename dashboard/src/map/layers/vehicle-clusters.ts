/**
 * Groups points that fall in the same square of a grid fixed to the world (so panning does not
 * reshuffle the groups, only zooming does) and reports, per point, its group. Reused from frame to
 * frame: buffers grow with the fleet and are never reallocated per frame.
 */
export class GridClusters {
  /** Number of groups of the last {@link build}. */
  count = 0;
  /** Per group: members, and the mean screen position of its members. */
  size = new Uint32Array(0);
  x = new Float64Array(0);
  y = new Float64Array(0);
  /** Per input point: the index of its group, -1 when it was not in view. */
  groupOf = new Int32Array(0);
  private readonly cells = new Map<number, number>();

  /**
   * Groups the points `i < count` with `visible[i]` by the `cellPx` grid cell their world position
   * (`screen + origin`) falls in.
   *
   * @example
   * clusters.build(xs, ys, visible, n, originX, originY, 60);
   * for (let g = 0; g < clusters.count; g++) if (clusters.size[g]! > 1) drawBubble(clusters.x[g]!, clusters.y[g]!);
   */
  build(
    xs: Float32Array,
    ys: Float32Array,
    visible: Uint8Array,
    count: number,
    originX: number,
    originY: number,
    cellPx: number,
  ): void {
    this.reserve(count);
    this.cells.clear();
    this.count = 0;
    for (let i = 0; i < count; i++) {
      if (visible[i] === 0) {
        this.groupOf[i] = -1;
        continue;
      }
      const x = xs[i]!;
      const y = ys[i]!;
      // Cell columns stay below 2^26 up to zoom 24 with 60 px cells: the key is exact in a double.
      const key = Math.floor((x + originX) / cellPx) * 67_108_864 + Math.floor((y + originY) / cellPx);
      let group = this.cells.get(key);
      if (group === undefined) {
        group = this.count++;
        this.cells.set(key, group);
        this.size[group] = 0;
        this.x[group] = 0;
        this.y[group] = 0;
      }
      this.groupOf[i] = group;
      this.size[group]!++;
      this.x[group]! += x;
      this.y[group]! += y;
    }
    for (let g = 0; g < this.count; g++) {
      this.x[g]! /= this.size[g]!;
      this.y[g]! /= this.size[g]!;
    }
  }

  private reserve(count: number): void {
    if (this.groupOf.length >= count) return;
    const capacity = Math.max(64, count * 2);
    this.groupOf = new Int32Array(capacity);
    this.size = new Uint32Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }
}
