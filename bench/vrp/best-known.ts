import { readFileSync } from "node:fs";

/** The best-known solutions of one instance that the bench compares with. */
export interface BestKnown {
  /** Distance-only BKS in double precision; null when bks.csv flags it WEAK (not a distance target). */
  readonly distance: number | null;
  /** Fewest vehicles known (hierarchical objective) and that solution's distance. */
  readonly vehicles: number;
  readonly hierarchicalDistance: number;
}

/**
 * Reads `bks.csv` (`instance,vehicles,distance,source,set,objective,convention,verified,notes`):
 * the `distance / double` row and the `hierarchical / double` row of each instance.
 */
export function readBestKnown(file: string): Map<string, BestKnown> {
  const rows = readFileSync(file, "utf8").trim().split("\n").slice(1).map(splitCsvLine);
  const distance = new Map<string, number | null>();
  const hierarchical = new Map<string, { vehicles: number; distance: number }>();
  for (const [instance, vehicles, value, , , objective, convention, , notes] of rows) {
    if (convention !== "double" || !instance) continue;
    if (objective === "distance") distance.set(instance, notes?.includes("WEAK") ? null : Number(value));
    if (objective === "hierarchical")
      hierarchical.set(instance, { vehicles: Number(vehicles), distance: Number(value) });
  }
  const out = new Map<string, BestKnown>();
  for (const [instance, best] of hierarchical)
    out.set(instance, {
      distance: distance.get(instance) ?? null,
      vehicles: best.vehicles,
      hierarchicalDistance: best.distance,
    });
  return out;
}

/** Splits one CSV line, honouring double-quoted fields. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}
