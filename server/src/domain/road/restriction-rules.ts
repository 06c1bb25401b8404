import type { OsmRelation } from "./osm-extract";

/** The kind of manoeuvre a restriction names (`no_left_turn` → `left_turn`). */
export type RestrictedTurn = "left_turn" | "right_turn" | "straight_on" | "u_turn" | "entry" | "exit";

/**
 * A turn restriction through one node: arriving on one of `fromWayIds` at `viaNodeId`, a car may
 * not continue on `toWayIds` (`kind: "no"`), or may only continue on them (`kind: "only"`).
 */
export interface ViaNodeRestriction {
  readonly relationId: number;
  readonly kind: "no" | "only";
  readonly turn: RestrictedTurn;
  readonly fromWayIds: readonly number[];
  readonly viaNodeId: number;
  readonly toWayIds: readonly number[];
}

/** Why a restriction relation was not turned into a {@link ViaNodeRestriction}. */
export type RestrictionSkipReason =
  /** Not `type=restriction`. */
  | "not_a_restriction"
  /** Only for other vehicles (`restriction:hgv`, …) or only conditional. */
  | "not_for_cars"
  /** `except=*` lists motorcar, motor_vehicle or vehicle. */
  | "excepted_for_cars"
  /** A `restriction` value we do not know. */
  | "unknown_value"
  /** The via member is a way (or several): not supported, see README. */
  | "via_way"
  /** A from, via or to member is missing or of the wrong type. */
  | "incomplete";

/** The outcome of {@link parseRestrictionRelation}. */
export type ParsedRestriction =
  | { readonly ok: true; readonly restriction: ViaNodeRestriction }
  | { readonly ok: false; readonly reason: RestrictionSkipReason };

/** The relation tag keys {@link parseRestrictionRelation} reads; readers may drop the others. */
export const RESTRICTION_TAG_KEYS: readonly string[] = [
  "type",
  "restriction",
  "restriction:motorcar",
  "restriction:motor_vehicle",
  "restriction:vehicle",
  "except",
];

/** Value keys from most to least specific for a car. */
const VALUE_KEYS = [
  "restriction:motorcar",
  "restriction:motor_vehicle",
  "restriction:vehicle",
  "restriction",
];
const CAR_MODES = new Set(["motorcar", "motor_vehicle", "vehicle"]);
const VALUE_PATTERN = /^(no|only)_(left_turn|right_turn|straight_on|u_turn|entry|exit)$/;

/**
 * Reads a `type=restriction` relation for cars: the value comes from `restriction:motorcar`,
 * `restriction:motor_vehicle`, `restriction:vehicle` or `restriction` (most specific first);
 * `except` naming a car mode cancels it; members are `from` way(s), one `via` node, `to` way(s)
 * (several from ways for `no_entry`, several to ways for `no_exit`). Via-way restrictions and
 * time-conditional ones (`restriction:conditional` alone) are reported as skipped.
 *
 * @example
 * parseRestrictionRelation({
 *   id: 1,
 *   tags: { type: "restriction", restriction: "no_left_turn" },
 *   members: [
 *     { type: "way", ref: 10, role: "from" },
 *     { type: "node", ref: 5, role: "via" },
 *     { type: "way", ref: 11, role: "to" },
 *   ],
 * });
 * // { ok: true, restriction: { relationId: 1, kind: "no", turn: "left_turn", fromWayIds: [10], viaNodeId: 5, toWayIds: [11] } }
 */
export function parseRestrictionRelation(relation: OsmRelation): ParsedRestriction {
  const { tags, members } = relation;
  if (tags.type !== "restriction") return skip("not_a_restriction");
  const valueKey = VALUE_KEYS.find((key) => tags[key] !== undefined);
  if (valueKey === undefined) return skip("not_for_cars");
  const except = (tags.except ?? "").split(";").map((mode) => mode.trim());
  if (except.some((mode) => CAR_MODES.has(mode))) return skip("excepted_for_cars");
  const value = VALUE_PATTERN.exec(tags[valueKey]!.trim());
  if (!value) return skip("unknown_value");
  const via = members.filter((m) => m.role === "via");
  if (via.some((m) => m.type === "way")) return skip("via_way");
  const fromWayIds = members.filter((m) => m.role === "from" && m.type === "way").map((m) => m.ref);
  const toWayIds = members.filter((m) => m.role === "to" && m.type === "way").map((m) => m.ref);
  if (via.length !== 1 || via[0]!.type !== "node" || fromWayIds.length === 0 || toWayIds.length === 0) {
    return skip("incomplete");
  }
  const restriction: ViaNodeRestriction = {
    relationId: relation.id,
    kind: value[1] as "no" | "only",
    turn: value[2] as RestrictedTurn,
    fromWayIds,
    viaNodeId: via[0]!.ref,
    toWayIds,
  };
  return { ok: true, restriction };
}

const skip = (reason: RestrictionSkipReason): ParsedRestriction => ({ ok: false, reason });
