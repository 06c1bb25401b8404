import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectInstanceFormat, parseInstance } from "./instance-format";
import { routesDistance, vrptwToProblem } from "./vrptw-instance";

const dataDir = fileURLToPath(new URL("../../../../../shared/data/vrp/", import.meta.url));
const hasData = existsSync(dataDir);
const read = (path: string) => readFileSync(`${dataDir}${path}`, "utf8");

const SOLOMON = `TINY

VEHICLE
NUMBER     CAPACITY
  2         10

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0       100          0
    1      3          4          5         10        20          2
    2      0          8          5          0        50          2
`;

const VRPLIB = `NAME : TINY
TYPE : CVRP
DIMENSION : 3
CAPACITY : 10
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 8
DEMAND_SECTION
1 0
2 5
3 5
DEPOT_SECTION
1
-1
EOF
`;

describe(parseInstance.name, () => {
  it("reads a Solomon file: fleet, depot and customers with windows and service times", () => {
    const instance = parseInstance(SOLOMON);
    expect(instance).toMatchObject({ name: "TINY", vehicleCount: 2, capacity: 10, depot: 0 });
    expect(instance.nodes[1]).toEqual({
      number: 1,
      x: 3,
      y: 4,
      demand: 5,
      readyTime: 10,
      dueDate: 20,
      serviceTime: 2,
    });
  });

  it("reads a VRPLIB file without windows or fleet size: always open, one vehicle per customer", () => {
    const instance = parseInstance(VRPLIB);
    expect(instance).toMatchObject({ name: "TINY", vehicleCount: 2, capacity: 10, depot: 0 });
    expect(instance.nodes[2]).toEqual({
      number: 2,
      x: 0,
      y: 8,
      demand: 5,
      readyTime: 0,
      dueDate: Number.POSITIVE_INFINITY,
      serviceTime: 0,
    });
  });

  it("detects the format from the content and rejects anything else", () => {
    expect(detectInstanceFormat(SOLOMON)).toBe("solomon");
    expect(detectInstanceFormat(VRPLIB)).toBe("vrplib");
    expect(detectInstanceFormat("hello")).toBeNull();
    expect(() => parseInstance("hello")).toThrow(/unknown instance format/);
    expect(() => parseInstance(SOLOMON.replace("    2      0", "    2      x"))).toThrow(
      /line 12: not a row of numbers/,
    );
  });

  it("turns an instance into a problem with Euclidean matrices in double precision", () => {
    const instance = parseInstance(SOLOMON);
    const problem = vrptwToProblem(instance);
    expect(problem.matrices.distancesM[1]).toBe(5);
    expect(problem.vehicles).toHaveLength(2);
    expect(problem.jobs[0]).toMatchObject({
      id: "1",
      location: 1,
      amount: [5],
      serviceS: 2,
      timeWindows: [[10, 20]],
    });
    expect(routesDistance(instance, [[1, 2]])).toBeCloseTo(5 + 5 + 8);
  });

  describe.skipIf(!hasData)(
    `on ../shared/data/vrp${hasData ? "" : " (skipped: the directory is absent)"}`,
    () => {
      it("reads Solomon and Gehring-Homberger files with the fleet the README gives", () => {
        const c101 = parseInstance(read("solomon/C101.txt"));
        expect(c101).toMatchObject({ name: "C101", vehicleCount: 25, capacity: 200 });
        expect(c101.nodes).toHaveLength(101);
        const gh = parseInstance(read("homberger_200/c1_2_1.txt"));
        expect(gh).toMatchObject({ vehicleCount: 50, capacity: 200 });
        expect(gh.nodes).toHaveLength(201);
      });

      it("reads the VRPLIB copy of C101 as the Solomon file, and its BKS routes measure 828.9369", () => {
        const solomon = parseInstance(read("solomon/C101.txt"));
        const vrplib = parseInstance(read("solomon_vrplib_dimacs/C101.vrp"));
        expect(vrplib.nodes).toEqual(solomon.nodes);
        const routes = read("solomon_vrplib_dimacs/C101.sol")
          .split("\n")
          .filter((line) => line.startsWith("Route"))
          .map((line) => line.split(":")[1]!.trim().split(/\s+/).map(Number));
        expect(routesDistance(vrplib, routes)).toBeCloseTo(828.9369, 4);
      });

      it("reads a CVRP instance of the X set", () => {
        const x = parseInstance(read("cvrp_x/X-n101-k25.vrp"));
        expect(x).toMatchObject({ capacity: 206, depot: 0 });
        expect(x.nodes).toHaveLength(101);
      });
    },
  );
});
