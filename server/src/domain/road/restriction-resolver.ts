import type { ViaNodeRestriction } from "./restriction-rules";
import type { NodeTurnRule } from "./restriction-splitter";

/** Why a parsed restriction could not be applied to the graph. */
export type RestrictionResolveFailure =
  /** None of its from ways or none of its to ways is drivable (or present). */
  | "member_not_drivable"
  /** The via node is not on a from way or not on a to way. */
  | "via_not_on_way";

/** Restrictions in graph terms, by via node, and what could not be resolved. */
export interface ResolvedRestrictions {
  readonly rulesByNode: Map<number, NodeTurnRule[]>;
  readonly applied: number;
  readonly skipped: Readonly<Record<RestrictionResolveFailure, number>>;
}

/** The way facts resolution needs: OSM id and node refs, by way index. */
interface WayRefs {
  readonly osmId: number;
  readonly nodeRefs: readonly number[];
}

/**
 * Turns via-node restrictions into per-node rules over way indices: the from and to ways must be
 * drivable (in `ways`) and pass through the via node, and the via node must be a graph node
 * (`graphNodeOf` returns -1 otherwise). A `only_*` restriction whose to way is not drivable is
 * skipped rather than turned into a dead end.
 *
 * @example
 * const { rulesByNode } = resolveRestrictions(restrictions, ways, (osmId) => nodeOf.get(osmId) ?? -1);
 */
export function resolveRestrictions(
  restrictions: readonly ViaNodeRestriction[],
  ways: readonly WayRefs[],
  graphNodeOf: (osmNodeId: number) => number,
): ResolvedRestrictions {
  const wayIndex = new Map(ways.map((way, w) => [way.osmId, w]));
  const rulesByNode = new Map<number, NodeTurnRule[]>();
  const skipped: Record<RestrictionResolveFailure, number> = { member_not_drivable: 0, via_not_on_way: 0 };
  let applied = 0;
  for (const restriction of restrictions) {
    const rule = resolveRule(restriction, ways, wayIndex);
    const via = typeof rule === "string" ? -1 : graphNodeOf(restriction.viaNodeId);
    if (typeof rule === "string" || via < 0) {
      skipped[typeof rule === "string" ? rule : "via_not_on_way"]++;
      continue;
    }
    rulesByNode.set(via, [...(rulesByNode.get(via) ?? []), rule]);
    applied++;
  }
  return { rulesByNode, applied, skipped };
}

function resolveRule(
  restriction: ViaNodeRestriction,
  ways: readonly WayRefs[],
  wayIndex: ReadonlyMap<number, number>,
): NodeTurnRule | RestrictionResolveFailure {
  const drivable = (ids: readonly number[]) =>
    ids.map((id) => wayIndex.get(id)).filter((w) => w !== undefined);
  const onVia = (w: number) => ways[w]!.nodeRefs.includes(restriction.viaNodeId);
  const from = drivable(restriction.fromWayIds);
  const to = drivable(restriction.toWayIds);
  if (from.length === 0 || to.length === 0) return "member_not_drivable";
  const fromWays = new Set(from.filter(onVia));
  const toWays = new Set(to.filter(onVia));
  if (fromWays.size === 0 || toWays.size === 0) return "via_not_on_way";
  return { kind: restriction.kind, turn: restriction.turn, fromWays, toWays };
}
