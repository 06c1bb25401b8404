import { type MatchOptions, radiusOf, sigmaOf } from "./match-options";
import type { GpsFix, MatchedFix } from "./match-types";
import type { MatchingNetwork } from "./matching-network";
import { projectOnPath } from "./path-projection";

/** A fix waiting to be emitted in push order: its result once known. */
export interface PendingFix {
  readonly fix: GpsFix;
  result: Omit<MatchedFix, "fix"> | null;
}

/**
 * The fixes that wait for one Viterbi step: the fix that started a chain there (`lead`, placed
 * at the step itself), and the fixes pooled before the step's time, placed on the path to it.
 */
export interface StepFixes {
  lead: PendingFix | null;
  readonly pooled: PendingFix[];
}

/**
 * The driven path from the last fix placed to the last step decided: its edges, the first from
 * `fromOffsetM` metres along it.
 */
export interface Trail {
  readonly edges: number[];
  readonly fromOffsetM: number;
}

/** Fixes waiting for a step that has not opened yet. */
export function newStepFixes(): StepFixes {
  return { lead: null, pooled: [] };
}

/**
 * The trail followed by a step's path (which starts on the trail's last edge); an empty path
 * (the vehicle held its place) leaves it as it is.
 */
export function extendTrail(trail: Trail, path: readonly number[]): Trail {
  if (path.length === 0) return trail;
  const skip = path[0] === trail.edges[trail.edges.length - 1] ? 1 : 0;
  return { edges: [...trail.edges, ...path.slice(skip)], fromOffsetM: trail.fromOffsetM };
}

/**
 * Places fixes, in push order, on the trail up to a decided position (`toOffsetM` along the
 * trail's last edge): each at its nearest point not behind the previous one, with the part of the
 * trail driven since the previous fix placed. A fix farther from the trail than its candidate
 * radius is an outlier: no point. Returns the rest of the trail.
 */
export function placeOnTrail(
  network: MatchingNetwork,
  trail: Trail,
  toOffsetM: number,
  fixes: readonly PendingFix[],
  options: MatchOptions,
): Trail {
  const { edges } = trail;
  let start = 0;
  let fromOffsetM = trail.fromOffsetM;
  for (const pending of fixes) {
    const [p] = projectOnPath(network, edges.slice(start), fromOffsetM, toOffsetM, [pending.fix]);
    if (!p || p.distanceM > radiusOf(sigmaOf(pending.fix, options), options)) {
      pending.result = { point: null, path: null };
      continue;
    }
    const index = start + p.index;
    pending.result = {
      point: network.matchedPoint(edges[index]!, p.offsetM, pending.fix.lng, pending.fix.lat),
      path: edges.slice(start, index + 1),
    };
    start = index;
    fromOffsetM = p.offsetM;
  }
  return { edges: edges.slice(start), fromOffsetM };
}
