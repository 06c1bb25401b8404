import { describe, expect, it } from "vitest";
import { findOsmNode, OsmNodeTableBuilder } from "./osm-extract";

describe(OsmNodeTableBuilder.name, () => {
  it("keeps nodes added in id order as they are", () => {
    const builder = new OsmNodeTableBuilder();
    builder.add(1, 7.1, 43.1);
    builder.add(5, 7.5, 43.5);
    const table = builder.finish();
    expect([...table.ids]).toEqual([1, 5]);
    expect([...table.lng]).toEqual([7.1, 7.5]);
    expect([...table.lat]).toEqual([43.1, 43.5]);
  });

  it("sorts unsorted ids (negative ones too) and keeps the first of duplicates", () => {
    const builder = new OsmNodeTableBuilder();
    builder.add(9, 9, 9);
    builder.add(-3, -3, -3);
    builder.add(4, 4, 4);
    builder.add(9, 99, 99);
    const table = builder.finish();
    expect(table.count).toBe(3);
    expect([...table.ids]).toEqual([-3, 4, 9]);
    expect([...table.lng]).toEqual([-3, 4, 9]);
  });

  it("grows past its initial capacity and keeps ids above 2^32 exact", () => {
    const builder = new OsmNodeTableBuilder();
    const base = 2 ** 40;
    for (let k = 0; k < 5000; k++) builder.add(base + k * 3, k / 1000, -k / 1000);
    const table = builder.finish();
    expect(table.count).toBe(5000);
    expect(findOsmNode(table, base + 4999 * 3)).toBe(4999);
    expect(table.lat[4999]).toBe(-4.999);
  });
});

describe(findOsmNode.name, () => {
  const builder = new OsmNodeTableBuilder();
  for (const id of [2, 3, 5, 8, 13, 21]) builder.add(id, id, id);
  const table = builder.finish();

  it("finds every present id", () => {
    expect([2, 3, 5, 8, 13, 21].map((id) => findOsmNode(table, id))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("returns -1 for absent ids, below, between and above", () => {
    expect([1, 4, 22].map((id) => findOsmNode(table, id))).toEqual([-1, -1, -1]);
  });

  it("returns -1 in an empty table", () => {
    expect(findOsmNode(new OsmNodeTableBuilder().finish(), 1)).toBe(-1);
  });
});
