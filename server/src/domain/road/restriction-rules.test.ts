import { describe, expect, it } from "vitest";
import type { OsmRelationMember, OsmTags } from "./osm-extract";
import { parseRestrictionRelation, type RestrictionSkipReason } from "./restriction-rules";

const from = (ref: number): OsmRelationMember => ({ type: "way", ref, role: "from" });
const to = (ref: number): OsmRelationMember => ({ type: "way", ref, role: "to" });
const viaNode = (ref: number): OsmRelationMember => ({ type: "node", ref, role: "via" });
const viaWay = (ref: number): OsmRelationMember => ({ type: "way", ref, role: "via" });
const simple = [from(10), viaNode(5), to(11)];

describe(parseRestrictionRelation.name, () => {
  it.each([
    ["no_left_turn", "no", "left_turn"],
    ["no_right_turn", "no", "right_turn"],
    ["no_straight_on", "no", "straight_on"],
    ["no_u_turn", "no", "u_turn"],
    ["no_entry", "no", "entry"],
    ["no_exit", "no", "exit"],
    ["only_left_turn", "only", "left_turn"],
    ["only_right_turn", "only", "right_turn"],
    ["only_straight_on", "only", "straight_on"],
    ["only_u_turn", "only", "u_turn"],
  ])("reads restriction=%s", (value, kind, turn) => {
    const parsed = parseRestrictionRelation({
      id: 7,
      tags: { type: "restriction", restriction: value },
      members: simple,
    });
    expect(parsed).toEqual({
      ok: true,
      restriction: { relationId: 7, kind, turn, fromWayIds: [10], viaNodeId: 5, toWayIds: [11] },
    });
  });

  it.each<[string, OsmTags]>([
    ["restriction:motorcar", { type: "restriction", "restriction:motorcar": "no_left_turn" }],
    ["restriction:motor_vehicle", { type: "restriction", "restriction:motor_vehicle": "no_left_turn" }],
    [
      "restriction:motorcar over restriction",
      { type: "restriction", restriction: "only_right_turn", "restriction:motorcar": "no_left_turn" },
    ],
    ["an except for bicycles", { type: "restriction", restriction: "no_left_turn", except: "bicycle;psv" }],
  ])("reads a car restriction from %s", (_, tags) => {
    const parsed = parseRestrictionRelation({ id: 1, tags, members: simple });
    expect(parsed.ok && parsed.restriction.kind === "no" && parsed.restriction.turn === "left_turn").toBe(
      true,
    );
  });

  it("keeps several from ways (no_entry) and several to ways (no_exit)", () => {
    const members = [from(1), from(2), viaNode(5), to(3), to(4)];
    const parsed = parseRestrictionRelation({
      id: 1,
      tags: { type: "restriction", restriction: "no_entry" },
      members,
    });
    expect(parsed.ok && parsed.restriction).toMatchObject({ fromWayIds: [1, 2], toWayIds: [3, 4] });
  });

  it.each<[RestrictionSkipReason, OsmTags, OsmRelationMember[]]>([
    ["not_a_restriction", { type: "route", route: "bus" }, simple],
    ["not_for_cars", { type: "restriction", "restriction:hgv": "no_left_turn" }, simple],
    [
      "not_for_cars",
      { type: "restriction", "restriction:conditional": "no_left_turn @ (Mo-Fr 07:00-09:00)" },
      simple,
    ],
    [
      "excepted_for_cars",
      { type: "restriction", restriction: "no_left_turn", except: "psv;motorcar" },
      simple,
    ],
    ["excepted_for_cars", { type: "restriction", restriction: "no_left_turn", except: "vehicle" }, simple],
    ["unknown_value", { type: "restriction", restriction: "no_parking" }, simple],
    ["via_way", { type: "restriction", restriction: "no_u_turn" }, [from(1), viaWay(2), to(3)]],
    ["incomplete", { type: "restriction", restriction: "no_left_turn" }, [from(1), to(3)]],
    ["incomplete", { type: "restriction", restriction: "no_left_turn" }, [from(1), viaNode(2)]],
    ["incomplete", { type: "restriction", restriction: "no_left_turn" }, [viaNode(2), to(3)]],
    [
      "incomplete",
      { type: "restriction", restriction: "no_left_turn" },
      [from(1), viaNode(2), viaNode(4), to(3)],
    ],
  ])("skips as %s: %j", (reason, tags, members) => {
    expect(parseRestrictionRelation({ id: 1, tags, members })).toEqual({ ok: false, reason });
  });
});
