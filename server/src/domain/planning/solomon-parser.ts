import type { VrptwInstance, VrptwNode } from "./vrptw-instance";

/**
 * Parses a Solomon (or Gehring-Homberger) VRPTW file: the name, the VEHICLE section (NUMBER,
 * CAPACITY) and the CUSTOMER table, customer 0 being the depot.
 *
 * @throws Error naming the line when the file is not in this format
 * @example
 * parseSolomon(readFileSync("C101.txt", "utf8")).nodes.length; // 101
 */
export function parseSolomon(text: string): VrptwInstance {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const name = lines.find((line) => line !== "") ?? "";
  const vehicleHeader = lines.findIndex((line) => /^NUMBER\s+CAPACITY$/i.test(line));
  if (vehicleHeader < 0) throw new Error("Solomon file: no VEHICLE section (a line 'NUMBER CAPACITY')");
  const [vehicleCount, capacity] = numbersOf(lines[vehicleHeader + 1] ?? "", vehicleHeader + 2);
  if (vehicleCount === undefined || capacity === undefined)
    throw new Error(`Solomon file, line ${vehicleHeader + 2}: expected the vehicle number and capacity`);
  const tableHeader = lines.findIndex((line) => /^CUST\s*NO\./i.test(line));
  if (tableHeader < 0) throw new Error("Solomon file: no CUSTOMER table (a line starting 'CUST NO.')");
  const nodes: VrptwNode[] = [];
  for (let i = tableHeader + 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const values = numbersOf(lines[i]!, i + 1);
    if (values.length !== 7)
      throw new Error(`Solomon file, line ${i + 1}: expected 7 numbers, got ${values.length}`);
    const [number, x, y, demand, readyTime, dueDate, serviceTime] = values as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    nodes.push({ number, x, y, demand, readyTime, dueDate, serviceTime });
  }
  const depot = nodes.findIndex((node) => node.number === 0);
  if (depot < 0) throw new Error("Solomon file: no depot (customer 0)");
  return { name, vehicleCount, capacity, depot, nodes };
}

function numbersOf(line: string, lineNumber: number): number[] {
  const values = line
    .split(/\s+/)
    .filter((field) => field !== "")
    .map(Number);
  if (values.some((value) => Number.isNaN(value)))
    throw new Error(`Solomon file, line ${lineNumber}: not a row of numbers: "${line}"`);
  return values;
}
