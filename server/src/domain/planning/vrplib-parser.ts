import type { VrptwInstance, VrptwNode } from "./vrptw-instance";

/** Sections of a VRPLIB file this parser reads, and how many numbers follow each node id. */
const SECTIONS: Record<string, number> = {
  NODE_COORD_SECTION: 2,
  DEMAND_SECTION: 1,
  TIME_WINDOW_SECTION: 2,
  SERVICE_TIME_SECTION: 1,
};

/**
 * Parses a VRPLIB (CVRP or CVRPTW) file with coordinates: header fields (NAME, DIMENSION,
 * CAPACITY, VEHICLES, SERVICE_TIME), then the node sections and the DEPOT_SECTION. Nodes are
 * numbered by position from 0, as VRPLIB solution files number customers (the depot first).
 * Without VEHICLES the fleet is one vehicle per customer; without windows, always open.
 *
 * @throws Error naming the field or line at fault
 * @example
 * parseVrplib(readFileSync("C101.vrp", "utf8")).nodes[1].number; // 1
 */
export function parseVrplib(text: string): VrptwInstance {
  const header = new Map<string, string>();
  const sections = new Map<string, Map<number, number[]>>();
  let section: Map<number, number[]> | null = null;
  let depots: number[] | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line === "EOF") return;
    const field = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (field) {
      header.set(field[1]!, field[2]!.trim());
      section = null;
    } else if (/^[A-Z_]+_SECTION$/.test(line)) {
      if (line === "DEPOT_SECTION") depots = [];
      section = line in SECTIONS ? new Map() : null;
      if (section) sections.set(line, section);
    } else if (depots !== null && section === null) {
      const id = Number(line);
      if (id >= 0) depots.push(id);
    } else if (section) {
      const [id, ...values] = line.split(/\s+/).map(Number);
      if (id === undefined || Number.isNaN(id) || values.some(Number.isNaN))
        throw new Error(`VRPLIB file, line ${i + 1}: not a row of numbers: "${line}"`);
      section.set(id, values);
    }
  });
  return buildInstance(header, sections, depots ?? []);
}

function buildInstance(
  header: Map<string, string>,
  sections: Map<string, Map<number, number[]>>,
  depots: number[],
): VrptwInstance {
  const dimension = Number(header.get("DIMENSION"));
  const capacity = Number(header.get("CAPACITY"));
  if (!(dimension > 0))
    throw new Error(`VRPLIB file: DIMENSION missing or invalid (${header.get("DIMENSION")})`);
  if (!(capacity > 0))
    throw new Error(`VRPLIB file: CAPACITY missing or invalid (${header.get("CAPACITY")})`);
  const coordinates = sections.get("NODE_COORD_SECTION");
  if (!coordinates)
    throw new Error("VRPLIB file: NODE_COORD_SECTION missing (only coordinate instances are supported)");
  const ids = [...coordinates.keys()].sort((a, b) => a - b);
  if (ids.length !== dimension)
    throw new Error(`VRPLIB file: DIMENSION is ${dimension} but NODE_COORD_SECTION has ${ids.length} nodes`);
  const defaultService = Number(header.get("SERVICE_TIME") ?? 0);
  const nodes: VrptwNode[] = ids.map((id, index) => {
    const [x, y] = coordinates.get(id)!;
    const window = sections.get("TIME_WINDOW_SECTION")?.get(id);
    return {
      number: index,
      x: x!,
      y: y!,
      demand: sections.get("DEMAND_SECTION")?.get(id)?.[0] ?? 0,
      readyTime: window?.[0] ?? 0,
      dueDate: window?.[1] ?? Number.POSITIVE_INFINITY,
      serviceTime: sections.get("SERVICE_TIME_SECTION")?.get(id)?.[0] ?? (index === 0 ? 0 : defaultService),
    };
  });
  const depot = ids.indexOf(depots[0] ?? ids[0]!);
  if (depot < 0)
    throw new Error(`VRPLIB file: DEPOT_SECTION names node ${depots[0]}, which has no coordinates`);
  const vehicles = header.has("VEHICLES") ? Number(header.get("VEHICLES")) : dimension - 1;
  if (!(vehicles > 0)) throw new Error(`VRPLIB file: VEHICLES invalid (${header.get("VEHICLES")})`);
  return { name: header.get("NAME") ?? "", vehicleCount: vehicles, capacity, depot, nodes };
}
