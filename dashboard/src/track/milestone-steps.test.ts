import { TRACKING_MILESTONES } from "@waybill/shared/contracts/events";
import { describe, expect, it } from "vitest";
import { copyOf, STEP_LABELS, stepStates } from "./milestone-steps";

describe(stepStates.name, () => {
  it("marks the milestone's own step current on the regular path", () => {
    expect(stepStates("pre_transit", ["pre_transit"])).toEqual([
      "current",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
    expect(stepStates("out_for_delivery", ["pre_transit", "in_transit", "out_for_delivery"])).toEqual([
      "done",
      "done",
      "current",
      "upcoming",
      "upcoming",
    ]);
    expect(stepStates("delivered", ["pre_transit", "delivered"])).toEqual([
      "done",
      "done",
      "done",
      "done",
      "current",
    ]);
  });

  it("keeps a delayed delivery on the last step it reached", () => {
    expect(stepStates("exception", ["pre_transit", "in_transit", "exception"])).toEqual([
      "done",
      "current",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
  });

  it("marks Delivered as halted after a failed attempt or on a return", () => {
    const failed = ["pre_transit", "in_transit", "arriving", "delivery_failed"] as const;
    expect(stepStates("delivery_failed", failed)).toEqual(["done", "done", "done", "done", "halted"]);
    expect(stepStates("return_to_sender", [...failed, "return_to_sender"])).toEqual([
      "done",
      "done",
      "done",
      "done",
      "halted",
    ]);
  });

  it("marks the step after the last one reached as halted on a cancellation", () => {
    expect(stepStates("cancelled", ["pre_transit", "cancelled"])).toEqual([
      "done",
      "halted",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
  });

  it("keeps every step done when a delivered parcel goes back to the sender", () => {
    expect(stepStates("return_to_sender", ["pre_transit", "delivered", "return_to_sender"])).toEqual([
      "done",
      "done",
      "done",
      "done",
      "done",
    ]);
  });

  it("gives one state per step for every milestone, even with an empty history", () => {
    for (const milestone of TRACKING_MILESTONES)
      expect(stepStates(milestone, [])).toHaveLength(STEP_LABELS.length);
  });
});

describe(copyOf.name, () => {
  it("colours each milestone by what it means for the customer", () => {
    expect(TRACKING_MILESTONES.map((milestone) => [milestone, copyOf(milestone).tone])).toEqual([
      ["pre_transit", "progress"],
      ["in_transit", "progress"],
      ["out_for_delivery", "progress"],
      ["arriving", "progress"],
      ["delivered", "success"],
      ["delivery_failed", "stopped"],
      ["return_to_sender", "attention"],
      ["cancelled", "stopped"],
      ["exception", "attention"],
    ]);
  });

  it("says what happens next when a delivery leaves the regular path", () => {
    expect(copyOf("delivery_failed").detail).toMatch(/another attempt/);
    expect(copyOf("return_to_sender").detail).toMatch(/Contact them/);
    expect(copyOf("cancelled").detail).toMatch(/will not be made/);
    expect(copyOf("exception").detail).toMatch(/updates as soon as there is news/);
  });
});
