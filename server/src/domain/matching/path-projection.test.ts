import { describe, expect, it } from "vitest";
import { edgesThrough, offsetFix } from "./__fixtures__/drive";
import { at, straightRoad } from "./__fixtures__/roads";
import { MatchingNetwork } from "./matching-network";
import { projectOnPath } from "./path-projection";

const graph = straightRoad();
const network = new MatchingNetwork(graph);
const path = edgesThrough(graph, [0, 1, 2, 3]);
/** A fix `eastM` along Main Street, `northM` off it. */
const fixAt = (eastM: number, northM = 0) => offsetFix(at(eastM, 0), 0, northM);

describe(projectOnPath.name, () => {
  it("places each fix at its nearest point of the path, with the edge index and the distance", () => {
    const [a, b] = projectOnPath(network, path, 20, 80, [fixAt(50, 5), fixAt(160, -3)]);
    expect(a).toMatchObject({ index: 0 });
    expect(a!.offsetM).toBeCloseTo(50, 0);
    expect(a!.distanceM).toBeCloseTo(5, 1);
    expect(b).toMatchObject({ index: 1 });
    expect(b!.offsetM).toBeCloseTo(60, 0);
  });

  it("never places a fix behind the one before it, nor outside the path's ends", () => {
    const [a, b, c] = projectOnPath(network, path, 20, 80, [fixAt(150), fixAt(120), fixAt(400)]);
    expect(a!.index).toBe(1);
    expect(b).toMatchObject({ index: 1, offsetM: a!.offsetM });
    expect(c!.index).toBe(2);
    expect(c!.offsetM).toBeCloseTo(80, 6);
    const [d] = projectOnPath(network, path, 20, 80, [fixAt(-50)]);
    expect(d).toMatchObject({ index: 0, offsetM: 20 });
  });
});
