import { describe, expect, it } from "vitest";
import { EdgeList } from "./edge-list";
import { hilbertIndex, hilbertNodeOrder, layoutCsr } from "./graph-layout";

describe(hilbertIndex.name, () => {
  it("visits the 8 x 8 corner block first, each cell once, each step to a side neighbour", () => {
    const cells: [number, number, number][] = [];
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) cells.push([hilbertIndex(x, y), x, y]);
    cells.sort((a, b) => a[0] - b[0]);
    expect(cells.map(([index]) => index)).toEqual(Array.from({ length: 64 }, (_, k) => k));
    for (let k = 1; k < cells.length; k++) {
      const [, x, y] = cells[k]!;
      const [, px, py] = cells[k - 1]!;
      expect(Math.abs(x - px) + Math.abs(y - py)).toBe(1);
    }
  });

  it("spans the whole 2^16 grid: the far corner ends a quadrant", () => {
    expect(hilbertIndex(65_535, 0)).toBe(2 ** 32 - 1);
  });
});

describe(hilbertNodeOrder.name, () => {
  it("orders nodes along the curve, ties by number", () => {
    const lng = new Float64Array([1, 0, 0, 1, 0]);
    const lat = new Float64Array([0, 0, 1, 1, 0]);
    expect([...hilbertNodeOrder(lng, lat, 5)]).toEqual([1, 4, 2, 3, 0]);
  });
});

describe(layoutCsr.name, () => {
  it("groups edges by renumbered source, keeping their order and attributes", () => {
    const edges = new EdgeList();
    edges.add(0, 1, 10, 1.5, 7);
    edges.add(2, 0, 20, 2.5, 8);
    edges.add(0, 2, 30, 3.5, 9);
    const rank = new Uint32Array([2, 0, 1]); // old 0 → new 2, old 1 → new 0, old 2 → new 1
    const csr = layoutCsr(edges, rank, 3);
    expect([...csr.firstEdge]).toEqual([0, 0, 1, 3]);
    expect([...csr.edgeTarget]).toEqual([2, 0, 1]);
    expect([...csr.edgeDurationMs]).toEqual([20, 10, 30]);
    expect([...csr.edgeDistanceM]).toEqual([2.5, 1.5, 3.5]);
    expect([...csr.edgeWay]).toEqual([8, 7, 9]);
  });
});
