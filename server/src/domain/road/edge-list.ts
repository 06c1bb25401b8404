/**
 * Directed edges in growing typed arrays (source, target, duration, distance, way), the unordered
 * stage of the graph builder before the CSR layout.
 */
export class EdgeList {
  source = new Uint32Array(1024);
  target = new Uint32Array(1024);
  durationMs = new Uint32Array(1024);
  distanceM = new Float32Array(1024);
  way = new Uint32Array(1024);
  count = 0;

  /** Appends an edge and returns its index. */
  add(source: number, target: number, durationMs: number, distanceM: number, way: number): number {
    if (this.count === this.source.length) this.grow();
    const e = this.count++;
    this.source[e] = source;
    this.target[e] = target;
    this.durationMs[e] = durationMs;
    this.distanceM[e] = distanceM;
    this.way[e] = way;
    return e;
  }

  /** Appends a copy of `other`'s edge `e` with new end nodes. */
  addCopy(other: EdgeList, e: number, source: number, target: number): number {
    return this.add(source, target, other.durationMs[e]!, other.distanceM[e]!, other.way[e]!);
  }

  private grow(): void {
    const size = this.source.length * 2;
    this.source = growUint32(this.source, size);
    this.target = growUint32(this.target, size);
    this.durationMs = growUint32(this.durationMs, size);
    this.way = growUint32(this.way, size);
    const distanceM = new Float32Array(size);
    distanceM.set(this.distanceM);
    this.distanceM = distanceM;
  }
}

function growUint32(old: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(old);
  return next;
}
