import type { StopStatus } from "@waybill/shared";

/** What the driver can do next at a stop, as the screen offers it. */
export type StopAction = "en_route" | "arrived" | "deliver" | "fail";

/**
 * The actions for a stop in `status`, the usual next step first. A driver may skip "On my way"
 * or "Arrived" (the server allows it: their word overrides stop detection); finishing is offered
 * once they are on the way.
 *
 * @example
 * stopActions("arrived"); // ["deliver", "fail"]
 */
export function stopActions(status: StopStatus): readonly StopAction[] {
  switch (status) {
    case "assigned":
      return ["en_route", "arrived"];
    case "en_route":
      return ["arrived", "fail"];
    case "arrived":
      return ["deliver", "fail"];
    default:
      return [];
  }
}
