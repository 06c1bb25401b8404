import { describe, expect, it } from "vitest";
import { GridClusters } from "./vehicle-clusters";

const points = (coordinates: [number, number][]) => ({
  xs: new Float32Array(coordinates.map(([x]) => x)),
  ys: new Float32Array(coordinates.map(([, y]) => y)),
  visible: new Uint8Array(coordinates.length).fill(1),
});

describe(GridClusters.name, () => {
  it("groups points of one grid cell at their mean position and leaves the others alone", () => {
    const { xs, ys, visible } = points([
      [10, 10],
      [30, 50],
      [70, 10],
      [300, 300],
    ]);
    const clusters = new GridClusters();
    clusters.build(xs, ys, visible, 4, 0, 0, 60);
    expect(clusters.count).toBe(3);
    expect([...clusters.groupOf.slice(0, 4)]).toEqual([0, 0, 1, 2]);
    expect(clusters.size[0]).toBe(2);
    expect([clusters.x[0], clusters.y[0]]).toEqual([20, 30]);
  });

  it("keeps the groups when the view pans (the grid is fixed to the world)", () => {
    const { xs, ys, visible } = points([
      [10, 10],
      [50, 10],
    ]);
    const clusters = new GridClusters();
    clusters.build(xs, ys, visible, 2, 0, 0, 60);
    expect(clusters.count).toBe(1);
    // Panned 25 px: on screen the points moved, in the world they did not.
    const panned = points([
      [-15, 10],
      [25, 10],
    ]);
    clusters.build(panned.xs, panned.ys, panned.visible, 2, 25, 0, 60);
    expect(clusters.count).toBe(1);
  });

  it("skips points out of view and grows for a larger fleet", () => {
    const clusters = new GridClusters();
    const many = points(Array.from({ length: 500 }, (_, i): [number, number] => [i * 100, 0]));
    many.visible[0] = 0;
    clusters.build(many.xs, many.ys, many.visible, 500, 0, 0, 60);
    expect(clusters.count).toBe(499);
    expect(clusters.groupOf[0]).toBe(-1);
  });
});
