import { FAILURE_REASONS, INCIDENT_KINDS } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { FAILURE_REASON_LABELS, INCIDENT_LABELS, labelKeys } from "./driver-labels";

describe(labelKeys.name, () => {
  it("offers exactly the contract's failure reasons, in the contract's order", () => {
    expect(labelKeys(FAILURE_REASON_LABELS)).toEqual([...FAILURE_REASONS]);
  });

  it("offers exactly the contract's incident kinds", () => {
    expect(labelKeys(INCIDENT_LABELS)).toEqual([...INCIDENT_KINDS]);
  });

  it("gives every reason a distinct, non-empty label", () => {
    const labels = Object.values(FAILURE_REASON_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.every((label) => label.trim().length > 0)).toBe(true);
  });
});
