import { parseSolomon } from "./solomon-parser";
import { parseVrplib } from "./vrplib-parser";
import type { VrptwInstance } from "./vrptw-instance";

/** The literature file formats the planner reads. */
export type InstanceFormat = "solomon" | "vrplib";

/**
 * Which format a file is in, from its content: VRPLIB files have `KEY : value` headers and
 * `..._SECTION` lines, Solomon files a VEHICLE block and a `CUST NO.` table; null when neither.
 */
export function detectInstanceFormat(text: string): InstanceFormat | null {
  if (/^\s*NODE_COORD_SECTION\s*$/m.test(text) || /^\s*DIMENSION\s*:/m.test(text)) return "vrplib";
  if (/^\s*CUST\s*NO\./im.test(text) && /^\s*VEHICLE\s*$/im.test(text)) return "solomon";
  return null;
}

/**
 * Parses an instance in the given format (detected when omitted).
 *
 * @throws Error when the format cannot be detected or the text does not parse
 */
export function parseInstance(text: string, format?: InstanceFormat | null): VrptwInstance {
  const resolved = format ?? detectInstanceFormat(text);
  if (resolved === "solomon") return parseSolomon(text);
  if (resolved === "vrplib") return parseVrplib(text);
  throw new Error(
    "unknown instance format: neither Solomon (VEHICLE / CUST NO.) nor VRPLIB (NODE_COORD_SECTION)",
  );
}
