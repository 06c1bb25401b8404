import { evaluateCarWay } from "./car-profile";
import { buildRoadGraph, type DrivableWay, type RoadGraphBuildStats } from "./graph-builder";
import type { OsmExtract } from "./osm-extract";
import {
  parseRestrictionRelation,
  type RestrictionSkipReason,
  type ViaNodeRestriction,
} from "./restriction-rules";
import type { RoadGraph } from "./road-graph";

/** Counts of one extract → graph conversion. */
export interface RoadImportStats extends RoadGraphBuildStats {
  /** Ways of the extract the car profile rejected. */
  readonly ignoredWays: number;
  /** Restriction relations that did not parse into a via-node restriction, by reason. */
  readonly restrictionsNotParsed: Readonly<Partial<Record<RestrictionSkipReason, number>>>;
}

/**
 * The whole import in one call: applies the car profile to every way of `extract`, parses its
 * restriction relations, and builds the graph ({@link buildRoadGraph}). Relations that are not
 * `type=restriction` are ignored without being counted.
 *
 * @example
 * const { graph, stats } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 42 }));
 * stats.restrictionsApplied; // the synthetic town's restrictions
 */
export function buildRoadGraphFromExtract(extract: OsmExtract): { graph: RoadGraph; stats: RoadImportStats } {
  const ways: DrivableWay[] = [];
  for (const way of extract.ways) {
    const profile = evaluateCarWay(way.tags);
    if (profile) ways.push({ osmId: way.id, nodeRefs: way.nodeRefs, profile });
  }
  const restrictions: ViaNodeRestriction[] = [];
  const restrictionsNotParsed: Partial<Record<RestrictionSkipReason, number>> = {};
  for (const relation of extract.relations) {
    const parsed = parseRestrictionRelation(relation);
    if (parsed.ok) restrictions.push(parsed.restriction);
    else if (parsed.reason !== "not_a_restriction") {
      restrictionsNotParsed[parsed.reason] = (restrictionsNotParsed[parsed.reason] ?? 0) + 1;
    }
  }
  const { graph, stats } = buildRoadGraph({ nodes: extract.nodes, ways, restrictions });
  return {
    graph,
    stats: { ...stats, ignoredWays: extract.ways.length - ways.length, restrictionsNotParsed },
  };
}
