import { describe, expect, it } from "vitest";
import { SnapIndex } from "../road/snap";
import { at, oneWayBesideTwoWay, parallelRoads } from "./__fixtures__/roads";
import { CandidateFinder, CandidateList } from "./candidate-finder";

describe(CandidateFinder.name, () => {
  const graph = oneWayBesideTwoWay();
  const finder = new CandidateFinder(graph, new SnapIndex(graph));
  const streetOf = (edge: number) => graph.wayName[graph.edgeWay[edge]!];

  it("finds every street within the radius, nearest first, once per direction it may be driven", () => {
    const list = new CandidateList(8);
    const p = at(250, 10); // 10 m north of One Way, 20 m south of Two Way Street
    finder.find(p.lng, p.lat, 25, list);
    const found = Array.from(list.edge.subarray(0, list.count), (e, i) => [
      streetOf(e),
      Math.round(list.distanceM[i]!),
    ]);
    expect(found).toEqual([
      ["One Way", 10],
      ["Two Way Street", 20],
      ["Two Way Street", 20],
    ]);
    expect(list.offsetM[0]).toBeCloseTo(50, 0);
    expect(list.lat[0]).toBeCloseTo(at(250, 0).lat, 7);
  });

  it("keeps the nearest when there are more than it holds", () => {
    const list = new CandidateList(2);
    const p = at(250, 10);
    finder.find(p.lng, p.lat, 25, list);
    expect(list.count).toBe(2);
    expect(Array.from(list.distanceM.subarray(0, 2), Math.round)).toEqual([10, 20]);
  });

  it("places a point beyond a street's end only on the edges arriving there, unless a chain starts", () => {
    const roads = parallelRoads();
    const ends = new CandidateFinder(roads, new SnapIndex(roads));
    const list = new CandidateList(8);
    const p = at(-10, -10); // beyond node 0, where South Street and West Cross end
    ends.find(p.lng, p.lat, 20, list);
    const heads = Array.from(list.edge.subarray(0, list.count), (e) => roads.edgeTarget[e]);
    expect(heads).toEqual([0, 0]);
    ends.find(p.lng, p.lat, 20, list, true);
    expect(list.count).toBe(4);
  });
});
