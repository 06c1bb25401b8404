import { cardinalOf } from "./route-geo";

/** Kinds of maneuver of a step. */
export type ManeuverType =
  | "depart"
  | "turn"
  | "continue"
  | "new_name"
  | "roundabout"
  | "exit_roundabout"
  | "arrive";

/** Direction of a turn, from the angle between the road before and after the junction. */
export type TurnModifier =
  | "uturn"
  | "sharp right"
  | "right"
  | "slight right"
  | "straight"
  | "slight left"
  | "left"
  | "sharp left";

/** What a step asks the driver to do: the maneuver and the street it leads onto. */
export interface Maneuver {
  readonly type: ManeuverType;
  readonly modifier?: TurnModifier;
  /** Roundabout exit number (1 = first exit), when known. */
  readonly exit?: number;
  /** Street the step drives on after the maneuver ("" when unnamed). */
  readonly streetName: string;
  /** For "arrive" at an intermediate point: its number (1 = first waypoint after the start). */
  readonly waypoint?: number;
}

/**
 * English ordinal of a positive integer.
 *
 * @example
 * ordinal(2); // "2nd"
 */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

const onto = (name: string): string => (name ? ` onto ${name}` : "");
/** " left", " sharp right"…: a bend worth mentioning where the road changes name without a junction. */
const bend = (modifier: TurnModifier | undefined): string =>
  !modifier || modifier === "straight" || modifier.startsWith("slight") ? "" : ` ${modifier}`;

function wordTurn(m: Maneuver): string {
  if (m.modifier === "uturn") return `Make a U-turn${onto(m.streetName)}`;
  if (m.modifier === "straight") return `Go straight${onto(m.streetName)}`;
  return `Turn ${m.modifier ?? "straight"}${onto(m.streetName)}`;
}

function wordContinue(m: Maneuver): string {
  if (m.modifier === "uturn") return `Make a U-turn${m.streetName ? ` to stay on ${m.streetName}` : ""}`;
  return `Turn ${m.modifier ?? "straight"}${m.streetName ? ` to stay on ${m.streetName}` : ""}`;
}

/**
 * The English instruction for a maneuver; `bearingAfter` (degrees) names the heading at departure.
 *
 * @example
 * wordManeuver({ type: "roundabout", exit: 2, streetName: "Avenue de Monte-Carlo" }, 0);
 * // "Enter the roundabout and take the 2nd exit onto Avenue de Monte-Carlo"
 */
export function wordManeuver(m: Maneuver, bearingAfter: number): string {
  switch (m.type) {
    case "depart":
      return `Head ${cardinalOf(bearingAfter)}${m.streetName ? ` on ${m.streetName}` : ""}`;
    case "turn":
      return wordTurn(m);
    case "continue":
      return wordContinue(m);
    case "new_name":
      return `Continue${bend(m.modifier)}${onto(m.streetName)}`;
    case "roundabout":
      return m.exit === undefined
        ? "Enter the roundabout"
        : `Enter the roundabout and take the ${ordinal(m.exit)} exit${onto(m.streetName)}`;
    case "exit_roundabout":
      return `Exit the roundabout${onto(m.streetName)}`;
    case "arrive":
      return m.waypoint === undefined
        ? "You have arrived at your destination"
        : `You have arrived at waypoint ${m.waypoint}`;
  }
}
